import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { parseDuration } from '../../../shared/duration';
import { configTargetSpecs } from '../../../electron/engine/targets';
import { tempDir } from '../../helpers/tmp';

const full = `
global:
  scrape_interval: 15s
  external_labels:
    site: home
rule_files: [a.yml]
scrape_configs:
  - job_name: node
    scrape_interval: 5s
    scrape_timeout: 2s
    metrics_path: /probe
    scheme: https
    params:
      module: [http_2xx]
    honor_labels: true
    honor_timestamps: false
    basic_auth:
      username: u
      password: p
    tls_config:
      insecure_skip_verify: true
    static_configs:
      - targets: ['nas.lan:9100', '10.0.0.2:9100']
        labels:
          room: attic
    relabel_configs: []
  - job_name: thermo
    authorization:
      credentials: tok
    static_configs:
      - targets: [localhost:9200]
`;

test('reads global and scrape_configs like Prometheus, warning about unsupported keys', () => {
  const c = parsePrometheusConfig(full, 'p.yml');
  assert.equal(c.global.scrapeIntervalMs, 15_000);
  assert.equal(c.global.scrapeTimeoutMs, 10_000);
  assert.deepEqual(c.global.externalLabels, { site: 'home' });
  const [node, thermo] = c.scrapeConfigs;
  assert.equal(node.scrapeIntervalMs, 5000);
  assert.equal(node.scrapeTimeoutMs, 2000);
  assert.equal(node.honorLabels, true);
  assert.equal(node.honorTimestamps, false);
  assert.deepEqual(node.basicAuth, { username: 'u', password: 'p' });
  assert.equal(node.tls.insecureSkipVerify, true);
  assert.equal(thermo.scrapeIntervalMs, 15_000, 'inherits the global interval');
  assert.equal(thermo.scrapeTimeoutMs, 10_000);
  assert.equal(thermo.bearerToken, 'tok');
  assert.ok(!c.warnings.some((w) => w.includes('rule_files')), 'rule_files are read');
  assert.ok(!c.warnings.some((w) => w.includes('relabel_configs')), 'relabel_configs are read');
  assert.deepEqual(node.relabelConfigs, []);
  const specs = configTargetSpecs(c);
  assert.equal(specs.length, 3);
  assert.equal(specs[0].input.url, 'https://nas.lan:9100/probe?module=http_2xx');
  assert.equal(specs[0].instance, 'nas.lan:9100');
  assert.deepEqual(specs[0].input.labels, { room: 'attic' });
  assert.equal(specs[2].input.auth.type, 'bearer');
});

test('a timeout defaults to the interval when the interval is shorter', () => {
  const c = parsePrometheusConfig(
    'global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["h:1"]}]\n',
    'x.yml',
  );
  assert.equal(c.scrapeConfigs[0].scrapeTimeoutMs, 1000);
});

function errorOf(text: string): ConfigError {
  try {
    parsePrometheusConfig(text, 'bad.yml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('invalid YAML and values give errors naming file, line and key', () => {
  let e = errorOf('scrape_configs:\n  - job_name: a\n    scrape_interval: 5 seconds\n');
  assert.equal(e.line, 3);
  assert.match(e.message, /^bad\.yml:3: scrape_configs\[a\]\.scrape_interval: not a valid duration/);
  e = errorOf('scrape_configs:\n  - job_name: a\n   bad: [\n');
  assert.match(e.message, /^bad\.yml:\d+: \(yaml\)/);
  e = errorOf('scrape_configs:\n  - job_name: a\n    scrape_interval: 1s\n    scrape_timeout: 5s\n');
  assert.match(e.message, /bad\.yml:4: .*scrape timeout greater than scrape interval/);
  e = errorOf('scrape_configs:\n  - job_name: a\n  - job_name: a\n');
  assert.match(e.message, /bad\.yml:3: .*multiple scrape configs with job name "a"/);
  e = errorOf('scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["http://x:1"]\n');
  assert.match(e.message, /bad\.yml:4: .*not a valid host:port/);
  e = errorOf('scrape_configs:\n  - job_name: a\n    honor_labels: yes please\n');
  assert.match(e.message, /bad\.yml:3: .*honor_labels: expected true or false/);
  e = errorOf('scrape_configs:\n  - job_name: a\n    static_configs:\n      - labels: {"bad-name": x}\n');
  assert.match(e.message, /bad\.yml:4: .*not a valid label name/);
});

test('durations parse like Prometheus', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.equal(parseDuration('30m1h'), null);
  assert.equal(parseDuration('1.5s'), null);
  assert.equal(parseDuration(''), null);
});

test('files named by auth and tls blocks are read relative to the config file, in every section', () => {
  const dir = tempDir('promdesk-config-files-');
  try {
    mkdirSync(join(dir.path, 'secrets'));
    writeFileSync(join(dir.path, 'secrets', 'pw'), 'hunter2\n');
    writeFileSync(join(dir.path, 'secrets', 'token'), 'tok-1\n');
    const file = join(dir.path, 'prometheus.yml');
    const cfg = parsePrometheusConfig(
      `
scrape_configs:
  - job_name: a
    basic_auth: { username: u, password_file: secrets/pw }
    tls_config: { ca_file: secrets/ca.pem }
    static_configs: [{ targets: ['h:1'] }]
  - job_name: b
    authorization: { credentials_file: secrets/token }
    http_sd_configs:
      - url: http://127.0.0.1:1/sd
        basic_auth: { username: v, password_file: secrets/pw }
remote_write:
  - url: http://127.0.0.1:2/write
    bearer_token_file: secrets/token
`,
      file,
    );
    const [a, b] = cfg.scrapeConfigs;
    assert.deepEqual(a.basicAuth, { username: 'u', password: 'hunter2' });
    assert.equal(a.tls.caFile, join(dir.path, 'secrets', 'ca.pem'));
    assert.equal(b.bearerToken, 'tok-1');
    assert.deepEqual(b.httpSdConfigs[0].basicAuth, { username: 'v', password: 'hunter2' });
    assert.equal(cfg.remoteWrite[0].bearerToken, 'tok-1');
    // The same checks in every section: both a password and its file, or a Basic authorization.
    assert.throws(
      () =>
        parsePrometheusConfig(
          `scrape_configs:\n  - job_name: c\n    http_sd_configs:\n      - url: http://h/sd\n        basic_auth: { username: u, password: p, password_file: secrets/pw }\n`,
          file,
        ),
      /prometheus\.yml:5: scrape_configs\[c\]\.http_sd_configs\[0\]\.basic_auth: at most one of basic_auth password & password_file/,
    );
    assert.throws(
      () =>
        parsePrometheusConfig(
          `remote_write:\n  - url: http://h/w\n    authorization: { type: Basic, credentials: x }\n`,
          file,
        ),
      /remote_write\[0\]\.authorization\.type: authorization type cannot be set to "basic"/,
    );
    assert.throws(
      () => parsePrometheusConfig(`remote_write:\n  - url: http://h/w\n    bearer_token_file: nope\n`, file),
      /remote_write\[0\]\.bearer_token_file: cannot read "nope"/,
    );
  } finally {
    dir.remove();
  }
});
