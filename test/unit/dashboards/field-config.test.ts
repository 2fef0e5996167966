// Field config as Grafana applies it: overrides by name, names, regex, query and type set their
// properties over the defaults (later overrides win, `custom` merged key by key); display names
// with ${__field.labels.x}; hideFrom, negative-Y, dashes, fill and colours made plain; thresholds
// (absolute and percentage), value mappings and noValue in the display of a value. Node Exporter
// Full's own panels are the main cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Dashboard, FieldConfig, Panel, ValueMapping } from '../../../shared/dashboards/model';
import {
  SUPPORTED_MATCHERS,
  applyFieldConfig,
  displayValue,
  fieldOptions,
  type SeriesField,
} from '../../../shared/dashboards/field-config';
import {
  activeThreshold,
  colorByName,
  paletteColor,
  resolveColor,
  schemeColor,
} from '../../../shared/dashboards/field-colors';
import { mapValue, stringToRegex } from '../../../shared/dashboards/value-mappings';

const NEF = JSON.parse(readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8')) as Dashboard;
const all: Panel[] = [];
const walk = (ps: Panel[]) =>
  ps.forEach((p) => (all.push(p), walk((p as { panels?: Panel[] }).panels ?? [])));
walk(NEF.panels);
const panel = (title: string) => all.find((p) => p.title === title)!;
const named = (...names: string[]): SeriesField[] => names.map((name) => ({ name, labels: {}, refId: 'A' }));

test('every override matcher in Node Exporter Full is one this applies', () => {
  const ids = new Set(all.flatMap((p) => (p.fieldConfig?.overrides ?? []).map((o) => o.matcher.id)));
  assert.deepEqual(
    [...ids].filter((id) => !SUPPORTED_MATCHERS.includes(id)),
    [],
  );
});

test('Memory Basic: byName overrides set colour, fill and stacking over the defaults', () => {
  const fc = panel('Memory Basic').fieldConfig!;
  const [total, used, cache] = applyFieldConfig(named('Total', 'Used', 'Cache + Buffer'), fc);
  assert.equal(total.color, '#E0F9D7');
  assert.equal(total.fillOpacity, 0);
  assert.deepEqual(total.config.custom?.stacking, { group: false, mode: 'normal' });
  assert.equal(total.config.unit, 'bytes');
  assert.equal(used.color, paletteColor(1));
  assert.equal(used.fillOpacity, 40);
  assert.deepEqual(used.config.custom?.stacking, { group: 'A', mode: 'normal' });
  assert.equal(cache.color, '#052B51');
  assert.equal(total.config.custom?.lineWidth, 1, 'defaults.custom keys the override does not set stay');
});

test('byRegexp with /re/ matches part of the name; a bare pattern must match whole', () => {
  const fc = panel('Memory LRU Active / Inactive (%)').fieldConfig!;
  const [inactive, active] = applyFieldConfig(
    named('Inactive – Less recently used memory', 'Active – Recently used memory'),
    fc,
  );
  assert.equal(active.color, resolveColor('green'));
  // /.*Active.*/ matches "Inactive" too; the later /.*Inactive.*/ override wins for it.
  assert.equal(inactive.color, resolveColor('dark-blue'));
  const bare: FieldConfig = {
    defaults: {},
    overrides: [{ matcher: { id: 'byRegexp', options: 'eth.' }, properties: [{ id: 'unit', value: 'bps' }] }],
  };
  assert.deepEqual(
    applyFieldConfig(named('eth0', 'eth0 rx'), bare).map((f) => f.config.unit),
    ['bps', undefined],
  );
});

test('byNames exclude hides every other series from the chart only (Grafana legend isolate)', () => {
  const fc = panel('Exporter File Descriptor Usage').fieldConfig!;
  const [max, open] = applyFieldConfig(named('Maximum open file descriptors', 'Open file descriptors'), fc);
  assert.deepEqual(max.hideFrom, { legend: false, tooltip: false, viz: true });
  assert.deepEqual(open.hideFrom, { legend: false, tooltip: false, viz: false });
});

test('displayName overrides, ${__field.labels.x} and dashboard variables in display names', () => {
  const fc = panel('Processes Detailed States').fieldConfig!;
  assert.deepEqual(
    applyFieldConfig(named('R', 'Z', 'W'), fc).map((f) => f.displayName),
    ['Running', 'Zombie', 'W'],
  );
  const dn: FieldConfig = { defaults: { displayName: '${__field.labels.device} on $host' }, overrides: [] };
  const [f] = applyFieldConfig([{ name: '{device="sda"}', labels: { device: 'sda' } }], dn, {
    vars: new Map([['host', { name: 'host', value: ['a', 'b'], text: ['A', 'B'], multi: true }]]),
  });
  assert.equal(f.displayName, 'sda on A + B');
});

test('negative-Y, dashed lines, refId and type matchers; later overrides win; null unsets', () => {
  const fc: FieldConfig = {
    defaults: { unit: 'bytes', custom: { fillOpacity: 10 } },
    overrides: [
      {
        matcher: { id: 'byRegexp', options: '/.*tx.*/' },
        properties: [{ id: 'custom.transform', value: 'negative-Y' }],
      },
      {
        matcher: { id: 'byFrameRefID', options: 'B' },
        properties: [
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'unit', value: 'percent' },
        ],
      },
      { matcher: { id: 'byType', options: 'number' }, properties: [{ id: 'decimals', value: 2 }] },
      { matcher: { id: 'byName', options: 'eth0 rx' }, properties: [{ id: 'unit', value: 'bps' }] },
      { matcher: { id: 'byName', options: 'eth0 rx' }, properties: [{ id: 'unit', value: null }] },
      {
        matcher: { id: 'byValue', options: { reducer: 'max' } },
        properties: [{ id: 'unit', value: 'short' }],
      },
    ],
  };
  const fields: SeriesField[] = [
    { name: 'eth0 tx', labels: {}, refId: 'A' },
    { name: 'eth0 rx', labels: {}, refId: 'B' },
  ];
  const [tx, rx] = applyFieldConfig(fields, fc);
  assert.equal(tx.negativeY, true);
  assert.equal(rx.negativeY, false);
  assert.deepEqual(rx.dash, [10, 10]);
  assert.equal(tx.dash, undefined);
  assert.equal(tx.config.decimals, 2);
  assert.equal(tx.config.unit, 'bytes');
  assert.equal(rx.config.unit, 'bytes', 'the last override unset unit, so the default shows');
  assert.equal(fieldOptions(fields[0], undefined).unit, undefined);
  assert.deepEqual(
    applyFieldConfig(fields, { defaults: { custom: { lineStyle: { fill: 'dot' } } }, overrides: [] })[0].dash,
    [0, 10],
  );
});

