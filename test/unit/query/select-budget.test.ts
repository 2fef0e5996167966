// A selector's samples are read whole before evaluation, so what one query reads from the store
// is bounded by --query.max-samples too: a long range over every series is refused before its
// chunks are decoded (it could hold the whole store), and the same query over less data answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { SampleBudgetError } from '../../../electron/engine/store/types';
import { QueryEngine, QueryExecutionError } from '../../../electron/engine/query';

const SERIES = 20;
const SAMPLES = 2000;

function withStore(fn: (store: ChunkStore) => void): void {
  // Small chunks, so most samples sit in closed (encoded) chunks as they would after hours.
  const store = new ChunkStore(':memory:', { maxChunkSamples: 120 });
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const app = store.appender();
      for (let s = 0; s < SERIES; s++) app.append({ __name__: 'm', s: String(s) }, i * 15_000, i);
      app.commit();
    }
    fn(store);
  } finally {
    store.close();
  }
}

test('a select past its sample budget throws before decoding; within it, reads everything', () => {
  withStore((store) => {
    const all = [{ name: '__name__', type: '=' as const, value: 'm' }];
    assert.throws(() => store.select(all, 0, Infinity, { samples: SERIES * SAMPLES - 1 }), SampleBudgetError);
    const got = store.select(all, 0, Infinity, { samples: SERIES * SAMPLES });
    assert.equal(
      got.reduce((n, s) => n + s.t.length, 0),
      SERIES * SAMPLES,
    );
  });
});

test('a query reading more samples than max-samples is refused as Prometheus words it', () => {
  withStore((store) => {
    const end = (SAMPLES - 1) * 15_000;
    const small = new QueryEngine(store, { maxSamples: 10_000 });
    assert.throws(
      () => small.instant('count_over_time({__name__=~".+"}[10y])', end),
      (err: unknown) =>
        err instanceof QueryExecutionError &&
        /query processing would load too many samples into memory in query execution$/.test(err.message),
    );
    // One series' 2000 samples fit.
    const one = small.instant('count_over_time(m{s="3"}[10y])', end);
    assert.ok(one.resultType === 'vector' && one.result[0].v === SAMPLES);
    const roomy = new QueryEngine(store, { maxSamples: SERIES * SAMPLES });
    const r = roomy.instant('sum(count_over_time(m[10y]))', end);
    assert.ok(r.resultType === 'vector' && r.result[0].v === SERIES * SAMPLES);
  });
});
