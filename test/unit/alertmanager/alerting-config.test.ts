// prometheus.yml's alerting: block as Prometheus 2.42 reads it, and the Alertmanager URLs its
// static targets and relabel_configs give (AlertmanagerFromGroup's rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { alertmanagerEndpoints } from '../../../electron/engine/notify/alertmanager/endpoints';
import { tempDir } from '../../helpers/tmp';

function configError(text: string): ConfigError {
  try {
    parsePrometheusConfig(text, 'p.yml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('alerting: defaults as 2.42 (http, v2, 10s), every option read, nothing warned as unsupported', () => {
  const dir = tempDir();
  writeFileSync(join(dir.path, 'pw'), 'secret\n');
  const file = join(dir.path, 'prometheus.yml');
  const c = parsePrometheusConfig(
    `
global: {external_labels: {site: lab}}
alerting:
  alert_relabel_configs:
    - {action: labeldrop, regex: replica}
  alertmanagers:
    - static_configs: [{targets: ['am1:9093', 'am2:9093']}]
    - scheme: https
      path_prefix: /am/
      timeout: 3s
      api_version: v2
      basic_auth: {username: u, password_file: pw}
      tls_config: {insecure_skip_verify: true, server_name: am.lan}
      static_configs:
        - targets: [am3]
          labels: {dc: x}
      relabel_configs:
        - {source_labels: [dc], target_label: __address__, replacement: 'am-$1:9443'}
`,
    file,
  );
  dir.remove();
  assert.deepEqual(c.warnings, []);
  const a = c.alerting!;
  assert.equal(a.alertRelabelConfigs.length, 1);
  const [plain, tls] = a.alertmanagers;
  assert.equal(plain.scheme, 'http');
  assert.equal(plain.apiVersion, 'v2');
  assert.equal(plain.timeoutMs, 10_000);
  assert.equal(plain.pathPrefix, '');
  assert.deepEqual(plain.staticConfigs, [{ targets: ['am1:9093', 'am2:9093'], labels: {} }]);
  assert.equal(tls.timeoutMs, 3000);
  assert.deepEqual(
    tls.basicAuth,
    { username: 'u', password: 'secret' },
    'password_file relative to the config',
  );
  assert.equal(tls.tls.insecureSkipVerify, true);
  assert.equal(tls.tls.serverName, 'am.lan');
  assert.deepEqual(alertmanagerEndpoints(plain).urls, [
    'http://am1:9093/api/v2/alerts',
    'http://am2:9093/api/v2/alerts',
  ]);
  assert.deepEqual(alertmanagerEndpoints(tls).urls, ['https://am-x:9443/am/api/v2/alerts']);
});

test('alerting absent or empty: no Alertmanagers; api_version v1 kept (2.42 still takes it) with a warning', () => {
  assert.equal(parsePrometheusConfig('global: {}\n', 'p.yml').alerting, undefined);
  assert.deepEqual(parsePrometheusConfig('alerting:\n', 'p.yml').alerting, {
    alertRelabelConfigs: [],
    alertmanagers: [],
  });
  const c = parsePrometheusConfig(
    'alerting:\n  alertmanagers:\n    - api_version: v1\n      static_configs: [{targets: [am:9093]}]\n      consul_sd_configs: [{server: x}]\n',
    'p.yml',
  );
  assert.equal(c.alerting!.alertmanagers[0].apiVersion, 'v1');
  assert.deepEqual(alertmanagerEndpoints(c.alerting!.alertmanagers[0]).urls, [
    'http://am:9093/api/v1/alerts',
  ]);
  assert.ok(
    c.warnings.some((w) => w.startsWith('p.yml:3: alerting.alertmanagers[0].api_version: v1 is deprecated')),
  );
  assert.ok(
    c.warnings.some((w) =>
      w.startsWith('p.yml:5: alerting.alertmanagers[0].consul_sd_configs: not supported'),
    ),
  );
});

test('bad alerting blocks name the file, the line and the key', () => {
  const cases: [string, string][] = [
    [
      'alerting:\n  alertmanagers:\n    - api_version: v3\n',
      'p.yml:3: alerting.alertmanagers[0].api_version: expected Alertmanager api version to be one of [v1 v2] but got v3',
    ],
    [
      'alerting:\n  alertmanagers:\n    - scheme: ftp\n',
      'p.yml:3: alerting.alertmanagers[0].scheme: must be http or https, not "ftp"',
    ],
    [
      'alerting:\n  alertmanagers:\n    - timeout: soon\n',
      'p.yml:3: alerting.alertmanagers[0].timeout: not a valid duration string: "soon"',
    ],
    [
      'alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["http://am:9093"]\n',
      'p.yml:4: alerting.alertmanagers[0].static_configs[0].targets: "http://am:9093" is not a valid hostname',
    ],
    [
      'alerting:\n  alert_relabel_configs:\n    - {action: hashmod, target_label: x}\n',
      'p.yml:3: alerting.alert_relabel_configs[0].modulus: relabel configuration for hashmod requires non-zero modulus',
    ],
    [
      'alerting:\n  alertmanagers:\n    - relabel_configs:\n        - {action: nonsense}\n',
      'p.yml:4: alerting.alertmanagers[0].relabel_configs[0].action',
    ],
    [
      'alerting:\n  alertmanagers:\n    - basic_auth: {username: u}\n      authorization: {credentials: t}\n',
      'p.yml:3: alerting.alertmanagers[0]: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    ],
    [
      'alerting:\n  alertmanagers:\n    - authorization: {type: Basic, credentials: t}\n',
      'p.yml:3: alerting.alertmanagers[0].authorization.type: authorization type cannot be set to "basic"',
    ],
    [
      'alerting:\n  alertmanagers:\n    - tls_config: {ca_file: /no/such/ca.pem}\n',
      'p.yml:3: alerting.alertmanagers[0].tls_config.ca_file: cannot read "/no/such/ca.pem"',
    ],
    [
      'alerting:\n  alertmanagers:\n    - file_sd_configs:\n        - files: [am.txt]\n',
      'p.yml:4: alerting.alertmanagers[0].file_sd_configs[0].files: path name "am.txt" is not valid for file discovery',
    ],
    ['alerting: [1]\n', 'p.yml:1: alerting: expected a mapping'],
  ];
  for (const [text, want] of cases) {
    const e = configError(text);
    assert.ok(e.message.startsWith(want), `${JSON.stringify(text)}:\n  got  ${e.message}\n  want ${want}`);
  }
});

test('a URL as a target is fine once relabel_configs make the address (as 2.42 checks)', () => {
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - static_configs: [{targets: ["http://am:9093/x"]}]
      relabel_configs:
        - {source_labels: [__address__], regex: 'https?://([^/]+)/.*', target_label: __address__}
`,
    'p.yml',
  );
  assert.deepEqual(alertmanagerEndpoints(c.alerting!.alertmanagers[0]).urls, [
    'http://am:9093/api/v2/alerts',
  ]);
});

test('endpoints: relabel_configs set the scheme and path, drop targets, and the list is deduplicated', () => {
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - path_prefix: sub
      static_configs:
        - targets: [a:1, a:1, b:2]
          labels: {tier: keep}
        - targets: [c:3]
          labels: {tier: drop}
        - targets: [d:4]
          labels: {tier: keep, tls: "yes"}
      relabel_configs:
        - {source_labels: [tier], regex: keep, action: keep}
        - {source_labels: [tls], regex: "yes", target_label: __scheme__, replacement: https}
        - {source_labels: [__address__], regex: "b:2", target_label: __alerts_path__, replacement: /other}
`,
    'p.yml',
  );
  const e = alertmanagerEndpoints(c.alerting!.alertmanagers[0]);
  assert.deepEqual(e.urls, [
    'http://a:1/sub/api/v2/alerts',
    'http://b:2/other',
    'https://d:4/sub/api/v2/alerts',
  ]);
  assert.deepEqual(e.dropped, ['http://c:3/sub/api/v2/alerts'], 'the URL before relabeling');
  assert.deepEqual(e.errors, []);
});

test('endpoints: an address left with a "/" after relabeling skips its group with the reason', () => {
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - static_configs:
        - targets: [ok:1]
        - targets: [bad:2]
      relabel_configs:
        - {source_labels: [__address__], regex: "bad:2", target_label: __address__, replacement: "x/y"}
`,
    'p.yml',
  );
  const e = alertmanagerEndpoints(c.alerting!.alertmanagers[0]);
  assert.deepEqual(e.urls, ['http://ok:1/api/v2/alerts']);
  assert.deepEqual(e.errors, ['creating discovered Alertmanagers failed: "x/y" is not a valid hostname']);
});