test('thresholds: absolute steps, percentage of min..max, named colours', () => {
  const th = {
    mode: 'absolute' as const,
    steps: [
      { color: 'green', value: null },
      { color: 'orange', value: 70 },
      { color: 'red', value: 90 },
    ],
  };
  assert.equal(activeThreshold(10, th)?.color, 'green');
  assert.equal(activeThreshold(70, th)?.color, 'orange');
  assert.equal(activeThreshold(95, th)?.color, 'red');
  assert.equal(activeThreshold(-1e9, th)?.color, 'green');
  const pct = { ...th, mode: 'percentage' as const };
  assert.equal(activeThreshold(0.8, pct, { min: 0, max: 1 })?.color, 'orange');
  assert.equal(activeThreshold(8, pct, { min: 0, max: 10 })?.color, 'orange');
  assert.equal(activeThreshold(1, { mode: 'absolute', steps: [] }), undefined);
  assert.equal(resolveColor('semi-dark-red'), '#E02F44');
  assert.equal(resolveColor('#123456'), '#123456');
  assert.equal(resolveColor(undefined), '#CCCCDC');
});

test('value mappings: value, range, regex with $1, special; the first match wins', () => {
  const maps: ValueMapping[] = [
    { type: 'value', options: { '1': { text: 'UP', color: 'green' }, '0': { text: 'DOWN', color: 'red' } } },
    { type: 'range', options: { from: 2, to: 10, result: { text: 'few' } } },
    { type: 'range', options: { from: 10, to: null, result: { text: 'many' } } },
    { type: 'regex', options: { pattern: '/^eth(\\d+)$/', result: { text: 'port $1' } } },
    { type: 'special', options: { match: 'null+nan', result: { text: 'N/A', color: 'gray' } } },
    { type: 'special', options: { match: 'true', result: { text: 'yes' } } },
    { type: 'special', options: { match: 'empty', result: { text: '(empty)' } } },
  ];
  assert.equal(mapValue(1, maps)?.text, 'UP');
  assert.equal(mapValue(5, maps)?.text, 'few');
  assert.equal(mapValue(10, maps)?.text, 'few');
  assert.equal(mapValue(1e6, maps)?.text, 'many');
  assert.equal(mapValue('eth3', maps)?.text, 'port 3');
  assert.equal(mapValue(null, maps)?.text, 'N/A');
  assert.equal(mapValue(NaN, maps)?.text, 'N/A');
  assert.equal(mapValue(true, maps)?.text, 'yes');
  assert.equal(mapValue('', maps)?.text, '(empty)');
  assert.equal(mapValue(-3, maps), undefined);
  assert.equal(
    mapValue('x', [{ type: 'regex', options: { pattern: '/(/', result: { text: 'bad' } } }]),
    undefined,
  );
  assert.ok(stringToRegex('a.c').test('abc') && !stringToRegex('a.c').test('abcd'));
});

