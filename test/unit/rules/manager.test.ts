// The RuleManager on the real store and PromQL engine with a fake clock: hashed evaluation slots,
// rules in order, ALERTS held back until the for-state is restored, a reload that keeps alert
// state, stale markers for a removed group, missed ticks skipped, the for-state restored after a
// restart on the same data directory, the listener and the status view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type SeriesStore } from '../../../electron/engine/store/open-store';
import { QueryEngine } from '../../../electron/engine/query/engine';
import { RuleManager } from '../../../electron/engine/rules/manager';
import { queryEngineFunc } from '../../../electron/engine/rules/query-func';
import { storeOut } from '../../../electron/engine/rules/store-out';
import { evalTimestamp, groupHash } from '../../../electron/engine/rules/eval-slot';
import { xxhash64 } from '../../../electron/engine/rules/xxhash64';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';
import type { GroupEvaluation, RuleGroupDef } from '../../../electron/engine/rules/types';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_700_000_000_000;
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

function groups(yaml: string, file = '/etc/rules.yml'): RuleGroupDef[] {
  const p = parseRuleFile(yaml, file);
  assert.deepEqual(p.errors, []);
  return p.groups;
}

function setup(
  store: SeriesStore,
  clock: FakeClock,
  restore?: { outageToleranceMs: number; gracePeriodMs: number },
) {
  const log: string[] = [];
  const query = queryEngineFunc(new QueryEngine(store, { compat: '2.42' }));
  const rules = new RuleManager({
    clock,
    query,
    querier: store,
    out: storeOut(
      () => store.appender(),
      () => {},
      (m) => log.push(m),
    ),
    externalURL: 'http://lab:9090/',
    restore,
    log: (m) => log.push(m),
  });
  rules.configure({ evaluationIntervalMs: 1000, externalLabels: { site: 'lab' } });
  return { rules, query, log };
}

function put(store: SeriesStore, labels: Record<string, string>, t: number, v: number) {
  const app = store.appender();
  app.append(labels, t, v);
  app.commit();
}

/** The raw samples of a selector in [mint, maxt]: [t, v or 'stale'] per series key. */
function raw(store: SeriesStore, name: string, mint: number, maxt: number) {
  return store.select([{ name: '__name__', type: '=', value: name }], mint, maxt).map((s) => ({
    labels: s.labels,
    samples: [...s.t].map((t, i) => [t, s.stale?.[i] ? 'stale' : s.v[i]] as const),
  }));
}

test('xxhash64 matches XXH64 (seed 0) on known vectors, and slots are as Prometheus computes them', () => {
  const e = new TextEncoder();
  assert.equal(xxhash64(e.encode('')).toString(16), 'ef46db3751d8e999');
  assert.equal(xxhash64(e.encode('abc')).toString(16), '44bc2cf5ad770999');
  assert.equal(
    xxhash64(e.encode('Nobody inspects the spammish repetition')).toString(16),
    'fbcea83c8a378bf1',
  );
  const h = groupHash('/etc/rules.yml', 'g');
  const offset = Number((h % 1_000_000_000n) / 1_000_000n);
  for (const now of [T0, T0 + 1, T0 + 999, T0 + 12_345]) {
    const ts = evalTimestamp(now, 1000, h);
    assert.ok(ts <= now && now - ts < 1000, `${ts} is the slot at or before ${now}`);
    assert.equal(((ts % 1000) + 1000) % 1000, offset);
  }
});

