// The heatmap's cell under the cursor: the cell for sample time t covers (t - step, t], as the
// rate at t covers the step before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellAt, cellSpan } from '../../../renderer/src/charts/heatmap-plot';

test('a time falls in the cell whose sample ends the step it is in', () => {
  const times = [10, 20, 30];
  assert.equal(cellAt(times, 10, 15), 1);
  assert.equal(cellAt(times, 10, 20), 1);
  assert.equal(cellAt(times, 10, 20.001), 2);
  assert.equal(cellAt(times, 10, 0.5), 0);
  assert.equal(cellAt(times, 10, 0), -1);
  assert.equal(cellAt(times, 10, 31), -1);
  assert.equal(cellAt([], 10, 5), -1);
});

test('a gap in the samples has no cell', () => {
  assert.equal(cellAt([10, 40], 10, 25), -1);
  assert.equal(cellAt([10, 40], 10, 35), 1);
});

test('a cell keeps its gap where it is wide enough, and never draws under one pixel', () => {
  assert.deepEqual(cellSpan(10, 20, 1), [10, 9]);
  assert.deepEqual(cellSpan(20, 10, 2), [11, 8]); // y runs downwards: order does not matter
  assert.deepEqual(cellSpan(10.4, 19.6, 0), [10, 10]);
  // Narrower than gap + 1 pixel (a day of 15 s steps on a panel): no gap, at least one pixel.
  assert.deepEqual(cellSpan(10, 11, 1), [10, 1]);
  assert.deepEqual(cellSpan(10.1, 10.3, 1), [10, 1]);
  assert.deepEqual(cellSpan(10, 12, 3), [10, 2]);
});
