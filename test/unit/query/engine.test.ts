import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryQuerier } from '../../helpers/memory-querier';
import { QueryEngine, QueryExecutionError, PromQLParseError } from '../../../electron/engine/query';

function setup(): QueryEngine {
  const q = new MemoryQuerier();
  for (let i = 0; i <= 40; i++) {
    q.add({ __name__: 'req_total', job: 'a', inst: '1' }, i * 15_000, i * 10);
    q.add({ __name__: 'req_total', job: 'a', inst: '2' }, i * 15_000, i * 5);
    q.add({ __name__: 'req_total', job: 'b', inst: '1' }, i * 15_000, i);
  }
  q.add({ __name__: 'gone' }, 0, 1);
  q.add({ __name__: 'gone' }, 15_000, NaN, true);
  return new QueryEngine(q);
}

test('instant selector, rate, sum by, count_over_time', () => {
  const e = setup();
  const v = e.instant('req_total{job="a"}', 600_000);
  assert.equal(v.resultType, 'vector');
  if (v.resultType !== 'vector') return;
  assert.deepEqual(
    v.result.map((s) => [s.labels.inst, s.v]),
    [
      ['1', 400],
      ['2', 200],
    ],
  );
  const r = e.instant('sum by (job) (rate(req_total[1m]))', 600_000);
  assert.ok(r.resultType === 'vector');
  if (r.resultType !== 'vector') return;
  assert.deepEqual(
    r.result.map((s) => [s.labels, Math.round(s.v * 1000) / 1000]),
    [
      [{ job: 'a' }, 1],
      [{ job: 'b' }, 0.067],
    ],
  );
  const c = e.instant('count_over_time(req_total{inst="1",job="b"}[1m])', 600_000);
  assert.ok(c.resultType === 'vector' && c.result[0].v === 4 && !('__name__' in c.result[0].labels));
});

test('range query returns step-aligned matrix sorted by labels', () => {
  const e = setup();
  const r = e.range('rate(req_total[1m])', 60_000, 600_000, 60_000);
  assert.equal(r.resultType, 'matrix');
  if (r.resultType !== 'matrix') return;
  assert.deepEqual(
    r.result.map((s) => s.labels),
    [
      { inst: '1', job: 'a' },
      { inst: '1', job: 'b' },
      { inst: '2', job: 'a' },
    ],
  );
  assert.deepEqual(
    Array.from(r.result[0].t),
    [60, 120, 180, 240, 300, 360, 420, 480, 540, 600].map((s) => s * 1000),
  );
  assert.ok(Array.from(r.result[0].v).every((v) => Math.abs(v - 2 / 3) < 1e-9));
});

test('stale markers end a series', () => {
  const e = setup();
  const v = e.instant('gone', 10_000);
  assert.ok(v.resultType === 'vector' && v.result.length === 1);
  const w = e.instant('gone', 20_000);
  assert.ok(w.resultType === 'vector' && w.result.length === 0);
});

test('scalars and strings', () => {
  const e = setup();
  assert.deepEqual(e.instant('1 + 2 * 3', 0), { resultType: 'scalar', t: 0, v: 7, warnings: [] });
  assert.deepEqual(e.instant('"x"', 5), { resultType: 'string', t: 5, v: 'x', warnings: [] });
  const r = e.range('time()', 0, 120_000, 60_000);
  assert.ok(r.resultType === 'matrix' && Array.from(r.result[0].v).join() === '0,60,120');
});

test('errors are typed', () => {
  const e = setup();
  assert.throws(() => e.instant('sum(', 0), PromQLParseError);
  assert.throws(() => e.instant('req_total + on(job) req_total', 600_000), QueryExecutionError);
  assert.throws(() => e.range('req_total[5m]', 0, 60_000, 15_000), /invalid expression type "range vector"/);
  const small = new QueryEngine(new MemoryQuerier(), { maxSamples: 0 });
  assert.doesNotThrow(() => small.instant('vector(1)', 0));
});

test('sort_by_label orders ties by the whole label set, byte by byte, as labels.Compare does', () => {
  const q = new MemoryQuerier();
  for (const inst of ['9', '10', '100', '2']) q.add({ __name__: 'm', job: 'a', inst }, 0, 1);
  const e = new QueryEngine(q);
  for (const [fn, want] of [
    ['sort_by_label', ['10', '100', '2', '9']],
    ['sort_by_label_desc', ['9', '2', '100', '10']],
  ] as const) {
    const v = e.instant(`${fn}(m, "job")`, 0);
    assert.ok(v.resultType === 'vector');
    if (v.resultType !== 'vector') return;
    assert.deepEqual(
      v.result.map((s) => s.labels.inst),
      want,
      fn,
    );
  }
});
