// Range queries evaluate range calls over selectors, and sums over them, for all steps at once
// (range-columns.ts, aggregate-columns.ts). Each step of a range query must still be what an
// instant query at that time answers (the step-wise path): values bit for bit, label sets,
// which series appear, under both semantics, with resets, gaps, stale markers, NaN and ±Inf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryQuerier } from '../../helpers/memory-querier';
import { QueryEngine, type PromQLCompat } from '../../../electron/engine/query';
import { cachedLabelsKey } from '../../../electron/engine/query/labels';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function data(): MemoryQuerier {
  const q = new MemoryQuerier();
  const r = rng(7);
  for (const job of ['a', 'b']) {
    for (let inst = 0; inst < 4; inst++) {
      // Counters that reset, start late, stop early, skip scrapes and go stale.
      let c = 0;
      const from = inst === 3 ? 40 : 0;
      const to = inst === 2 ? 150 : 240;
      for (let i = from; i < to; i++) {
        if (r() < 0.1 || (inst === 1 && i > 100 && i < 106)) continue;
        const t = i * 15_000 + Math.floor(r() * 500);
        if (i === 100 && inst === 1) {
          q.add({ __name__: 'req_total', job, inst: String(inst) }, t, NaN, true);
          continue;
        }
        c = r() < 0.02 ? 0 : c + Math.floor(r() * 10);
        q.add({ __name__: 'req_total', job, inst: String(inst) }, t, c);
        q.add({ __name__: 'other_total', job, inst: String(inst) }, t, c * 2);
        const g = i === 77 ? NaN : i === 90 && inst === 0 ? Infinity : r() * 100 - 50;
        q.add({ __name__: 'temp', job, inst: String(inst) }, t, g);
        for (const le of ['0.1', '1', '+Inf']) {
          q.add(
            { __name__: 'lat_bucket', job, inst: String(inst), le },
            t,
            c * (le === '0.1' ? 1 : le === '1' ? 3 : 4),
          );
        }
      }
    }
  }
  return q;
}

const QUERIES = [
  'req_total',
  '(temp offset 2m)',
  'req_total @ 1200',
  '{__name__=~"req_total|other_total", inst="1"}',
  'rate({__name__=~"req_total|other_total"}[1m])',
  'rate(req_total[1m])',
  'increase(req_total[5m])',
  // A gauge as a counter: a reset at every fall, NaN and +Inf among them.
  'rate(temp[3m])',
  'sum by (job) (increase(temp[5m]))',
  'irate(req_total[2m])',
  'delta(temp[3m])',
  'avg_over_time(temp[2m])',
  'max_over_time(temp[90s])',
  'quantile_over_time(0.3, temp[5m])',
  'predict_linear(temp[5m], 120)',
  'resets(req_total[10m])',
  'last_over_time(req_total[1m])',
  'sum(rate(req_total[1m]))',
  'sum by (job) (rate(req_total[5m]))',
  'sum without (inst) (increase(req_total[2m]))',
  'sum by (__name__) (rate({__name__=~"req_total|other_total"}[1m]))',
  'sum by (__name__) (last_over_time({__name__=~"req_total|other_total"}[1m]))',
  'sum by (job) (avg_over_time(temp[2m]))',
  'sum(rate(req_total[2m] offset 3m))',
  'sum by (job) (rate(req_total[5m] @ 1800))',
  '(sum by (job) ((rate(req_total[1m]))))',
  'histogram_quantile(0.9, sum by (le) (rate(lat_bucket[5m])))',
  'histogram_quantile(0.5, sum by (job, le) (rate(lat_bucket[2m])))',
  'sum by (job) (rate(req_total[1m])) / on (job) sum by (job) (rate(other_total[1m]))',
  'max_over_time(sum(rate(req_total[1m]))[10m:1m])',
];

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

for (const compat of ['3', '2.42'] as PromQLCompat[]) {
  test(`range query steps equal instant queries (compat ${compat})`, () => {
    const engine = new QueryEngine(data(), { compat });
    const start = 60_000;
    const end = 3_600_000;
    const step = 45_000;
    for (const q of QUERIES) {
      let range: ReturnType<QueryEngine['range']>;
      try {
        range = engine.range(q, start, end, step);
      } catch (err) {
        // Then some step fails alone too, with the same error.
        const msgs = new Set<string>();
        for (let t = start; t <= end; t += step) {
          try {
            engine.instant(q, t);
          } catch (e) {
            msgs.add(String(e));
          }
        }
        assert.ok(msgs.has(String(err)), `${q}: ${String(err)} only in the range query`);
        continue;
      }
      assert.equal(range.resultType, 'matrix', q);
      if (range.resultType !== 'matrix') continue;
      let points = 0;
      for (let t = start; t <= end; t += step) {
        const inst = engine.instant(q, t);
        assert.equal(inst.resultType, 'vector', q);
        if (inst.resultType !== 'vector') continue;
        const want = new Map(inst.result.map((s) => [cachedLabelsKey(s.labels), s.v]));
        const got = new Map<string, number>();
        for (const s of range.result) {
          const i = s.t.indexOf(t);
          if (i >= 0) got.set(cachedLabelsKey(s.labels), s.v[i]);
        }
        assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${q} at ${t}`);
        for (const [k, v] of want)
          assert.ok(same(got.get(k)!, v), `${q} at ${t} ${k}: ${got.get(k)} vs ${v}`);
        points += got.size;
      }
      assert.ok(points > 0, `${q} answers something`);
    }
  });
}
