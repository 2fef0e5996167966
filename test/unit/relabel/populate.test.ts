// A target's labels and URL as Prometheus 2.42's populateLabels and Target.URL make them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { populateLabels, splitHostPort } from '../../../electron/engine/relabel/populate';
import { targetUrl } from '../../../electron/engine/relabel/target-url';
import { checkRelabelRule, type RelabelFields } from '../../../electron/engine/relabel/check-rule';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { configTargets } from '../../../electron/engine/targets';

const job = {
  jobName: 'j',
  scheme: 'http',
  metricsPath: '/metrics',
  scrapeIntervalMs: 15_000,
  scrapeTimeoutMs: 10_000,
  params: {} as Record<string, string[]>,
};
const pop = (labels: Record<string, string>, ...rules: RelabelFields[]) =>
  populateLabels(
    labels,
    job,
    rules.map((r) => checkRelabelRule(r)),
  );

test('defaults fill the special labels; a default port is added; instance is the address', () => {
  const t = pop({ __address__: 'nas.lan', __meta_x: 'm', empty: '' });
  assert.equal(t.kind, 'active');
  assert.deepEqual(t.kind === 'active' && t.labels, {
    __address__: 'nas.lan:80',
    __metrics_path__: '/metrics',
    __scheme__: 'http',
    __scrape_interval__: '15s',
    __scrape_timeout__: '10s',
    instance: 'nas.lan:80',
    job: 'j',
  });
  assert.deepEqual(t.kind === 'active' && t.discovered, {
    __address__: 'nas.lan',
    __meta_x: 'm',
    __metrics_path__: '/metrics',
    __scheme__: 'http',
    __scrape_interval__: '15s',
    __scrape_timeout__: '10s',
    job: 'j',
  });
  const https = populateLabels({ __address__: '[::1]' }, { ...job, scheme: 'https' }, []);
  assert.equal(https.kind === 'active' && https.labels.__address__, '[::1]:443');
});

test('unusable labels: neither active nor dropped; a drop keeps the discovered labels', () => {
  assert.deepEqual(
    pop({ __address__: 'h:1' }, { target_label: '__address__', replacement: '' }).kind,
    'failed',
  );
  assert.deepEqual(pop({ __address__: 'http://h:1/x' }, { target_label: 'a', replacement: 'b' }), {
    kind: 'failed',
    error: '"http://h:1/x" is not a valid hostname',
  });
  assert.equal(
    pop({ __address__: 'h:1' }, { target_label: '__scrape_timeout__', replacement: '20s' }).kind,
    'failed',
  );
  assert.equal(
    pop({ __address__: 'h:1' }, { target_label: '__scrape_interval__', replacement: 'soon' }).kind,
    'failed',
  );
  assert.equal(
    pop({ __address__: 'h:1' }, { target_label: '__scheme__', replacement: 'ftp' }).kind,
    'active',
  );
  assert.equal(pop({ __address__: 'h' }, { target_label: '__scheme__', replacement: 'ftp' }).kind, 'failed');
  const d = pop({ __address__: 'h:1' }, { action: 'drop', source_labels: ['job'], regex: 'j' });
  assert.equal(d.kind, 'dropped');
  assert.equal(d.kind === 'dropped' && d.discovered.__address__, 'h:1');
});

test('Go net.SplitHostPort', () => {
  assert.deepEqual(splitHostPort('h:1'), { host: 'h', port: '1' });
  assert.deepEqual(splitHostPort('h:'), { host: 'h', port: '' });
  assert.deepEqual(splitHostPort('[::1]:9'), { host: '::1', port: '9' });
  assert.equal(splitHostPort('h'), null);
  assert.equal(splitHostPort('::1'), null);
  assert.equal(splitHostPort('[::1]'), null);
  assert.deepEqual(splitHostPort('http://h'), { host: 'http', port: '//h' });
});

test('scrape URL: params first values replaced by __param_ labels, keys sorted, Go escaping', () => {
  assert.equal(
    targetUrl(
      {
        __scheme__: 'http',
        __address__: 'p:9115',
        __metrics_path__: '/probe',
        __param_target: 'http://x/?a=b c',
        __param_module: 'z',
      },
      { module: ['a', 'b'], other: ['o'] },
    ),
    'http://p:9115/probe?module=z&module=b&other=o&target=http%3A%2F%2Fx%2F%3Fa%3Db+c',
  );
  assert.equal(
    targetUrl({ __scheme__: 'https', __address__: 'h:1', __metrics_path__: 'm x' }, {}),
    'https://h:1/m%20x',
  );
});

test('the blackbox pattern from prometheus.yml to targets; dropped targets and failures kept apart', () => {
  const c = parsePrometheusConfig(
    `scrape_configs:
  - job_name: bb
    metrics_path: /probe
    params: {module: [http_2xx]}
    static_configs:
      - targets: [http://a.lan, 'https://b.lan/x?y=1', drop.me]
    relabel_configs:
      - {source_labels: [__address__], regex: drop.*, action: drop}
      - {source_labels: [__address__], target_label: __param_target}
      - {source_labels: [__param_target], target_label: instance}
      - {target_label: __address__, replacement: '127.0.0.1:9115'}
  - job_name: plain
    static_configs:
      - targets: [h:1, h:1]
      - targets: [h:1]
        labels: {x: y}
`,
    'p.yml',
  );
  const { active, dropped, failures } = configTargets(c);
  assert.deepEqual(
    active.map((s) => [s.input.url, s.labels]),
    [
      [
        'http://127.0.0.1:9115/probe?module=http_2xx&target=http%3A%2F%2Fa.lan',
        { instance: 'http://a.lan', job: 'bb' },
      ],
      [
        'http://127.0.0.1:9115/probe?module=http_2xx&target=https%3A%2F%2Fb.lan%2Fx%3Fy%3D1',
        { instance: 'https://b.lan/x?y=1', job: 'bb' },
      ],
      ['http://h:1/metrics', { instance: 'h:1', job: 'plain' }],
      ['http://h:1/metrics', { instance: 'h:1', job: 'plain', x: 'y' }],
    ],
    'the same labels and URL twice is one target',
  );
  assert.equal(new Set(active.map((s) => s.id)).size, 4);
  assert.deepEqual(dropped, [
    {
      scrapePool: 'bb',
      discoveredLabels: {
        __address__: 'drop.me',
        __metrics_path__: '/probe',
        __param_module: 'http_2xx',
        __scheme__: 'http',
        __scrape_interval__: '1m',
        __scrape_timeout__: '10s',
        job: 'bb',
      },
    },
  ]);
  assert.deepEqual(failures, []);
});
