// Gauge, bar gauge and stat panels saved by Grafana 6.x keep their settings in options.fieldOptions
// (or valueOptions before 6.2): on import they land in fieldConfig and options.reduceOptions as
// Grafana's own load-time migration puts them, and what is dropped is in the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importDashboardText } from '../../../electron/engine/dashboards/import';

const load = (panels: object[]) =>
  importDashboardText(JSON.stringify({ title: 'Six', schemaVersion: 21, panels }));
const gridPos = { x: 0, y: 0, w: 6, h: 6 };

test('a 6.x gauge: defaults, thresholds list, old mappings, calcs → fieldConfig and reduceOptions', () => {
  const { dashboard, report } = load([
    {
      id: 1,
      type: 'gauge',
      title: 'CPU',
      gridPos,
      pluginVersion: '6.5.2',
      options: {
        showThresholdLabels: true,
        showThresholdMarkers: true,
        fieldOptions: {
          calcs: ['avg'],
          values: false,
          defaults: {
            unit: 'percent',
            min: 0,
            max: 100,
            decimals: 1,
            title: '${__series.name}',
            color: '#ff0000',
            thresholds: [
              { index: 1, color: 'red', value: 80 },
              { index: 0, color: 'green', value: null },
            ],
            mappings: [
              { id: 0, operator: '', text: 'Off', type: 1, value: '0' },
              { id: 1, operator: '', text: 'Lots', type: 2, from: '90', to: '100' },
              { id: 2, operator: '', text: 'N/A', type: 1, value: 'null' },
            ],
          },
          override: { unit: 'bytes' },
          overrides: [],
        },
      },
      targets: [{ expr: 'cpu' }],
    },
  ]);
  const p = dashboard.panels[0];
  assert.equal(p.type, 'gauge');
  assert.equal(p.options?.fieldOptions, undefined);
  assert.deepEqual(p.options?.reduceOptions, { values: false, calcs: ['mean'], fields: '' });
  assert.equal(p.options?.showThresholdLabels, true);
  const d = p.fieldConfig!.defaults;
  assert.equal(d.unit, 'percent');
  assert.equal(d.min, 0);
  assert.equal(d.max, 100);
  assert.equal(d.decimals, 1);
  assert.equal(d.displayName, '${__series.name}');
  assert.equal(d.title, undefined);
  assert.deepEqual(d.color, { mode: 'fixed', fixedColor: '#ff0000' });
  assert.deepEqual(d.thresholds, {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      { color: 'red', value: 80 },
    ],
  });
  assert.deepEqual(d.mappings, [
    { type: 'value', options: { '0': { text: 'Off' } } },
    { type: 'range', options: { from: 90, to: 100, result: { text: 'Lots' } } },
    { type: 'special', options: { match: 'null', result: { text: 'N/A' } } },
  ]);
  assert.deepEqual(p.fieldConfig!.overrides, []);
  assert.ok(
    report.unsupported.some((u) => u.panel === 'CPU' && u.item === 'fieldOptions.override'),
    JSON.stringify(report.unsupported),
  );
});

test('a 6.2 bar gauge: thresholds and mappings beside defaults, overrides and limit carried', () => {
  const override = { matcher: { id: 'byName', options: 'a' }, properties: [{ id: 'unit', value: 's' }] };
  const { dashboard } = load([
    {
      id: 2,
      type: 'bargauge',
      title: 'Disks',
      gridPos,
      options: {
        displayMode: 'lcd',
        orientation: 'horizontal',
        fieldOptions: {
          calcs: ['lastNotNull'],
          values: true,
          limit: 20,
          defaults: { unit: 'bytes' },
          thresholds: [{ index: 0, color: 'blue', value: 10 }],
          mappings: [],
          overrides: [override],
        },
      },
    },
  ]);
  const p = dashboard.panels[0];
  assert.equal(p.options?.displayMode, 'lcd');
  assert.deepEqual(p.options?.reduceOptions, { values: true, calcs: ['lastNotNull'], fields: '', limit: 20 });
  const d = p.fieldConfig!.defaults;
  assert.equal(d.unit, 'bytes');
  // A list without a base step gets one, as the threshold editor always has one.
  assert.deepEqual(d.thresholds?.steps, [
    { color: 'green', value: null },
    { color: 'blue', value: 10 },
  ]);
  assert.equal(d.mappings, undefined);
  assert.deepEqual(p.fieldConfig!.overrides, [override]);
});

test('a 6.1 gauge: valueOptions, minValue/maxValue, top-level thresholds and valueMappings', () => {
  const { dashboard, report } = load([
    {
      id: 3,
      type: 'gauge',
      title: 'Old',
      gridPos,
      options: {
        valueOptions: { stat: 'current', unit: 'ms', decimals: 2, prefix: '~', suffix: '' },
        minValue: 0,
        maxValue: 500,
        thresholds: [
          { index: 0, color: '#7EB26D', value: null },
          { index: 1, color: '#EAB839', value: 200 },
        ],
        valueMappings: [{ id: 0, text: 'idle', type: 1, value: '0' }],
      },
    },
  ]);
  const p = dashboard.panels[0];
  assert.deepEqual(p.options?.reduceOptions, { values: false, calcs: ['last'], fields: '' });
  for (const k of ['valueOptions', 'minValue', 'maxValue', 'thresholds', 'valueMappings'])
    assert.equal(p.options?.[k], undefined, k);
  const d = p.fieldConfig!.defaults;
  assert.equal(d.unit, 'ms');
  assert.equal(d.decimals, 2);
  assert.equal(d.min, 0);
  assert.equal(d.max, 500);
  assert.deepEqual(d.thresholds?.steps, [
    { color: '#7EB26D', value: null },
    { color: '#EAB839', value: 200 },
  ]);
  assert.deepEqual(d.mappings, [{ type: 'value', options: { '0': { text: 'idle' } } }]);
  assert.ok(report.unsupported.some((u) => u.panel === 'Old' && u.item === 'valueOptions.prefix'));
});

test('a current gauge and a bad old mapping: the first is untouched, the second noted', () => {
  const current = {
    id: 4,
    type: 'stat',
    title: 'Now',
    gridPos,
    options: { reduceOptions: { values: false, calcs: ['max'], fields: '' }, colorMode: 'value' },
    fieldConfig: { defaults: { unit: 's' }, overrides: [] },
  };
  const { dashboard, report } = load([
    current,
    {
      id: 5,
      type: 'stat',
      title: 'Odd',
      gridPos,
      options: { fieldOptions: { calcs: ['max'], defaults: { mappings: [{ type: 7, text: 'x' }] } } },
    },
  ]);
  assert.deepEqual(dashboard.panels[0].options, current.options);
  assert.deepEqual(dashboard.panels[0].fieldConfig, current.fieldConfig);
  assert.equal(dashboard.panels[1].fieldConfig!.defaults.mappings, undefined);
  assert.ok(report.unsupported.some((u) => u.panel === 'Odd' && u.item === 'mappings'));
});
