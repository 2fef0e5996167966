// The heatmap's cell under the cursor: the cell for sample time t covers (t - step, t], as the
// rate at t covers the step before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellAt } from '../../../renderer/src/charts/heatmap-plot';

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
