// Which cells are drawn and in which colour: zero cells hidden by filterValues.le (1e-9 by
// default), the scale from the shown cells or fixed min/max, linear onto the palette, clamped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorIndex, colorRange, isShown } from '../../../../shared/dashboards/heatmap/color-scale';

test('hide zero buckets: values at or below le, at or above ge, and NaN are not shown', () => {
  const f = { le: 1e-9 };
  assert.equal(isShown(0, f), false);
  assert.equal(isShown(1e-9, f), false);
  assert.equal(isShown(2e-9, f), true);
  assert.equal(isShown(NaN, {}), false);
  assert.equal(isShown(0, {}), true);
  assert.equal(isShown(5, { ge: 5 }), false);
});

test('the colour range is the shown cells’ unless min or max is fixed', () => {
  const rows = [Float64Array.of(0, 2, NaN), Float64Array.of(8, 4, 0)];
  assert.deepEqual(colorRange(rows, { le: 1e-9 }), { min: 2, max: 8 });
  assert.deepEqual(colorRange(rows, {}), { min: 0, max: 8 });
  assert.deepEqual(colorRange(rows, { le: 1e-9 }, { max: 100 }), { min: 2, max: 100 });
  assert.deepEqual(colorRange([Float64Array.of(0)], { le: 1e-9 }), { min: 0, max: 1 });
});

test('values map linearly onto the palette and clamp at both ends', () => {
  assert.equal(colorIndex(0, 64, 0, 100), 0);
  assert.equal(colorIndex(50, 64, 0, 100), 32);
  assert.equal(colorIndex(100, 64, 0, 100), 63);
  assert.equal(colorIndex(-5, 64, 0, 100), 0);
  assert.equal(colorIndex(500, 64, 0, 100), 63);
  assert.equal(colorIndex(3, 64, 3, 3), 0);
});
