// Histogram bucket series as heatmap rows: numeric `le` order with +Inf last, each bucket's own
// count as the difference of cumulative neighbours (negatives clamped, missing samples skipped),
// series with other labels added per `le`, and what is not a bucket left out by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketRows, isBucketResult, parseLe } from '../../../../shared/dashboards/heatmap/le-buckets';

const s = (le: string | undefined, values: number[], extra: Record<string, string> = {}) => ({
  labels: { ...(le === undefined ? {} : { le }), ...extra },
  timestamps: Float64Array.from(values.map((_, i) => 1000 * (i + 1))),
  values: Float64Array.from(values),
});

test('le parses as Prometheus writes it; words are not numbers', () => {
  assert.equal(parseLe('0.25'), 0.25);
  assert.equal(parseLe('1e+06'), 1e6);
  assert.equal(parseLe('+Inf'), Infinity);
  assert.equal(parseLe('-Inf'), -Infinity);
  assert.equal(parseLe('NaN'), undefined);
  assert.equal(parseLe('fast'), undefined);
  assert.equal(parseLe(''), undefined);
});

test('buckets sort by le as numbers, +Inf last, and each holds its own count', () => {
  // Cumulative: 2 under 0.1, 5 under 0.2, 9 under 20, 10 in all (text order would put 20 before 3).
  const rows = bucketRows([s('+Inf', [10]), s('20', [9]), s('0.2', [5]), s('3', [7]), s('0.1', [2])]);
  assert.deepEqual(
    rows.buckets.map((b) => b.upper),
    [0.1, 0.2, 3, 20, Infinity],
  );
  assert.deepEqual(
    rows.buckets.map((b) => b.lower),
    [0, 0.1, 0.2, 3, 20],
  );
  assert.deepEqual(
    rows.counts.map((c) => c[0]),
    [2, 3, 2, 2, 1],
  );
  assert.deepEqual(rows.times, [1000]);
});

test('a dip in the cumulative counts (a reset between scrapes) counts as 0, never negative', () => {
  const rows = bucketRows([s('1', [5, 4]), s('2', [3, 6])]);
  assert.deepEqual([...rows.counts[1]], [0, 2]);
});

test('a missing sample is skipped: the next bucket subtracts the nearest lower one present', () => {
  const rows = bucketRows([s('1', [1, NaN]), s('2', [NaN, 3]), s('4', [6, 7])]);
  assert.deepEqual([...rows.counts[0]], [1, NaN]);
  assert.deepEqual([...rows.counts[1]], [NaN, 3]);
  assert.deepEqual([...rows.counts[2]], [5, 4]);
});

test('series at different times are aligned on every time any of them has', () => {
  const a = { labels: { le: '1' }, timestamps: Float64Array.of(1000, 3000), values: Float64Array.of(1, 2) };
  const b = {
    labels: { le: '+Inf' },
    timestamps: Float64Array.of(2000, 3000),
    values: Float64Array.of(4, 5),
  };
  const rows = bucketRows([a, b]);
  assert.deepEqual(rows.times, [1000, 2000, 3000]);
  assert.deepEqual([...rows.counts[0]], [1, NaN, 2]);
  assert.deepEqual([...rows.counts[1]], [NaN, 4, 3]);
});

test('series differing in other labels are added per le (one histogram)', () => {
  const rows = bucketRows([
    s('0.5', [1], { handler: '/a' }),
    s('0.5', [2], { handler: '/b' }),
    s('+Inf', [2], { handler: '/a' }),
    s('+Inf', [5], { handler: '/b' }),
  ]);
  assert.deepEqual(
    rows.counts.map((c) => c[0]),
    [3, 4],
  );
});

test('series without a numeric le are left out and named; a first bucket at or below 0 is open below', () => {
  const rows = bucketRows([s(undefined, [1], { job: 'x' }), s('abc', [1]), s('-1', [1]), s('+Inf', [3])]);
  assert.deepEqual(rows.skipped, ['{job="x"}', '{le="abc"}']);
  assert.equal(rows.buckets[0].lower, -Infinity);
  assert.deepEqual(
    rows.counts.map((c) => c[0]),
    [1, 2],
  );
});

test('a bucket result is one where every series has a numeric le', () => {
  assert.equal(isBucketResult([s('0.1', [1]), s('+Inf', [1])]), true);
  assert.equal(isBucketResult([s('0.1', [1]), s(undefined, [1])]), false);
  assert.equal(isBucketResult([]), false);
});
