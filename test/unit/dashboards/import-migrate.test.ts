// Grafana's load-time migrations, on small made-up dashboards: each legacy option lands where the
// current model keeps it, and what cannot be carried is in the report, never silently gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importDashboardText, uidFromTitle } from '../../../electron/engine/dashboards/import';
import type { Panel, RowPanel } from '../../../shared/dashboards/model';

const load = (d: object) => importDashboardText(JSON.stringify(d));
const legacy = (panels: object[], rowExtra: object = {}) =>
  load({ title: 'Legacy', schemaVersion: 14, rows: [{ height: '250px', panels, ...rowExtra }] });
const items = (r: ReturnType<typeof load>) => r.report.unsupported.map((u) => `${u.panel}: ${u.item}`);

test('graph → timeseries: draw style, stacking, axes, legend, series overrides', () => {
  const { dashboard, report } = legacy([
    {
      id: 3,
      type: 'graph',
      title: 'Net',
      span: 6,
      lines: true,
      fill: 2,
      linewidth: 1,
      stack: true,
      percentage: true,
      nullPointMode: 'connected',
      yaxes: [
        { format: 'bps', logBase: 2, min: 1, max: '1000', label: 'rate' },
        { format: 'percent', show: true },
      ],
      legend: { show: true, alignAsTable: true, values: true, current: true, avg: true, total: false },
      tooltip: { shared: true, sort: 2 },
      seriesOverrides: [
        { alias: '/Out.*/', transform: 'negative-Y', dashes: true, fill: 0 },
        { alias: 'errors', yaxis: 2, color: '#f00', zindex: 3 },
        { alias: 'gone', fillBelowTo: 'other' },
      ],
      aliasColors: { In: '#0f0' },
      targets: [{ expr: 'rate(x[5m])', legendFormat: 'In' }],
    },
  ]);
  const p = dashboard.panels[0];
  assert.equal(p.type, 'timeseries');
  assert.deepEqual(p.gridPos, { x: 0, y: 0, w: 12, h: 7 });
  const d = p.fieldConfig!.defaults;
  assert.equal(d.unit, 'bps');
  assert.equal(d.min, 1);
  assert.equal(d.max, 1000);
  assert.deepEqual(d.custom?.scaleDistribution, { type: 'log', log: 2 });
  assert.equal(d.custom?.axisLabel, 'rate');
  assert.deepEqual(d.custom?.stacking, { mode: 'percent', group: 'A' });
  assert.equal(d.custom?.fillOpacity, 20);
  assert.equal(d.custom?.spanNulls, true);
  assert.deepEqual(p.options?.legend, {
    showLegend: true,
    displayMode: 'table',
    placement: 'bottom',
    calcs: ['mean', 'lastNotNull'],
  });
  assert.deepEqual(p.options?.tooltip, { mode: 'multi', sort: 'desc' });
  const ov = p.fieldConfig!.overrides;
  assert.deepEqual(ov[0], {
    matcher: { id: 'byName', options: 'In' },
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: '#0f0' } }],
  });
  assert.deepEqual(ov[1], {
    matcher: { id: 'byRegexp', options: 'Out.*' },
    properties: [
      { id: 'custom.transform', value: 'negative-Y' },
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
      { id: 'custom.fillOpacity', value: 0 },
    ],
  });
  assert.deepEqual(ov[2].properties, [
    { id: 'custom.axisPlacement', value: 'right' },
    { id: 'unit', value: 'percent' },
    { id: 'color', value: { mode: 'fixed', fixedColor: '#f00' } },
  ]);
  assert.equal(ov.length, 3, 'an override with nothing to carry adds nothing');
  assert.deepEqual(items({ dashboard, report }), [
    'Net: seriesOverrides "errors".zindex',
    'Net: seriesOverrides "gone".fillBelowTo',
  ]);
  for (const k of ['lines', 'yaxes', 'seriesOverrides', 'legend', 'aliasColors', 'span'])
    assert.ok(!(k in p), k);
});

