// The notification dispatcher on a fake clock, fed by a real RuleGroup/AlertingRule evaluated every
// 15 s: group_wait, at most one notification per group_interval, repeat_interval, resolved
// alerts, silences, and a rule that goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSet } from '../../../shared/api';
import {
  Dispatcher,
  type DispatchTiming,
  type Notification,
} from '../../../electron/engine/notify/dispatcher';
import { AlertingRule } from '../../../electron/engine/rules/alerting-rule';
import { RuleGroup } from '../../../electron/engine/rules/group';
import type { GroupEvaluation, RuleDef, RuleGroupDef } from '../../../electron/engine/rules/types';
import { FakeClock } from '../../helpers/fake-clock';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const EVERY = 15 * S;
const DEFAULTS: DispatchTiming = { groupWaitMs: 30 * S, groupIntervalMs: 5 * M, repeatIntervalMs: 4 * H };

const alertRule = (name: string, forMs = 0): RuleDef => ({
  kind: 'alert',
  name,
  expr: `${name}_down`,
  forMs,
  keepFiringForMs: 0,
  labels: { severity: 'page' },
  annotations: { summary: '{{ $labels.instance }} is down' },
  line: 1,
});

/** Rules over a set of "down" instances per rule, evaluated every 15 s on the fake clock. */
function harness(
  opts: { timing?: DispatchTiming; rules?: RuleDef[]; silenced?: (l: LabelSet) => boolean } = {},
) {
  const clock = new FakeClock(1_700_000_000_000);
  const down = new Map<string, Set<string>>();
  const groupDef: RuleGroupDef = {
    name: 'home',
    file: 'home.yml',
    intervalMs: EVERY,
    limit: 0,
    rules: opts.rules ?? [alertRule('HostDown')],
  };
  const group = new RuleGroup(
    groupDef,
    {
      query: (expr) =>
        [...(down.get(expr.replace(/_down$/, '')) ?? [])].map((instance) => ({
          labels: { __name__: 'up', instance, job: 'node' },
          v: 0,
        })),
      externalLabels: {},
      externalURL: 'http://promdesk.test',
    },
    { appendBatch: () => 0 },
  );
  const sent: (Notification & { atMs: number })[] = [];
  const d = new Dispatcher({
    clock,
    timing: () => opts.timing ?? DEFAULTS,
    silenced: opts.silenced ?? (() => false),
    send: (n) => sent.push({ ...n, atMs: clock.now() }),
  });
  let running = true;
  const evaluate = () => {
    if (!running) return;
    group.eval(clock.now());
    const ev: GroupEvaluation = {
      group: groupDef,
      tsMs: clock.now(),
      rules: group.rules.map((r) => ({
        def: r.def,
        alerts: r instanceof AlertingRule ? r.allAlerts().map((a) => ({ ...a })) : [],
      })),
    };
    d.evaluated(ev);
    clock.setTimeout(evaluate, EVERY);
  };
  clock.setTimeout(evaluate, EVERY);
  const start = clock.now();
  return {
    clock,
    sent,
    d,
    /** ms since the harness started. */
    since: (n: { atMs: number }) => n.atMs - start,
    setDown: (rule: string, ...instances: string[]) => down.set(rule, new Set(instances)),
    /** Moves the clock to `ms` after the start, running evaluations and flushes on the way. */
    at: (ms: number) => clock.advance(start + ms - clock.now(), async () => {}),
    stop: () => {
      running = false;
      d.close();
    },
  };
}

const summary = (n: Notification) =>
  `${n.status} ${n.alerts.map((a) => `${a.labels.instance}:${a.status}`).join(',')}`;

test('group_wait gathers alerts that fire together; group_interval holds back the next; repeat after repeat_interval', async () => {
  const h = harness();
  h.setDown('HostDown', 'a');
  await h.at(20 * S); // first evaluation at 15 s: a fires (for 0)
  h.setDown('HostDown', 'a', 'b');
  await h.at(44 * S); // b fires at 30 s, within a's group_wait (ends 45 s)
  assert.equal(h.sent.length, 0, 'nothing before group_wait is over');
  await h.at(46 * S);
  assert.equal(h.sent.length, 1);
  const first = h.sent[0];
  assert.equal(h.since(first), 45 * S);
  assert.equal(first.groupKey, '{}:{alertname="HostDown"}');
  assert.deepEqual(first.groupLabels, { alertname: 'HostDown' });
  assert.equal(first.status, 'firing');
  assert.deepEqual(first.alerts.map((a) => a.labels.instance).sort(), ['a', 'b']);
  assert.equal(first.alerts[0].annotations.summary, `${first.alerts[0].labels.instance} is down`);
  assert.deepEqual(
    { ...first.alerts.find((a) => a.labels.instance === 'a')!.labels },
    { alertname: 'HostDown', instance: 'a', job: 'node', severity: 'page' },
  );
  assert.equal(first.firingCount, 2);

  // c fires right after: it waits for the next group_interval tick (45 s + 5 m), one notification.
  h.setDown('HostDown', 'a', 'b', 'c');
  await h.at(45 * S + 5 * M - 1);
  assert.equal(h.sent.length, 1, 'at most one notification per group_interval');
  await h.at(45 * S + 5 * M);
  assert.equal(h.sent.length, 2);
  assert.deepEqual(h.sent[1].alerts.map((a) => a.labels.instance).sort(), ['a', 'b', 'c']);
  assert.equal(h.d.firingCount(), 3);

  // Nothing changes: silence until repeat_interval (4 h after the last one), then one repeat.
  const lastAt = 45 * S + 5 * M;
  await h.at(lastAt + 4 * H - 1);
  assert.equal(h.sent.length, 2);
  await h.at(lastAt + 4 * H + 5 * M);
  assert.equal(h.sent.length, 3);
  assert.equal(h.since(h.sent[2]), lastAt + 4 * H);
  h.stop();
});

