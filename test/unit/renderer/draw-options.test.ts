// Grafana's time series styles read into the chart's options: draw style and its details, the y
// axis (side, label, log/symlog, soft limits), threshold modes; y ranges under fixed and soft
// limits and log axes; threshold bands clipped to the axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  seriesDrawOf,
  thresholdBands,
  thresholdsModeOf,
  yAxisOf,
  yRange,
} from '../../../renderer/src/charts/draw-options';

test('a series draw style is read from custom, and values Grafana would not write are left out', () => {
  assert.deepEqual(
    seriesDrawOf({
      drawStyle: 'bars',
      lineInterpolation: 'stepAfter',
      lineWidth: 2,
      fillOpacity: 30,
      gradientMode: 'opacity',
      showPoints: 'never',
      pointSize: 6,
      spanNulls: 60_000,
      barAlignment: -1,
    }),
    {
      drawStyle: 'bars',
      lineInterpolation: 'stepAfter',
      lineWidth: 2,
      fillOpacity: 30,
      gradientMode: 'opacity',
      showPoints: 'never',
      pointSize: 6,
      spanNulls: 60_000,
      barAlignment: -1,
    },
  );
  assert.deepEqual(seriesDrawOf({ spanNulls: true, lineInterpolation: 'smooth' }), {
    spanNulls: true,
    lineInterpolation: 'smooth',
  });
  assert.deepEqual(
    seriesDrawOf({ drawStyle: 'area', lineWidth: -1, fillOpacity: 400, barAlignment: 2, spanNulls: 'x' }),
    {},
  );
  assert.deepEqual(seriesDrawOf(undefined), {});
  assert.deepEqual(seriesDrawOf([1, 2]), {});
});

test('the y axis: placement, label, log base 2 or 10, symlog with its threshold, soft limits', () => {
  assert.deepEqual(yAxisOf({}), { placement: 'auto', scale: { type: 'linear' } });
  assert.deepEqual(
    yAxisOf({
      axisPlacement: 'right',
      axisLabel: 'bytes read',
      scaleDistribution: { type: 'log', log: 2 },
      axisSoftMin: 0,
      axisSoftMax: 100,
    }),
    { placement: 'right', label: 'bytes read', scale: { type: 'log', log: 2 }, softMin: 0, softMax: 100 },
  );
  assert.deepEqual(yAxisOf({ scaleDistribution: { type: 'log', log: 7 } }).scale, { type: 'log', log: 10 });
  assert.deepEqual(yAxisOf({ scaleDistribution: { type: 'symlog', log: 10, linearThreshold: 5 } }).scale, {
    type: 'symlog',
    log: 10,
    linearThreshold: 5,
  });
  assert.equal(yAxisOf({ axisPlacement: 'top', axisLabel: ' ' }).placement, 'auto');
  assert.equal(yAxisOf({ axisLabel: ' ' }).label, undefined);
});

test('thresholds style: the modes Grafana has, else off', () => {
  assert.equal(thresholdsModeOf({ thresholdsStyle: { mode: 'line+area' } }), 'line+area');
  assert.equal(thresholdsModeOf({ thresholdsStyle: { mode: 'dashed' } }), 'dashed');
  assert.equal(thresholdsModeOf({ thresholdsStyle: { mode: 'glow' } }), 'off');
  assert.equal(thresholdsModeOf(undefined), 'off');
});

test('y range: soft limits widen but never narrow, fixed ones win, a log axis stays positive', () => {
  assert.deepEqual(yRange(20, 30, { softMin: 0, softMax: 100 }), [0, 100]);
  assert.deepEqual(yRange(-5, 130, { softMin: 0, softMax: 100 }), [-5, 130]);
  assert.deepEqual(yRange(20, 30, { softMin: 0, max: 25 }), [0, 25]);
  assert.deepEqual(yRange(null, null, { softMin: 0, softMax: 1 }), [0, 1]);
  assert.equal(yRange(null, null, {}), null);
  assert.deepEqual(yRange(0, 1000, { log: true }), [1, 1000]);
  assert.equal(yRange(-3, -1, { log: true }), null);
});

test('threshold bands: each step up to the next, clipped to the axis, sorted by value', () => {
  const steps = [
    { value: 80, color: 'red' },
    { value: null, color: 'green' },
    { value: 50, color: 'orange' },
  ];
  assert.deepEqual(thresholdBands(steps, 0, 100), [
    { from: -Infinity, to: 50, color: 'green' },
    { from: 50, to: 80, color: 'orange' },
    { from: 80, to: 100, color: 'red' },
  ]);
  // Only what the axis shows: the red step lies above it.
  assert.deepEqual(thresholdBands(steps, 0, 60), [
    { from: -Infinity, to: 50, color: 'green' },
    { from: 50, to: 60, color: 'orange' },
  ]);
});
