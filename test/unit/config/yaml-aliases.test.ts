// Anchors, aliases and merge keys in prometheus.yml are read as Prometheus reads them, and an
// alias bomb is refused at once with the file and line, not expanded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { cpuMsSince } from '../../helpers/cpu-time';

test('an aliased labels mapping is the anchored one (issue 12: `labels: *a` was refused)', () => {
  const c = parsePrometheusConfig(
    `
scrape_configs:
  - job_name: a
    static_configs:
      - targets: ['localhost:9100']
        labels: &a {env: x}
  - job_name: b
    static_configs:
      - targets: ['localhost:9101']
        labels: *a
`,
    'p.yml',
  );
  assert.deepEqual(
    c.scrapeConfigs.map((s) => s.staticConfigs[0].labels),
    [{ env: 'x' }, { env: 'x' }],
  );
});

test('aliases of scalars, lists and whole scrape configs, and merge keys with overrides', () => {
  const c = parsePrometheusConfig(
    `
global:
  scrape_interval: &every 7s
defaults: &defaults
  scrape_interval: *every
  scrape_timeout: 3s
  metrics_path: /m
hosts: &hosts ['h1:1', 'h2:2']
scrape_configs:
  - &first
    <<: *defaults
    job_name: one
    static_configs: [{targets: *hosts}]
  - <<: [*defaults, {metrics_path: /ignored, scheme: https}]
    job_name: two
    metrics_path: /own
    static_configs: [{targets: *hosts}]
  - <<: *first
    job_name: three
`,
    'p.yml',
  );
  assert.equal(c.global.scrapeIntervalMs, 7000);
  const [one, two, three] = c.scrapeConfigs;
  assert.equal(one.jobName, 'one');
  assert.equal(one.scrapeIntervalMs, 7000);
  assert.equal(one.scrapeTimeoutMs, 3000);
  assert.equal(one.metricsPath, '/m');
  assert.deepEqual(one.staticConfigs[0].targets, ['h1:1', 'h2:2']);
  assert.equal(two.metricsPath, '/own', 'a key written after the merge wins');
  assert.equal(two.scheme, 'https', 'keys only in a later merged mapping are merged');
  assert.equal(two.scrapeTimeoutMs, 3000);
  assert.equal(three.jobName, 'three', 'a merged whole scrape config, renamed');
  assert.equal(three.metricsPath, '/m');
  assert.deepEqual(three.staticConfigs[0].targets, ['h1:1', 'h2:2']);
});

test('a quoted "<<" is an ordinary key, and merging a scalar is an error with its line', () => {
  const c = parsePrometheusConfig(
    `
scrape_configs:
  - job_name: q
    "<<": {metrics_path: /no}
`,
    'p.yml',
  );
  assert.equal(c.scrapeConfigs[0].metricsPath, '/metrics');
  assert.throws(
    () => parsePrometheusConfig('x: &s 5\nscrape_configs:\n  - <<: *s\n    job_name: a\n', 'p.yml'),
    (e: unknown) => e instanceof ConfigError && e.line === 1 && /merges a mapping/.test(e.message),
  );
});

test('an alias bomb is refused at once, naming the file and line', () => {
  // Nine levels of nine aliases each: 9^9 (387 million) nodes once expanded.
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('scrape_configs:', '  - job_name: a', '    static_configs: [{targets: [x:1], labels: *l9}]');
  const t0 = process.cpuUsage();
  assert.throws(
    () => parsePrometheusConfig(lines.join('\n'), 'bomb.yml'),
    (e: unknown) =>
      e instanceof ConfigError &&
      /^bomb\.yml:\d+: \(yaml\): aliases expand this to more than/.test(e.message),
  );
  assert.ok(cpuMsSince(t0) < 1000, 'refused without expanding');
});

test('a merge of many aliases of a big mapping is refused before any pair is copied', () => {
  const big = `big: &big {${Array.from({ length: 2000 }, (_, i) => `k${i}: v`).join(', ')}}`;
  const merge = `x: {<<: [${Array(5000).fill('*big').join(', ')}]}`;
  const t0 = process.cpuUsage();
  assert.throws(
    () => parsePrometheusConfig(`${big}\n${merge}\n`, 'm.yml'),
    (e: unknown) => e instanceof ConfigError && e.line === 2 && /more than 400000 nodes/.test(e.message),
  );
  // Copying them first would be 10 million pairs.
  assert.ok(cpuMsSince(t0) < 3000);
});

test('a document large through aliases but under the bound is read', () => {
  // 300 aliases of a 100-element list: 30,000 added nodes.
  const list = `[${Array.from({ length: 100 }, (_, i) => `'h${i}:9100'`).join(', ')}]`;
  const configs = Array.from(
    { length: 300 },
    (_, i) => `  - job_name: j${i}\n    static_configs: [{targets: *hosts}]`,
  );
  const c = parsePrometheusConfig(`hosts: &hosts ${list}\nscrape_configs:\n${configs.join('\n')}\n`, 'p.yml');
  assert.equal(c.scrapeConfigs.length, 300);
  assert.equal(c.scrapeConfigs[299].staticConfigs[0].targets.length, 100);
});

test('an alias to an unknown anchor is still a YAML error with its line', () => {
  assert.throws(
    () => parsePrometheusConfig('global:\n  external_labels: *nope\n', 'p.yml'),
    (e: unknown) => e instanceof ConfigError && e.line === 2,
  );
});