test('resolved: told at the next group_interval with the rest still firing; all resolved is a resolved notification, then quiet', async () => {
  const h = harness();
  h.setDown('HostDown', 'a', 'b');
  await h.at(46 * S);
  assert.equal(h.sent.length, 1);
  h.setDown('HostDown', 'b');
  await h.at(45 * S + 5 * M);
  assert.equal(h.sent.length, 2);
  assert.equal(h.sent[1].status, 'firing');
  const resolvedA = h.sent[1].alerts.find((a) => a.labels.instance === 'a')!;
  assert.equal(resolvedA.status, 'resolved');
  assert.ok(resolvedA.endsAtMs > resolvedA.startsAtMs);
  assert.equal(h.sent[1].alerts[0].labels.instance, 'b', 'firing first');
  assert.equal(h.sent[1].firingCount, 1);

  h.setDown('HostDown');
  await h.at(45 * S + 10 * M);
  assert.equal(h.sent.length, 3);
  assert.equal(summary(h.sent[2]), 'resolved b:resolved');
  assert.equal(h.sent[2].firingCount, 0);
  // Prometheus keeps reporting the resolved alerts for 15 minutes: not told again.
  await h.at(45 * S + 10 * M + 5 * H);
  assert.equal(h.sent.length, 3);

  // It fires again later: a new group, told after group_wait.
  h.setDown('HostDown', 'a');
  const again = 45 * S + 10 * M + 5 * H;
  await h.at(again + 15 * S + 30 * S + 1);
  assert.equal(h.sent.length, 4);
  assert.equal(summary(h.sent[3]), 'firing a:firing');
  h.stop();
});

test('an alert that fires and resolves within group_wait, and pending alerts, are never told', async () => {
  const h = harness({ rules: [alertRule('HostDown'), alertRule('Slow', 10 * M)] });
  h.setDown('HostDown', 'a');
  h.setDown('Slow', 'x');
  await h.at(16 * S);
  h.setDown('HostDown');
  await h.at(9 * M);
  assert.equal(
    h.sent.length,
    0,
    'HostDown resolved before its group was first looked at; Slow still pending',
  );
  await h.at(12 * M);
  assert.deepEqual(
    h.sent.map((n) => n.groupKey),
    ['{}:{alertname="Slow"}'],
  );
  h.stop();
});

test('silenced alerts are left out; a group wholly silenced sends nothing; lifting the silence tells them', async () => {
  const silenced = new Set<string>(['b']);
  const h = harness({ silenced: (l) => silenced.has(l.instance) });
  h.setDown('HostDown', 'a', 'b');
  await h.at(46 * S);
  assert.equal(h.sent.length, 1);
  assert.equal(summary(h.sent[0]), 'firing a:firing');
  assert.equal(h.sent[0].firingCount, 2, 'a silenced alert still fires');

  silenced.add('a');
  h.setDown('HostDown', 'a', 'b', 'c');
  silenced.add('c');
  await h.at(45 * S + 2 * 5 * M);
  assert.equal(h.sent.length, 1, 'every alert of the group silenced: nothing');

  silenced.clear();
  await h.at(45 * S + 3 * 5 * M);
  assert.equal(h.sent.length, 2);
  assert.deepEqual(h.sent[1].alerts.map((a) => a.labels.instance).sort(), ['a', 'b', 'c']);
  h.stop();
});

test('shortened timings (settings) apply; a rule that disappears resolves its alerts', async () => {
  const timing = { groupWaitMs: 1 * S, groupIntervalMs: 10 * S, repeatIntervalMs: 1 * M };
  const h = harness({ timing });
  h.setDown('HostDown', 'a');
  await h.at(16 * S);
  assert.equal(h.sent.length, 1);
  assert.equal(h.since(h.sent[0]), 16 * S);
  await h.at(16 * S + 1 * M);
  assert.equal(h.sent.length, 2, 'repeated after 1m');

  // The rule is removed (no more evaluations report it): its alert resolves by its end time.
  h.stop();
  const d = new Dispatcher({
    clock: h.clock,
    timing: () => timing,
    silenced: () => false,
    send: (n) => h.sent.push({ ...n, atMs: h.clock.now() }),
  });
  const def = alertRule('Gone');
  const group: RuleGroupDef = { name: 'g', file: '', intervalMs: EVERY, limit: 0, rules: [def] };
  const alert = {
    labels: { alertname: 'Gone', instance: 'z' },
    annotations: {},
    state: 'firing' as const,
    value: 1,
    activeAtMs: h.clock.now(),
    firedAtMs: h.clock.now(),
    resolvedAtMs: 0,
    keepFiringSinceMs: 0,
  };
  d.evaluated({ group, tsMs: h.clock.now(), rules: [{ def, alerts: [alert] }] });
  const t0 = h.clock.now();
  await h.clock.advance(2 * S, async () => {});
  assert.equal(summary(h.sent.at(-1)!), 'firing z:firing');
  // Prometheus gives a firing alert an end 4 resends (4 min) ahead; with no refresh it resolves then.
  await h.clock.advance(4 * M + 10 * S, async () => {});
  const last = h.sent.at(-1)!;
  assert.equal(summary(last), 'resolved z:resolved');
  assert.equal(last.alerts[0].endsAtMs, t0 + 4 * M);
  d.close();
});