test('groups run at their slots, rules in order; ALERTS wait for the for-state restore; status and listener', async (t) => {
  const dir = tempDir();
  const store = openStore(dir.path);
  t.after(() => {
    store.close();
    dir.remove();
  });
  const clock = new FakeClock(T0);
  const { rules } = setup(store, clock);
  t.after(() => rules.close());
  for (let i = -10; i <= 20; i++) {
    put(store, { __name__: 'temp', room: 'a' }, T0 + i * 1000, 30);
    put(store, { __name__: 'temp', room: 'b' }, T0 + i * 1000, 10);
  }
  const evs: GroupEvaluation[] = [];
  rules.onEvaluated((ev) => evs.push(ev));
  rules.setSilenceCheck((l) => l.room === 'b');
  rules.setGroups(
    'config',
    groups(`groups:
- name: g
  rules:
  - record: room:temp:x2
    expr: temp * 2
  - alert: Hot
    expr: room:temp:x2 > 50
    for: 2s
    labels: {severity: page}
    annotations: {summary: "{{ $labels.room }} is {{ $value }} at {{ $externalLabels.site }}"}
  - alert: Warm
    expr: room:temp:x2 > 10
`),
  );
  const offset = Number((groupHash('/etc/rules.yml', 'g') % 1_000_000_000n) / 1_000_000n);
  await clock.advance(5_000, settle);
  assert.equal(evs.length >= 4, true, `${evs.length} evaluations in 5 s`);
  for (const ev of evs) assert.equal(ev.tsMs % 1000, offset, 'every evaluation is on the group slot');
  assert.equal(evs[0].group.intervalMs, 1000, 'the listener sees the interval in force');
  // The recording rule's output is there for the alert after it in the same evaluation.
  const rec = raw(store, 'room:temp:x2', T0, T0 + 6000);
  assert.equal(rec.length, 2);
  assert.deepEqual(
    rec.find((s) => s.labels.room === 'a')!.samples.map((s) => s[1]),
    evs.map(() => 60),
  );
  const alerts = raw(store, 'ALERTS', T0, T0 + 6000);
  const firstAlertT = Math.min(...alerts.flatMap((s) => s.samples.map((x) => x[0])));
  assert.equal(
    firstAlertT,
    evs[2].tsMs,
    'ALERTS is written from the evaluation after the restore (the third)',
  );
  const last = evs.at(-1)!;
  const hot = last.rules[1].alerts;
  assert.equal(hot.length, 1);
  assert.equal(hot[0].state, 'firing');
  assert.equal(hot[0].annotations.summary, 'a is 60 at lab');
  const st = rules.status();
  assert.equal(st.loadError, null);
  assert.equal(st.groups.length, 1);
  const g = st.groups[0];
  assert.equal(g.source, 'config');
  assert.equal(g.intervalMs, 1000);
  assert.equal(g.lastEvaluationMs, last.tsMs);
  assert.deepEqual(
    g.rules.map((r) => [r.kind, r.name, r.health, r.state]),
    [
      ['record', 'room:temp:x2', 'ok', 'inactive'],
      ['alert', 'Hot', 'ok', 'firing'],
      ['alert', 'Warm', 'ok', 'firing'],
    ],
  );
  assert.deepEqual(g.rules[2].alerts.map((a) => [a.labels.room, a.silenced]).sort(), [
    ['a', false],
    ['b', true],
  ]);
});

test('a rule that fails shows its error and the others go on; a reload keeps the alerts of rules that stay', async (t) => {
  const dir = tempDir();
  const store = openStore(dir.path);
  t.after(() => {
    store.close();
    dir.remove();
  });
  const clock = new FakeClock(T0);
  const { rules } = setup(store, clock);
  t.after(() => rules.close());
  for (let i = -10; i <= 40; i++) {
    put(store, { __name__: 'up', job: 'x' }, T0 + i * 1000, 0);
    put(store, { __name__: 'up2', job: 'x' }, T0 + i * 1000, 0);
  }
  const v1 = `groups:
- name: g
  rules:
  - alert: Bad
    expr: '{__name__=~"up|up2"}'
  - alert: Down
    expr: up == 0
    for: 1m
`;
  rules.setGroups('ui', groups(v1, ''));
  await clock.advance(4_000, settle);
  let st = rules.status().groups[0];
  assert.equal(st.rules[0].health, 'err');
  assert.equal(
    st.rules[0].lastError,
    'vector contains metrics with the same labelset after applying alert labels',
  );
  assert.equal(st.rules[1].health, 'ok');
  const activeAt = st.rules[1].alerts[0].activeAtMs;
  assert.equal(st.rules[1].alerts[0].state, 'pending');
  // The same alert with a changed annotation: the group restarts, the alert keeps its activeAt.
  rules.setGroups('ui', groups(v1.replace('for: 1m', 'for: 1m\n    annotations: {a: b}'), ''));
  await clock.advance(3_000, settle);
  st = rules.status().groups[0];
  assert.equal(st.rules[1].alerts[0].activeAtMs, activeAt);
  assert.equal(st.rules[1].alerts[0].annotations.a, 'b');
});

