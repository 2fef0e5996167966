// The group evaluator with Prometheus 2.42's semantics on the real PromQL engine: rules in order
// seeing earlier results, stale markers, the alert state machine (pending, firing, resolved and
// kept 15 minutes, keep_firing_for), ALERTS / ALERTS_FOR_STATE, templates, errors and limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuleGroup } from '../../../electron/engine/rules/group';
import { AlertingRule } from '../../../electron/engine/rules/alerting-rule';
import { MemorySeries } from '../../../electron/engine/rules/memory-series';
import { engineQueryFunc } from '../../../electron/engine/rules/query-func';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';

const M = 60_000;

function setup(yaml: string, series: { labels: Record<string, string>; values: (number | null)[] }[]) {
  const parsed = parseRuleFile(yaml, 'rules.yml');
  assert.deepEqual(parsed.errors, []);
  const store = new MemorySeries();
  for (const s of series) s.values.forEach((v, i) => v !== null && store.append(s.labels, i * M, v, false));
  const query = engineQueryFunc(store, { compat: '2.42', defaultSubqueryStepMs: M });
  const env = { query, externalLabels: { site: 'lab' }, externalURL: 'http://x:9090' };
  const group = new RuleGroup(parsed.groups[0], env, store);
  const at = (ts: number) => {
    store.loadTill(ts);
    group.eval(ts);
  };
  return { store, group, at, query };
}

test('alert: inactive -> pending -> firing -> resolved (kept 15m) with ALERTS and ALERTS_FOR_STATE', () => {
  const { group, at, query } = setup(
    `groups:
- name: g
  rules:
  - alert: Down
    expr: up == 0
    for: 2m
    labels: {severity: "{{ $labels.job }}-page"}
    annotations: {summary: "{{ $labels.instance }} down, value {{ $value }} at {{ $externalLabels.site }}"}
`,
    [{ labels: { __name__: 'up', job: 'j', instance: 'i' }, values: [1, 0, 0, 0, 0, 1, 1] }],
  );
  const rule = group.rules[0] as AlertingRule;
  const states: string[] = [];
  for (let t = 0; t <= 6 * M; t += M) {
    at(t);
    states.push(
      rule
        .activeAlerts()
        .map((a) => a.state)
        .join() || '-',
    );
  }
  assert.deepEqual(states, ['-', 'pending', 'pending', 'firing', 'firing', '-', '-']);
  const kept = rule.allAlerts();
  assert.equal(kept.length, 1, 'a resolved alert is kept');
  assert.equal(kept[0].resolvedAtMs, 5 * M);
  assert.deepEqual(kept[0].labels, { alertname: 'Down', instance: 'i', job: 'j', severity: 'j-page' });
  assert.equal(kept[0].annotations.summary, 'i down, value 0 at lab');
  assert.deepEqual(
    query('ALERTS', 3 * M).map((s) => [s.labels.alertstate, s.v]),
    [['firing', 1]],
  );
  assert.deepEqual(
    query('ALERTS_FOR_STATE', 4 * M).map((s) => s.v),
    [60],
  );
  assert.deepEqual(query('ALERTS', 5 * M), [], 'ALERTS is stale once resolved');
  for (let t = 7 * M; t <= 21 * M; t += M) at(t);
  assert.equal(rule.allAlerts().length, 0, 'dropped after 15 minutes');
});

test('keep_firing_for holds a firing alert after its expression stops returning it', () => {
  const { group, at } = setup(
    `groups:
- name: g
  rules:
  - alert: Hot
    expr: t > 5
    keep_firing_for: 2m
`,
    [{ labels: { __name__: 't' }, values: [9, 1, 1, 1, 1] }],
  );
  const rule = group.rules[0] as AlertingRule;
  const states: string[] = [];
  for (let t = 0; t <= 4 * M; t += M) {
    at(t);
    states.push(
      rule
        .activeAlerts()
        .map((a) => a.state)
        .join() || '-',
    );
  }
  assert.deepEqual(states, ['firing', 'firing', 'firing', '-', '-']);
});

test('rules see earlier rules of the same evaluation; a vanished series gets a stale marker', () => {
  const { at, query, store } = setup(
    `groups:
- name: g
  rules:
  - record: a:double
    expr: a * 2
    labels: {src: r}
  - record: a:quad
    expr: a:double * 2
`,
    [{ labels: { __name__: 'a', k: '1' }, values: [1, 2, null, null, null, null, null, null] }],
  );
  at(0);
  assert.deepEqual(
    query('a:quad', 0).map((s) => s.v),
    [4],
  );
  at(M);
  at(2 * M);
  // a is still within the 5m lookback at 2m, so both rules still return it.
  assert.deepEqual(
    query('a:quad', 2 * M).map((s) => s.v),
    [8],
  );
  for (let t = 3 * M; t <= 7 * M; t += M) at(t);
  const raw = store.select([{ name: '__name__', type: '=', value: 'a:double' }], 0, 7 * M)[0];
  assert.ok(raw.stale, 'a stale marker was written');
  assert.equal(raw.t[raw.t.length - 1], 7 * M);
  assert.deepEqual(query('a:double', 7 * M), []);
});

test('a failing rule reports its error and health; the next rule still runs; limit is enforced', () => {
  const { group, at } = setup(
    `groups:
- name: g
  limit: 1
  rules:
  - record: bad
    expr: y + on() group_left x
  - record: many
    expr: x
  - record: fine
    expr: vector(1)
  - alert: Two
    expr: x
`,
    [
      { labels: { __name__: 'x', i: '1' }, values: [1] },
      { labels: { __name__: 'x', i: '2' }, values: [1] },
      { labels: { __name__: 'y', j: '1' }, values: [1] },
    ],
  );
  at(0);
  const st = group.statuses;
  assert.equal(st[0].health, 'err');
  assert.match(st[0].lastError, /many-to-many matching not allowed/);
  assert.equal(st[1].health, 'err');
  assert.equal(st[1].lastError, 'exceeded limit of 1 with 2 series');
  assert.equal(st[2].health, 'ok');
  assert.equal(st[2].lastError, '');
  assert.equal(st[3].lastError, 'exceeded limit of 1 with 2 alerts');
});

test("a template that fails to execute renders Prometheus's error into the annotation", () => {
  const { group, at } = setup(
    `groups:
- name: g
  rules:
  - alert: T
    expr: vector(1)
    annotations: {x: "{{ humanize \\"abc\\" }}"}
`,
    [],
  );
  at(0);
  const a = (group.rules[0] as AlertingRule).activeAlerts()[0];
  assert.match(a.annotations.x, /^<error expanding template: error executing template __alert_T: /);
});

test('an empty side of a one-to-many match is no result, not a many-to-many error (as Prometheus)', () => {
  const { query, at } = setup('groups:\n- name: g\n  rules: []\n', [
    { labels: { __name__: 'r', name: 'one' }, values: [1] },
    { labels: { __name__: 'r', name: 'two' }, values: [1] },
  ]);
  at(0);
  assert.deepEqual(query('absent_metric + on () group_left (name) r', 0), []);
  assert.throws(() => query('vector(1) + on () group_left (name) r', 0), /many-to-many/);
});
