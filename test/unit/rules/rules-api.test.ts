// /api/v1/rules and /api/v1/alerts bodies in Prometheus 2.42's shapes, from a RuleManager that ran
// on the real store: key order and types as Debian's prometheus 2.42 answers them (recording rules
// without empty labels, durations in seconds, values as Go's %e, times as Go's RFC 3339), the type
// filter and its error, and the rule metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../electron/engine/store/open-store';
import { QueryEngine } from '../../../electron/engine/query/engine';
import { RuleManager } from '../../../electron/engine/rules/manager';
import { queryEngineFunc } from '../../../electron/engine/rules/query-func';
import { storeOut } from '../../../electron/engine/rules/store-out';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';
import { alertsJson, goTimeJson, rulesJson } from '../../../electron/engine/http/rules-api';
import { ApiError } from '../../../electron/engine/http/api-error';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_700_000_000_000;

test('Go time JSON: trailing zeros trimmed, the zero time for never', () => {
  assert.equal(goTimeJson(0), '0001-01-01T00:00:00Z');
  assert.equal(goTimeJson(T0), '2023-11-14T22:13:20Z');
  assert.equal(goTimeJson(T0 + 120), '2023-11-14T22:13:20.12Z');
  assert.equal(goTimeJson(T0 + 5), '2023-11-14T22:13:20.005Z');
});

test('rules and alerts bodies as Prometheus 2.42 gives them', async (t) => {
  const dir = tempDir();
  const store = openStore(dir.path);
  const clock = new FakeClock(T0);
  const rules = new RuleManager({
    clock,
    query: queryEngineFunc(new QueryEngine(store, { compat: '2.42' })),
    querier: store,
    out: storeOut(
      () => store.appender(),
      () => {},
      () => {},
    ),
    externalURL: 'http://x:9090/',
    log: () => {},
  });
  t.after(() => {
    rules.close();
    store.close();
    dir.remove();
  });
  rules.configure({ evaluationIntervalMs: 1000, externalLabels: {} });
  const app = store.appender();
  for (let i = -5; i <= 10; i++) {
    app.append({ __name__: 'up', job: 'self', instance: 'h:1' }, T0 + i * 1000, 1);
    app.append({ __name__: 'up2', job: 'self', instance: 'h:1' }, T0 + i * 1000, 1);
  }
  app.commit();
  const parsed = parseRuleFile(
    `groups:
- name: g
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
    labels: {x: y}
  - record: plain
    expr: vector(1)
  - alert: Up
    expr: up == 1
    keep_firing_for: 1m
    labels: {sev: "{{ $labels.job }}"}
    annotations: {s: "{{ $value | humanize }}"}
  - alert: UpPending
    expr: up == 1
    for: 10m
  - alert: Never
    expr: up == 5
  - alert: Bad
    expr: '{__name__=~"up|up2"}'
`,
    'rules.yml',
  );
  rules.setGroups('config', parsed.groups);
  const before = rulesJson(rules.status(), null) as {
    groups: { lastEvaluation: string; rules: unknown[] }[];
  };
  assert.equal(before.groups[0].lastEvaluation, '0001-01-01T00:00:00Z');
  await clock.advance(4000, async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  });
  const body = rulesJson(rules.status(), null) as { groups: Record<string, unknown>[] };
  const g = body.groups[0];
  assert.deepEqual(Object.keys(g), [
    'name',
    'file',
    'rules',
    'interval',
    'limit',
    'evaluationTime',
    'lastEvaluation',
  ]);
  assert.equal(g.interval, 1);
  assert.equal(g.limit, 0);
  assert.equal(typeof g.evaluationTime, 'number');
  assert.match(g.lastEvaluation as string, /^2023-11-14T22:13:2\d(\.\d+)?Z$/);
  const [rec, plain, up, pending, never, bad] = g.rules as Record<string, unknown>[];
  assert.deepEqual(Object.keys(rec), [
    'name',
    'query',
    'labels',
    'health',
    'evaluationTime',
    'lastEvaluation',
    'type',
  ]);
  assert.deepEqual(
    [rec.name, rec.query, rec.labels, rec.health, rec.type],
    ['job:up:sum', 'sum by (job) (up)', { x: 'y' }, 'ok', 'recording'],
  );
  assert.deepEqual(Object.keys(plain), [
    'name',
    'query',
    'health',
    'evaluationTime',
    'lastEvaluation',
    'type',
  ]);
  assert.deepEqual(Object.keys(up), [
    'state',
    'name',
    'query',
    'duration',
    'keepFiringFor',
    'labels',
    'annotations',
    'alerts',
    'health',
    'evaluationTime',
    'lastEvaluation',
    'type',
  ]);
  assert.deepEqual(
    [up.state, up.duration, up.keepFiringFor, up.labels, up.type],
    ['firing', 0, 60, { sev: '{{ $labels.job }}' }, 'alerting'],
  );
  const alert = (up.alerts as Record<string, unknown>[])[0];
  assert.deepEqual(Object.keys(alert), ['labels', 'annotations', 'state', 'activeAt', 'value']);
  assert.deepEqual(alert.labels, { alertname: 'Up', instance: 'h:1', job: 'self', sev: 'self' });
  assert.deepEqual(Object.keys(alert.labels as object), ['alertname', 'instance', 'job', 'sev']);
  assert.deepEqual(alert.annotations, { s: '1' });
  assert.equal(alert.value, '1e+00');
  assert.match(alert.activeAt as string, /^2023-11-14T22:13:2\d(\.\d+)?Z$/);
  assert.equal(pending.state, 'pending');
  assert.equal(pending.duration, 600);
  assert.deepEqual([never.state, never.alerts, never.health], ['inactive', [], 'ok']);
  assert.deepEqual(
    [bad.health, bad.lastError],
    ['err', 'vector contains metrics with the same labelset after applying alert labels'],
  );
  assert.deepEqual(Object.keys(bad).slice(8, 10), ['health', 'lastError']);

  const alerts = alertsJson(rules.status()) as { alerts: { labels: { alertname: string }; state: string }[] };
  assert.deepEqual(
    alerts.alerts.map((a) => [a.labels.alertname, a.state]),
    [
      ['Up', 'firing'],
      ['UpPending', 'pending'],
    ],
  );
  const onlyRecords = rulesJson(rules.status(), 'record') as { groups: { rules: { type: string }[] }[] };
  assert.deepEqual(
    onlyRecords.groups[0].rules.map((r) => r.type),
    ['recording', 'recording'],
  );
  const onlyAlerts = rulesJson(rules.status(), 'alert') as { groups: { rules: { type: string }[] }[] };
  assert.equal(onlyAlerts.groups[0].rules.length, 4);
  assert.throws(
    () => rulesJson(rules.status(), 'foo'),
    (e: unknown) =>
      e instanceof ApiError &&
      e.status === 400 &&
      e.message === 'invalid parameter "type": not supported value "foo"',
  );
  const metrics = rules.renderMetrics();
  assert.match(metrics, /^promdesk_rules_last_reload_successful 1$/m);
  assert.match(metrics, /^promdesk_rule_group_rules\{rule_group="rules\.yml;g"\} 6$/m);
  assert.match(metrics, /^promdesk_rule_evaluation_failures_total\{rule_group="rules\.yml;g"\} [1-9]/m);
  assert.match(metrics, /^promdesk_rule_evaluations_total\{rule_group="rules\.yml;g"\} [1-9]\d*$/m);
  assert.match(metrics, /^promdesk_rule_group_last_duration_seconds\{rule_group="rules\.yml;g"\} /m);
});