test('singlestat → stat (thresholds, colours, sparkline, value maps) or gauge', () => {
  const { dashboard, report } = legacy([
    {
      type: 'singlestat',
      title: 'Temp',
      valueName: 'current',
      format: 'celsius',
      thresholds: '50,80',
      colors: ['green', 'orange', 'red'],
      colorBackground: true,
      sparkline: { show: true },
      mappingType: 1,
      valueMaps: [{ op: '=', value: '0', text: 'off' }],
      prefix: '~',
    },
    {
      type: 'singlestat',
      title: 'Load',
      valueName: 'max',
      gauge: { show: true, minValue: 0, maxValue: 8 },
      postfix: ' procs',
    },
    { type: 'singlestat', title: 'Odd', valueName: 'last_time', valueFontSize: '200%' },
  ]);
  const [temp, load1, odd] = dashboard.panels;
  assert.equal(temp.type, 'stat');
  assert.deepEqual(temp.options?.reduceOptions, { calcs: ['lastNotNull'], fields: '', values: false });
  assert.equal(temp.options?.colorMode, 'background');
  assert.equal(temp.options?.graphMode, 'area');
  assert.equal(temp.fieldConfig?.defaults.unit, 'celsius');
  assert.deepEqual(temp.fieldConfig?.defaults.thresholds, {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      { color: 'orange', value: 50 },
      { color: 'red', value: 80 },
    ],
  });
  assert.deepEqual(temp.fieldConfig?.defaults.mappings, [
    { type: 'value', options: { '0': { text: 'off' } } },
  ]);
  assert.equal(load1.type, 'gauge');
  assert.equal(load1.fieldConfig?.defaults.max, 8);
  assert.equal(load1.fieldConfig?.defaults.unit, 'suffix: procs');
  assert.deepEqual(items({ dashboard, report }), ['Temp: prefix', 'Odd: valueName', 'Odd: valueFontSize']);
  assert.equal(
    odd.options?.reduceOptions && (odd.options.reduceOptions as { calcs: string[] }).calcs[0],
    'lastNotNull',
  );
});

test('table-old → table: column styles become overrides', () => {
  const { dashboard, report } = legacy([
    {
      type: 'table-old',
      title: 'Targets',
      transform: 'timeseries_aggregations',
      columns: [{ text: 'Avg', value: 'avg' }],
      styles: [
        { pattern: 'Time', type: 'hidden' },
        { pattern: '/.*/', type: 'number', unit: 'bytes', decimals: 1 },
        {
          pattern: 'Value',
          alias: 'Size',
          thresholds: ['1', '2'],
          colors: ['a', 'b', 'c'],
          colorMode: 'cell',
        },
      ],
    },
  ]);
  const t = dashboard.panels[0];
  assert.equal(t.type, 'table');
  assert.equal(t.fieldConfig?.defaults.unit, 'bytes');
  assert.deepEqual(t.fieldConfig?.overrides[0], {
    matcher: { id: 'byName', options: 'Time' },
    properties: [{ id: 'custom.hidden', value: true }],
  });
  assert.deepEqual(
    t.fieldConfig?.overrides[1].properties.map((p) => p.id),
    ['displayName', 'thresholds', 'custom.cellOptions'],
  );
  assert.deepEqual(items({ dashboard, report }), ['Targets: transform', 'Targets: columns']);
});

test('legacy rows that show titles become row panels; collapsed ones hold their panels', () => {
  const { dashboard } = load({
    title: 'Rows',
    schemaVersion: 12,
    rows: [
      {
        title: 'Top',
        showTitle: true,
        height: 300,
        panels: [
          { type: 'text', span: 8 },
          { type: 'text', span: 6 },
        ],
      },
      { title: 'Hidden', collapse: true, panels: [{ id: 1, type: 'text', height: '100px' }] },
      { title: 'Last', panels: [{ id: 1, type: 'text', span: 12 }] },
    ],
  });
  const types = dashboard.panels.map(
    (p) => `${p.type}@${p.gridPos.x},${p.gridPos.y},${p.gridPos.w}x${p.gridPos.h}`,
  );
  // 300px → 8 grid rows; the second text panel does not fit beside the first and wraps.
  assert.deepEqual(types, [
    'row@0,0,24x1',
    'text@0,1,16x8',
    'text@0,9,12x8',
    'row@0,17,24x1',
    'row@0,18,24x1',
    'text@0,19,24x7',
  ]);
  const hidden = dashboard.panels[3] as RowPanel;
  assert.equal(hidden.collapsed, true);
  assert.equal(hidden.panels.length, 1);
  assert.equal(hidden.panels[0].gridPos.h, 3);
  const ids = [...dashboard.panels, ...hidden.panels].map((p: Panel) => p.id);
  assert.equal(new Set(ids).size, ids.length, `ids are unique: ${ids.join(',')}`);
});

