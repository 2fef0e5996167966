// A heatmap panel's options read with Grafana's defaults; wrong types fall back, never throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmapOptions } from '../../../../shared/dashboards/heatmap/options';

test('an empty panel gets Grafana’s defaults: Oranges, 64 steps, gap 1, zeros hidden, even rows', () => {
  const o = heatmapOptions(undefined);
  assert.deepEqual(o.color, {
    mode: 'scheme',
    scheme: 'Oranges',
    fill: 'dark-orange',
    scale: 'exponential',
    exponent: 0.5,
    steps: 64,
    reverse: false,
  });
  assert.equal(o.cellGap, 1);
  assert.deepEqual(o.filter, { le: 1e-9, ge: undefined });
  assert.deepEqual(o.yScale, { type: 'ordinal' });
  assert.equal(o.yAxis.placement, 'left');
  assert.equal(o.legend, true);
  assert.equal(o.tooltip, true);
});

test('a saved Grafana heatmap’s options are carried', () => {
  const o = heatmapOptions(
    {
      calculate: false,
      cellGap: 3,
      color: {
        mode: 'opacity',
        fill: 'blue',
        scale: 'linear',
        exponent: 0.3,
        steps: 128,
        reverse: true,
        min: 0,
        max: 50,
      },
      filterValues: { le: 0.5, ge: 1000 },
      yAxis: { unit: 's', decimals: 2, axisPlacement: 'right', reverse: true },
      rowsFrame: { layout: 'le', yBucketScale: { type: 'log', log: 2 } },
      cellValues: { unit: 'reqps', decimals: 1 },
      legend: { show: false },
      tooltip: { mode: 'none' },
    },
    { scaleDistribution: { type: 'linear' } },
  );
  assert.deepEqual(o.color, {
    mode: 'opacity',
    scheme: 'Oranges',
    fill: 'blue',
    scale: 'linear',
    exponent: 0.3,
    steps: 128,
    reverse: true,
    min: 0,
    max: 50,
  });
  assert.equal(o.cellGap, 3);
  assert.deepEqual(o.filter, { le: 0.5, ge: 1000 });
  assert.deepEqual(o.yAxis, { unit: 's', decimals: 2, placement: 'right', reverse: true });
  assert.deepEqual(o.yScale, { type: 'log', base: 2 });
  assert.deepEqual(o.cellValues, { unit: 'reqps', decimals: 1 });
  assert.equal(o.legend, false);
  assert.equal(o.tooltip, false);
});

test('filterValues present but empty hides nothing; a log scaleDistribution places rows by value', () => {
  const o = heatmapOptions({ filterValues: {} }, { scaleDistribution: { type: 'log', log: 10 } });
  assert.deepEqual(o.filter, { le: undefined, ge: undefined });
  assert.deepEqual(o.yScale, { type: 'log', base: 10 });
});

test('wrong types fall back to the defaults', () => {
  const o = heatmapOptions({
    color: { mode: 7, scheme: 5, steps: 'many', exponent: null, min: 'x' },
    cellGap: 99,
    yAxis: 'left',
    legend: [],
  });
  assert.equal(o.color.mode, 'scheme');
  assert.equal(o.color.scheme, 'Oranges');
  assert.equal(o.color.steps, 64);
  assert.equal(o.color.min, undefined);
  assert.equal(o.cellGap, 25);
  assert.equal(o.yAxis.placement, 'left');
  assert.equal(o.legend, true);
});
