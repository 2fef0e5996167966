// Heatmap panels on import, as Grafana migrates them on load: the angular heatmap's options land in
// the current heatmap's (tsbuckets → calculate false, colour scheme by name, opacity with its
// scale and exponent, card padding → cellGap, hideZeroBuckets → filterValues, yAxis → yAxis,
// yBucketBound → rowsFrame.layout), the beta heatmap-new's bucketFrame becomes rowsFrame, and what
// needs Grafana's own bucket calculation or another row layout is in the report with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importDashboardText } from '../../../electron/engine/dashboards/import';
import { heatmapOptions } from '../../../shared/dashboards/heatmap/options';

const load = (panels: object[]) =>
  importDashboardText(JSON.stringify({ title: 'Heat', schemaVersion: 16, panels }));
const items = (r: ReturnType<typeof load>) => r.report.unsupported.map((u) => `${u.panel}: ${u.item}`);

const ANGULAR = {
  id: 2,
  type: 'heatmap',
  title: 'Latency',
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  dataFormat: 'tsbuckets',
  heatmap: {},
  cards: { cardPadding: 3, cardRound: null },
  color: {
    mode: 'spectrum',
    cardColor: '#b4ff00',
    colorScale: 'sqrt',
    exponent: 0.5,
    colorScheme: 'interpolateSpectral',
  },
  legend: { show: true },
  hideZeroBuckets: true,
  highlightCards: true,
  reverseYBuckets: false,
  tooltip: { show: true, showHistogram: false },
  tooltipDecimals: 2,
  xAxis: { show: true },
  yAxis: { show: true, format: 's', decimals: 1, logBase: 1, splitFactor: null, min: null, max: null },
  yBucketBound: 'auto',
  xBucketSize: null,
  xBucketNumber: null,
  yBucketSize: null,
  yBucketNumber: null,
  targets: [
    { refId: 'A', expr: 'sum by (le) (rate(x_bucket[5m]))', format: 'heatmap', legendFormat: '{{le}}' },
  ],
};

test('an angular tsbuckets heatmap becomes the current heatmap, every option carried, nothing to report', () => {
  const r = load([ANGULAR]);
  const p = r.dashboard.panels[0];
  assert.equal(p.type, 'heatmap');
  assert.deepEqual(items(r), []);
  for (const k of [
    'dataFormat',
    'cards',
    'color',
    'hideZeroBuckets',
    'yBucketBound',
    'yAxis',
    'heatmap',
    'highlightCards',
  ])
    assert.equal(k in p, false, `${k} left at the top level`);
  assert.deepEqual(p.options, {
    calculate: false,
    cellGap: 3,
    yAxis: { axisPlacement: 'left', reverse: false, decimals: 1, unit: 's' },
    cellValues: { decimals: 2 },
    rowsFrame: { layout: 'auto' },
    legend: { show: true },
    showValue: 'never',
    tooltip: { mode: 'single', yHistogram: false },
    filterValues: { le: 1e-9 },
    color: {
      scheme: 'Spectral',
      fill: '#b4ff00',
      reverse: false,
      exponent: 0.5,
      steps: 128,
      mode: 'scheme',
    },
  });
  // And it reads back as the viz draws it.
  const o = heatmapOptions(p.options, p.fieldConfig?.defaults.custom);
  assert.equal(o.color.scheme, 'Spectral');
  assert.equal(o.color.steps, 128);
  assert.equal(o.cellGap, 3);
  assert.deepEqual(o.filter, { le: 1e-9, ge: undefined });
  assert.equal(o.yAxis.unit, 's');
});

test('opacity colours keep their scale and exponent; min above max reverses the scale, as Grafana', () => {
  const r = load([
    {
      ...ANGULAR,
      color: { mode: 'opacity', cardColor: 'blue', colorScale: 'linear', exponent: 0.3, min: 50, max: 5 },
      hideZeroBuckets: false,
      cards: { cardPadding: 0, cardRound: 4 },
      yAxis: { show: false, format: 'short', min: 0, max: '10' },
      reverseYBuckets: true,
      tooltip: { show: false },
    },
  ]);
  const o = r.dashboard.panels[0].options!;
  assert.deepEqual(o.color, {
    scheme: 'Oranges',
    fill: 'blue',
    reverse: true,
    exponent: 0.3,
    steps: 128,
    mode: 'opacity',
    scale: 'linear',
    min: 5,
    max: 50,
  });
  assert.equal(o.cellGap, 1); // Grafana: no padding still gets a 1 px gap
  assert.equal(o.cellRadius, 4);
  assert.equal('filterValues' in o, false);
  assert.deepEqual(o.yAxis, { axisPlacement: 'hidden', reverse: true, min: 0, max: 10, unit: 'short' });
  assert.deepEqual(o.tooltip, { mode: 'none', yHistogram: false });
  assert.deepEqual(items(r).sort(), [
    'Latency: options.cellRadius',
    'Latency: yAxis.max',
    'Latency: yAxis.min',
  ]);
  const sqrt = load([{ ...ANGULAR, color: { mode: 'opacity', colorScale: 'sqrt' } }]);
  assert.equal((sqrt.dashboard.panels[0].options!.color as { scale: string }).scale, 'exponential');
});