test('unknown panel types, variables and annotations are kept and listed', () => {
  const { dashboard, report } = load({
    title: 'Misc',
    uid: 'misc',
    schemaVersion: 39,
    __inputs: [{ name: 'DS_PROM', type: 'datasource' }],
    annotations: {
      list: [
        { builtIn: 1, name: 'Annotations & Alerts' },
        { name: 'Deploys', enable: true, expr: 'x' },
      ],
    },
    templating: {
      list: [
        { type: 'adhoc', name: 'filters' },
        { type: 'query', name: 'ok', query: { query: 'label_values(up, job)' } },
        { type: 'query', name: 'odd', query: 'series(up)' },
      ],
    },
    panels: [
      {
        id: 1,
        type: 'piechart',
        title: 'Pie',
        gridPos: { x: 0, y: 0, w: 6, h: 6 },
        datasource: { uid: '${DS_PROM}', type: 'prometheus' },
        options: { pieType: 'donut' },
      },
      {
        id: 2,
        type: 'timeseries',
        title: 'TS',
        gridPos: { x: 6, y: 0, w: 6, h: 6 },
        options: { legend: { showLegend: true, bogus: 1 }, weird: true },
        fieldConfig: {
          defaults: { custom: { fancy: 1 } },
          overrides: [
            { matcher: { id: 'byValue', options: {} }, properties: [] },
            {
              matcher: { id: 'byName', options: 'x' },
              properties: [{ id: 'custom.transform', value: 'negative-Y' }, { id: 'links.x' }],
            },
          ],
        },
        transformations: [{ id: 'merge' }],
        targets: [{ refId: 'A', expr: 'up', datasource: { type: 'loki' } }],
      },
    ],
  });
  assert.equal(dashboard.panels[0].type, 'piechart', 'kept as it is for the placeholder and export');
  assert.equal(dashboard.panels[0].datasource, null, 'a ${DS_x} input is the default datasource');
  assert.deepEqual(items({ dashboard, report }), [
    'dashboard: annotation Deploys',
    'variable filters: type adhoc',
    'variable odd: query',
    'Pie: type piechart',
    'TS: transformations merge',
    'TS: options.legend.bogus',
    'TS: options.weird',
    'TS: fieldConfig.defaults.custom.fancy',
    'TS: fieldConfig.overrides[0].matcher byValue',
    'TS: fieldConfig.overrides[1].properties links.x',
    'TS: targets A',
  ]);
  assert.match(report.unsupported[3].reason, /placeholder/);
});

test('a dashboard without uid gets a stable one from its title', () => {
  const a = load({ title: 'My Host: CPU & Memory!', panels: [] });
  const b = load({ title: 'My Host: CPU & Memory!', panels: [] });
  assert.equal(a.report.uid, 'my-host-cpu-memory');
  assert.equal(b.report.uid, a.report.uid);
  assert.equal(a.report.uidGenerated, true);
  assert.equal(uidFromTitle('x'.repeat(60)).length, 40);
  assert.match(uidFromTitle('***'), /^[0-9a-f]{12}$/);
  assert.equal(load({ title: 'T', uid: 'keep_me-1', panels: [] }).report.uid, 'keep_me-1');
});

test('a text panel of before Grafana 7.1 keeps its Markdown, now in options', () => {
  const { dashboard, report } = legacy([{ type: 'text', title: 'Notes', mode: 'markdown', content: '# Hi' }]);
  assert.deepEqual(dashboard.panels[0].options, { mode: 'markdown', content: '# Hi' });
  assert.ok(!('content' in dashboard.panels[0]));
  assert.deepEqual(report.unsupported, []);
});