test('a removed group gets stale markers two intervals later; missed ticks are skipped, not piled up', async (t) => {
  const dir = tempDir();
  const store = openStore(dir.path);
  t.after(() => {
    store.close();
    dir.remove();
  });
  const clock = new FakeClock(T0);
  const { rules } = setup(store, clock);
  t.after(() => rules.close());
  for (let i = -10; i <= 60; i++) put(store, { __name__: 'up', job: 'x' }, T0 + i * 1000, 1);
  const evs: number[] = [];
  let stall = false;
  rules.onEvaluated((ev) => {
    evs.push(ev.tsMs);
    if (stall) clock.time += 10_000; // this evaluation took 10 s (the process was asleep)
    stall = false;
  });
  rules.setGroups('starter', groups(`groups:\n- name: r\n  rules:\n  - record: up:x\n    expr: up\n`, ''));
  await clock.advance(3_000, settle);
  stall = true;
  const i0 = evs.length;
  await clock.advance(20_000, settle);
  const after = evs.slice(i0);
  assert.ok(after[1] - after[0] >= 10_000, `the ticks missed in the stall are skipped: ${after}`);
  for (let i = 2; i < after.length; i++) assert.equal(after[i] - after[i - 1], 1000);
  const removedAt = clock.now();
  rules.setGroups('starter', []);
  await clock.advance(2_500, settle);
  assert.equal(rules.status().groups.length, 0);
  const s = raw(store, 'up:x', T0, T0 + 60_000)[0].samples;
  assert.deepEqual(s.at(-1), [removedAt, 'stale']);
});

test('the for-state is restored after a restart on the same data directory', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const yaml = `groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n    for: 30m\n`;
  let store = openStore(dir.path);
  const clock = new FakeClock(T0);
  for (let i = -10; i <= 200; i++) put(store, { __name__: 'up', job: 'x' }, T0 + i * 1000, 0);
  let m = setup(store, clock);
  m.rules.setGroups('config', groups(yaml));
  await clock.advance(60_000, settle);
  const activeAt = m.rules.status().groups[0].rules[0].alerts[0].activeAtMs;
  assert.ok(activeAt > T0 && activeAt < T0 + 2000);
  m.rules.close();
  store.close();
  // Down for 2 minutes, then up again on the same directory.
  clock.time += 120_000;
  store = openStore(dir.path);
  t.after(() => store.close());
  const restartAt = clock.now();
  for (let i = 0; i <= 20; i++) put(store, { __name__: 'up', job: 'x' }, restartAt + i * 1000, 0);
  m = setup(store, clock);
  t.after(() => m.rules.close());
  m.rules.setGroups('config', groups(yaml));
  await clock.advance(1_000, settle);
  const fresh = m.rules.status().groups[0].rules[0].alerts[0].activeAtMs;
  assert.ok(fresh >= restartAt, 'before the restore the alert is new');
  await clock.advance(1_500, settle);
  const restored = m.rules.status().groups[0].rules[0].alerts[0].activeAtMs;
  // Prometheus moves activeAt forward by the downtime (from the last ALERTS_FOR_STATE sample).
  assert.ok(restored > activeAt + 110_000 && restored < activeAt + 125_000, `${restored - activeAt}`);
  assert.equal(m.rules.status().groups[0].rules[0].state, 'pending');
});
