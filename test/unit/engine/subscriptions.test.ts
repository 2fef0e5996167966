// Subscriptions to the same expression share one evaluation per commit: a client (or many tabs)
// subscribing one expression many times costs the engine's thread one query, not one each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryEngine } from '../../../electron/engine/query';
import type { CommittedSamples, Matcher, SeriesSamples } from '../../../electron/engine/store/types';
import { createSubscription } from '../../../electron/engine/subscriptions';
import { MemoryQuerier } from '../../helpers/memory-querier';

/** The store's querier, counting the selects the engine makes. */
class CountingQuerier extends MemoryQuerier {
  selects = 0;
  override select(matchers: Matcher[], mint: number, maxt: number): SeriesSamples[] {
    this.selects++;
    return super.select(matchers, mint, maxt);
  }
}

function commit(querier: MemoryQuerier, t: number, v: number): CommittedSamples {
  const labels = { __name__: 'load', job: 'a' };
  querier.add(labels, t, v);
  return { length: 1, series: [{ id: 1, labels }], t: [t], v: [v], stale: [0] };
}

test('200 subscriptions to one expression evaluate it once per commit, each gets the points', () => {
  const querier = new CountingQuerier();
  const engine = new QueryEngine(querier);
  const subs = Array.from({ length: 200 }, () => createSubscription('sum by (job) (load) * 2', engine));
  const other = createSubscription('max(load)', engine);
  for (const [i, t] of [10_000, 11_000, 12_000].entries()) {
    const c = commit(querier, t, i + 1);
    const before = querier.selects;
    const pushed = subs.map((s) => s.deliver(c));
    const mine = other.deliver(c);
    assert.equal(querier.selects - before, 2, 'one evaluation per distinct expression');
    for (const p of pushed) {
      assert.equal(p?.length, 1);
      assert.deepEqual(p![0].labels, { job: 'a' });
      assert.deepEqual([...p![0].values], [(i + 1) * 2]);
      assert.deepEqual([...p![0].timestamps], [t]);
    }
    assert.deepEqual([...mine![0].values], [i + 1]);
  }
});