test('the display of a value: mapping, then unit and decimals, threshold colour, noValue', () => {
  const cfg = {
    unit: 'percentunit',
    decimals: 1,
    noValue: 'No data',
    color: { mode: 'thresholds' },
    thresholds: {
      mode: 'absolute' as const,
      steps: [
        { color: 'green', value: null },
        { color: 'red', value: 0.9 },
      ],
    },
    mappings: [{ type: 'value', options: { '0': { text: 'idle' } } }] as ValueMapping[],
  };
  assert.deepEqual(displayValue(0.42, cfg), {
    text: '42.0',
    prefix: undefined,
    suffix: '%',
    color: '#73BF69',
    numeric: 0.42,
  });
  assert.equal(displayValue(0.95, cfg).color, '#F2495C');
  assert.equal(displayValue(0, cfg).text, 'idle');
  assert.equal(displayValue(null, cfg).text, 'No data');
  assert.equal(displayValue(NaN, cfg).text, 'No data');
  assert.equal(displayValue(NaN, { unit: 'short' }).text, 'NaN');
  assert.equal(displayValue('text', {}).text, 'text');
  assert.equal(displayValue(5, { color: { mode: 'fixed', fixedColor: 'purple' } }).color, '#B877D9');
  const pct = { ...cfg, thresholds: { ...cfg.thresholds, mode: 'percentage' as const }, min: 0, max: 2 };
  // Percentage mode: the steps are percents of min..max (0..2): 0.01 is 0.5 %, 1.9 is 95 %.
  assert.equal(displayValue(0.01, pct).color, '#73BF69');
  assert.equal(displayValue(1.9, pct).color, '#F2495C');
});

test('continuous schemes run through their colours; palette-classic-by-name is stable per name', () => {
  assert.equal(schemeColor('continuous-GrYlRd', 0), '#73BF69');
  assert.equal(schemeColor('continuous-GrYlRd', 0.5), '#FADE2A');
  assert.equal(schemeColor('continuous-GrYlRd', 1), '#F2495C');
  assert.equal(schemeColor('continuous-GrYlRd', 7), '#F2495C');
  assert.equal(schemeColor('continuous-BlPu', 0.5), '#8886E6'); // halfway from #5794F2 to #B877D9
  assert.equal(schemeColor('palette-classic', 0.5), undefined);
  assert.equal(displayValue(50, { min: 0, max: 100, color: { mode: 'continuous-GrYlRd' } }).color, '#FADE2A');
  const byName: FieldConfig = { defaults: { color: { mode: 'palette-classic-by-name' } }, overrides: [] };
  const a = applyFieldConfig(named('eth0', 'eth1'), byName);
  const b = applyFieldConfig(named('eth1'), byName);
  assert.equal(a[1].color, b[0].color);
  assert.equal(a[0].color, colorByName('eth0'));
});
