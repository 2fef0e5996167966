// Prometheus 2.42's RestoreForState branch by branch, on the group evaluator and in-memory series:
// time spent pending is kept across the downtime, an alert about to fire waits the grace period,
// one that was firing keeps its activeAt, and nothing is restored past the outage tolerance, from a
// stale marker, or for a `for` shorter than the grace period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuleGroup } from '../../../electron/engine/rules/group';
import { MemorySeries } from '../../../electron/engine/rules/memory-series';
import { engineQueryFunc } from '../../../electron/engine/rules/query-func';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';
import { restoreForState } from '../../../electron/engine/rules/for-state-restore';
import type { Alert } from '../../../electron/engine/rules/types';

const S = 1000;
const M = 60 * S;
const OPTS = { outageToleranceMs: 60 * M, gracePeriodMs: 10 * M };

/**
 * A restarted group at `now` whose alert (for: `forMs`) became active again at `now`, with an
 * ALERTS_FOR_STATE sample written before the restart at `lastT` saying activeAt `prevActiveS`.
 */
function restart(forMs: number, lastT: number, prevActiveS: number, now: number, stale = false): Alert {
  const parsed = parseRuleFile(
    `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    for: ${forMs / S}s\n`,
    'r.yml',
  );
  const store = new MemorySeries();
  store.append({ __name__: 'ALERTS_FOR_STATE', alertname: 'A', job: 'x' }, lastT, prevActiveS, false);
  if (stale) store.append({ __name__: 'ALERTS_FOR_STATE', alertname: 'A', job: 'x' }, lastT + S, NaN, true);
  store.append({ __name__: 'up', job: 'x' }, now, 0, false);
  store.loadTill(now + 2 * M);
  const query = engineQueryFunc(store, { compat: '2.42' });
  const group = new RuleGroup(parsed.groups[0], { query, externalLabels: {}, externalURL: '' }, store);
  group.setRestored(false);
  group.eval(now);
  restoreForState(group, store, now, OPTS);
  const rule = group.rules[0];
  assert.ok('activeAlerts' in rule);
  return rule.activeAlerts()[0];
}

test('pending time is kept: activeAt moves forward by the downtime', () => {
  const T = 100 * M;
  // Active since T - 5m, last written at T, back at T + 20m: 25m left of a 30m `for`.
  const a = restart(30 * M, T, (T - 5 * M) / S, T + 20 * M);
  assert.equal(a.activeAtMs, T - 5 * M + 20 * M);
});

test('an alert about to fire waits the grace period', () => {
  const T = 100 * M;
  // 28m of 30m spent: 2m left, less than the 10m grace period.
  const a = restart(30 * M, T, (T - 28 * M) / S, T + 3 * M);
  assert.equal(a.activeAtMs, T + 3 * M + 10 * M - 30 * M);
});

test('one that was firing keeps its activeAt', () => {
  const T = 100 * M;
  const a = restart(30 * M, T, (T - 40 * M) / S, T + 2 * M);
  assert.equal(a.activeAtMs, T - 40 * M);
});

test('nothing is restored past the outage tolerance, from a stale marker, or for a short `for`', () => {
  const T = 100 * M;
  assert.equal(restart(30 * M, T, (T - 5 * M) / S, T + 61 * M).activeAtMs, T + 61 * M);
  assert.equal(restart(30 * M, T, (T - 5 * M) / S, T + 20 * M, true).activeAtMs, T + 20 * M);
  assert.equal(restart(5 * M, T, (T - 1 * M) / S, T + 2 * M).activeAtMs, T + 2 * M);
});
