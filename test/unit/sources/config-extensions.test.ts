// The prometheus.yml extensions promdesk_json and promdesk_tcp_stream: parsed into JSON and
// tcp-stream targets; bad blocks are ConfigErrors naming the line and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { configTargetSpecs } from '../../../electron/engine/targets';

test('promdesk_json and promdesk_tcp_stream make JSON and tcp-stream targets', () => {
  const cfg = parsePrometheusConfig(
    `scrape_configs:
  - job_name: tstat
    metrics_path: /tstat
    promdesk_json: { preset: radio-thermostat }
    static_configs: [{ targets: ['thermostat.lan:80'] }]
  - job_name: nundb
    promdesk_json:
      metrics:
        - name: nundb_oplog_$key
          path: $.oplog.*
          type: counter
    static_configs: [{ targets: ['db:9000'] }]
  - job_name: app
    promdesk_tcp_stream:
      histogram: summary
      quantiles: [0.5, 0.99]
    static_configs: [{ targets: ['127.0.0.1:5000'] }]
  - job_name: app2
    promdesk_tcp_stream:
    static_configs: [{ targets: ['127.0.0.1:5001'] }]
`,
    'p.yml',
  );
  assert.deepEqual(cfg.warnings, []);
  const specs = configTargetSpecs(cfg);
  assert.equal(specs[0].input.kind, 'json');
  assert.equal(specs[0].input.url, 'http://thermostat.lan:80/tstat');
  assert.deepEqual(specs[0].input.json, { preset: 'radio-thermostat' });
  assert.equal(specs[1].input.json?.metrics?.[0].type, 'counter');
  assert.equal(specs[2].input.kind, 'tcp-stream');
  assert.equal(specs[2].input.url, 'tcp://127.0.0.1:5000');
  assert.equal(specs[2].instance, '127.0.0.1:5000');
  assert.deepEqual(specs[2].input.tcp, { histogram: 'summary', quantiles: [0.5, 0.99] });
  assert.deepEqual(specs[3].input.tcp, { histogram: 'buckets' });
});

test('bad extension blocks name the line and key', () => {
  const bad = (block: string) => () =>
    parsePrometheusConfig(
      `scrape_configs:\n  - job_name: x\n    ${block}\n    static_configs: [{ targets: ['a:1'] }]\n`,
      'p.yml',
    );
  assert.throws(
    bad('promdesk_json: { preset: nest }'),
    /p\.yml:3: scrape_configs\[x\]\.promdesk_json: unknown JSON preset "nest"/,
  );
  assert.throws(bad("promdesk_json: { metrics: [{ name: a, path: '$.a[' }] }"), /invalid JSON path/);
  assert.throws(bad('promdesk_tcp_stream: { histogram: hdr }'), /promdesk_tcp_stream\.histogram/);
});
