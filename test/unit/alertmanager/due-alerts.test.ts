// Which alerts go to the Alertmanagers after each evaluation (Prometheus 2.42's sendAlerts and
// rules.SendAlerts), driven by the real rule group evaluator on the real PromQL engine, and the
// JSON bodies they are posted as.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuleGroup } from '../../../electron/engine/rules/group';
import { AlertingRule } from '../../../electron/engine/rules/alerting-rule';
import { MemorySeries } from '../../../electron/engine/rules/memory-series';
import { engineQueryFunc } from '../../../electron/engine/rules/query-func';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';
import { DueAlerts } from '../../../electron/engine/notify/alertmanager/due-alerts';
import { encodeAlerts, type NotifierAlert } from '../../../electron/engine/notify/alertmanager/payload';

const M = 60_000;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

function setup(resendDelayMs: number, intervalMs = M) {
  const parsed = parseRuleFile(
    `groups:
- name: g
  rules:
  - record: unused:sum
    expr: sum(up)
  - alert: Down
    expr: up   ==   0
    for: 1m
    labels: {severity: page}
    annotations: {summary: "{{ $labels.instance }} is down"}
`,
    'rules.yml',
  );
  assert.deepEqual(parsed.errors, []);
  const store = new MemorySeries();
  // up{instance="i"}: 1, then 0 for 5 minutes, then 1 again.
  const values = [1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  values.forEach((v, i) => store.append({ __name__: 'up', job: 'j', instance: 'i' }, T0 + i * M, v, false));
  const query = engineQueryFunc(store, { compat: '2.42', defaultSubqueryStepMs: M });
  const def = { ...parsed.groups[0], intervalMs: 0 };
  const group = new RuleGroup(def, { query, externalLabels: {}, externalURL: 'http://desk:9099/' }, store);
  const due = new DueAlerts({
    resendDelayMs,
    defaultIntervalMs: () => intervalMs,
    externalURL: () => 'http://desk:9099/',
  });
  const at = (ts: number): NotifierAlert[] => {
    store.loadTill(ts);
    group.eval(ts);
    return due.take({
      group: def,
      tsMs: ts,
      rules: group.rules.map((r) => ({
        def: r.def,
        alerts: r instanceof AlertingRule ? r.allAlerts().map((a) => ({ ...a })) : [],
      })),
    });
  };
  return { at };
}

test('pending is not sent; firing is sent, then again only after the resend delay; resolved is sent at once', () => {
  const { at } = setup(2 * M);
  const sent: [number, NotifierAlert[]][] = [];
  for (let i = 0; i < 12; i++) sent.push([i, at(T0 + i * M)]);
  const when = sent.filter(([, a]) => a.length > 0).map(([i]) => i);
  // fires at 2 (pending at 1), resent after more than 2m (at 5), resolved at 6, resent 2m+ later (9).
  assert.deepEqual(when, [2, 5, 6, 9]);
  const [first] = sent[2][1];
  assert.deepEqual(first.labels, { alertname: 'Down', instance: 'i', job: 'j', severity: 'page' });
  assert.deepEqual(first.annotations, { summary: 'i is down' });
  assert.equal(first.startsAtMs, T0 + 2 * M, 'startsAt is when it fired');
  assert.equal(first.endsAtMs, T0 + 2 * M + 4 * 2 * M, 'endsAt: 4 x max(resend delay, interval) ahead');
  assert.equal(
    first.generatorURL,
    'http://desk:9099/graph?g0.expr=up+%3D%3D+0&g0.tab=1',
    'the printed expression',
  );
  const [resolved] = sent[6][1];
  assert.equal(resolved.endsAtMs, T0 + 6 * M, 'endsAt is the resolution time');
  assert.equal(resolved.startsAtMs, T0 + 2 * M);
});

test('the group interval counts when it is longer than the resend delay', () => {
  const { at } = setup(M, 5 * M);
  let firing: NotifierAlert[] = [];
  for (let i = 0; i <= 2; i++) firing = at(T0 + i * M);
  assert.equal(firing.length, 1);
  assert.equal(firing[0].endsAtMs, T0 + 2 * M + 4 * 5 * M);
});

test('v2 and v1 bodies as Prometheus writes them', () => {
  const a: NotifierAlert = {
    labels: { b: '2', a: '1' },
    annotations: {},
    startsAtMs: Date.UTC(2026, 0, 2, 3, 4, 5, 600),
    endsAtMs: Date.UTC(2026, 0, 2, 3, 8, 5),
    generatorURL: 'http://x/graph?g0.expr=up&g0.tab=1',
  };
  assert.equal(
    encodeAlerts([a, { ...a, annotations: { s: 'x' }, generatorURL: '', startsAtMs: 0 }], 'v2'),
    JSON.stringify([
      {
        endsAt: '2026-01-02T03:08:05.000Z',
        startsAt: '2026-01-02T03:04:05.600Z',
        generatorURL: 'http://x/graph?g0.expr=up&g0.tab=1',
        labels: { a: '1', b: '2' },
      },
      {
        annotations: { s: 'x' },
        endsAt: '2026-01-02T03:08:05.000Z',
        startsAt: '0001-01-01T00:00:00.000Z',
        labels: { a: '1', b: '2' },
      },
    ]),
  );
  assert.equal(
    encodeAlerts([a], 'v1'),
    JSON.stringify([
      {
        labels: { a: '1', b: '2' },
        annotations: {},
        startsAt: '2026-01-02T03:04:05.6Z',
        endsAt: '2026-01-02T03:08:05Z',
        generatorURL: 'http://x/graph?g0.expr=up&g0.tab=1',
      },
    ]),
  );
});
