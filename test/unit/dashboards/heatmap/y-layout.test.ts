// Rows on the y axis: even rows with the bounds between them (Grafana's default for rows it does
// not calculate), or at their bounds on a linear or log 2/10 axis, open ends sized by a neighbour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowAt, yLayout } from '../../../../shared/dashboards/heatmap/y-layout';

const B = [
  { lower: 0, upper: 0.1 },
  { lower: 0.1, upper: 1 },
  { lower: 1, upper: 10 },
  { lower: 10, upper: Infinity },
];

test('ordinal: equal rows, ticks at every bound from 0 to +Inf', () => {
  const l = yLayout(B, { type: 'ordinal' });
  assert.deepEqual(l.y0, [0, 1, 2, 3]);
  assert.deepEqual(l.y1, [1, 2, 3, 4]);
  assert.deepEqual([l.min, l.max], [0, 4]);
  assert.deepEqual(
    l.ticks.map((t) => [t.pos, t.value]),
    [
      [0, 0],
      [1, 0.1],
      [2, 1],
      [3, 10],
      [4, Infinity],
    ],
  );
  assert.equal(rowAt(l, 2.5), 2);
  assert.equal(rowAt(l, 9), -1);
});

test('linear: rows at their bounds; +Inf as tall as the bucket below it', () => {
  const l = yLayout(B, { type: 'linear' });
  assert.deepEqual(l.y0, [0, 0.1, 1, 10]);
  assert.deepEqual(l.y1, [0.1, 1, 10, 19]);
  assert.deepEqual(
    l.ticks.map((t) => t.value),
    [0, 0.1, 1, 10, Infinity],
  );
});

test('log 10: one decade per row here; the bucket from 0 spans one decade below its le', () => {
  const l = yLayout(B, { type: 'log', base: 10 });
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e9) / 1e9);
  assert.deepEqual(round(l.y0), [-2, -1, 0, 1]);
  assert.deepEqual(round(l.y1), [-1, 0, 1, 2]);
  // 0 has no place on a log axis: the first tick is the first le.
  assert.deepEqual(
    l.ticks.map((t) => t.value),
    [0.1, 1, 10, Infinity],
  );
});

test('log 2 spaces doubling buckets evenly', () => {
  const l = yLayout(
    [
      { lower: 0.25, upper: 0.5 },
      { lower: 0.5, upper: 1 },
      { lower: 1, upper: 2 },
    ],
    { type: 'log', base: 2 },
  );
  assert.deepEqual(l.y0, [-2, -1, 0]);
  assert.deepEqual(l.y1, [-1, 0, 1]);
});

test('a log axis under a bound at or below 0 falls back to even rows and says why', () => {
  const l = yLayout(
    [
      { lower: -Infinity, upper: -1 },
      { lower: -1, upper: 1 },
    ],
    { type: 'log', base: 10 },
  );
  assert.deepEqual(l.y0, [0, 1]);
  assert.match(l.fallback ?? '', /log axis/);
});