test('dataFormat timeseries (or none, the angular default) needs Grafana’s bucket calculation: reported', () => {
  const r = load([
    { ...ANGULAR, dataFormat: 'timeseries', xBucketNumber: 30, yAxis: { logBase: 2, splitFactor: 3 } },
    { ...ANGULAR, id: 3, title: 'Old default', dataFormat: undefined },
  ]);
  const [a, b] = r.dashboard.panels;
  assert.equal(a.options!.calculate, true);
  assert.deepEqual(a.options!.calculation, {
    xBuckets: { mode: 'count', value: '30' },
    yBuckets: { mode: 'count', value: '3', scale: { type: 'log', log: 2 } },
  });
  assert.equal(b.options!.calculate, true);
  const reasons = r.report.unsupported.filter((u) => u.item === 'dataFormat');
  assert.deepEqual(
    reasons.map((u) => u.panel),
    ['Latency', 'Old default'],
  );
  assert.match(reasons[0].reason, /"timeseries".*le label/);
});

test('an unknown scheme, a colour mode without a match and a hidden x axis are reported', () => {
  const r = load([
    {
      ...ANGULAR,
      color: { mode: 'spectrum', colorScheme: 'interpolateNothing' },
      xAxis: { show: false },
      yBucketBound: 'upper',
    },
    { ...ANGULAR, id: 4, title: 'Discrete', color: { mode: 'discrete' } },
  ]);
  assert.deepEqual(items(r), [
    'Latency: yBucketBound',
    'Latency: color.colorScheme',
    'Latency: xAxis.show',
    'Discrete: color.mode',
  ]);
  assert.equal((r.dashboard.panels[0].options!.rowsFrame as { layout: string }).layout, 'ge');
});

test('a current heatmap is kept as saved; calculate, a ge layout and y min/max are reported', () => {
  const current = {
    id: 5,
    type: 'heatmap',
    title: 'Now',
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
    options: {
      calculate: false,
      calculation: {},
      cellGap: 2,
      color: {
        mode: 'scheme',
        scheme: 'Blues',
        steps: 64,
        exponent: 0.5,
        fill: 'dark-orange',
        reverse: false,
      },
      filterValues: { le: 1e-9 },
      legend: { show: true },
      rowsFrame: { layout: 'auto' },
      tooltip: { show: true, yHistogram: false },
      yAxis: { axisPlacement: 'left', reverse: false, unit: 's' },
      showValue: 'never',
    },
    fieldConfig: {
      defaults: {
        custom: {
          hideFrom: { legend: false, tooltip: false, viz: false },
          scaleDistribution: { type: 'linear' },
        },
      },
      overrides: [],
    },
    targets: [{ refId: 'A', expr: 'sum by (le) (rate(x_bucket[$__rate_interval]))', format: 'heatmap' }],
  };
  const ok = load([current]);
  assert.deepEqual(items(ok), []);
  assert.deepEqual(ok.dashboard.panels[0].options, current.options);
  const r = load([
    {
      ...current,
      options: { ...current.options, calculate: true, rowsFrame: { layout: 'ge' }, yAxis: { min: 0.1 } },
    },
  ]);
  assert.deepEqual(items(r), [
    'Now: options.calculate',
    'Now: options.rowsFrame.layout',
    'Now: options.yAxis.min',
  ]);
});

test('a beta heatmap-new panel becomes heatmap, its bucketFrame as rowsFrame', () => {
  const r = load([
    {
      id: 6,
      type: 'heatmap-new',
      title: 'Beta',
      gridPos: { x: 0, y: 0, w: 12, h: 8 },
      options: { calculate: false, bucketFrame: { layout: 'le' }, color: { scheme: 'Greens' } },
    },
  ]);
  const p = r.dashboard.panels[0];
  assert.equal(p.type, 'heatmap');
  assert.deepEqual(p.options, { calculate: false, color: { scheme: 'Greens' }, rowsFrame: { layout: 'le' } });
  assert.deepEqual(items(r), []);
});
