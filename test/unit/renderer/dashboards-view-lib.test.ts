// The dashboard page's pure parts: Grafana time expressions, titles with variables, the
// grid sections and placement, the Markdown subset (no HTML, no script), reducers, thresholds,
// units, the /d/<uid>/<slug> address, and which paths the servers answer with index.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Panel, RowPanel } from '../../../shared/dashboards/model';
import { isUiRoute, uiFilePath } from '../../../electron/engine/http/ui-routes';
import { dashboardHref, parseDashboardLocation } from '../../../renderer/src/views/dashboards/dash-location';
import {
  parseDashTime,
  resolveDashRange,
  rangeLabel,
} from '../../../renderer/src/views/dashboards/dash-time';
import { boxesOf, gridArea, sectionsOf } from '../../../renderer/src/views/dashboards/layout';
import { parseInline, parseMarkdown, safeHref } from '../../../renderer/src/views/dashboards/markdown';
import { displayText, seriesName } from '../../../renderer/src/views/dashboards/panel-data';
import {
  panelCalc,
  reduceSeries,
  reduceValues,
  shownValue,
} from '../../../renderer/src/views/dashboards/panel-values';

const NOW = Date.UTC(2026, 0, 10, 12, 34, 56);

test('Grafana time expressions resolve against now', () => {
  assert.equal(parseDashTime('now', NOW), NOW);
  assert.equal(parseDashTime('now-15m', NOW), NOW - 15 * 60_000);
  assert.equal(parseDashTime('now-1d/d', NOW), Date.UTC(2026, 0, 9));
  assert.equal(parseDashTime('1700000000000', NOW), 1_700_000_000_000);
  assert.equal(parseDashTime('2026-01-01T00:00:00Z', NOW), Date.UTC(2026, 0, 1));
  assert.equal(parseDashTime('now-15q', NOW), null);
  assert.deepEqual(resolveDashRange({ from: 'now-6h', to: 'now' }, NOW), {
    startMs: NOW - 6 * 3_600_000,
    endMs: NOW,
  });
  // A range that ends before it starts falls back to the last 6 hours, never an empty window.
  assert.deepEqual(resolveDashRange({ from: 'now', to: 'now-1h' }, NOW), {
    startMs: NOW - 3_600_000 - 6 * 3_600_000,
    endMs: NOW - 3_600_000,
  });
  assert.equal(rangeLabel({ from: 'now-15m', to: 'now' }), 'Last 15 minutes');
  assert.equal(rangeLabel({ from: 'now-2h', to: 'now-1h' }), 'now-2h to now-1h');
});

const panel = (id: number, y: number, extra: Partial<Panel> = {}): Panel => ({
  id,
  type: 'timeseries',
  title: `p${id}`,
  gridPos: { x: 0, y, w: 12, h: 8 },
  ...extra,
});
const row = (id: number, y: number, collapsed: boolean, panels: Panel[]): RowPanel => ({
  id,
  type: 'row',
  title: `row${id}`,
  gridPos: { x: 0, y, w: 24, h: 1 },
  collapsed,
  panels,
});

test('sections: panels before the first row, expanded rows take what follows, collapsed rows their own', () => {
  const s = sectionsOf([
    panel(1, 0),
    row(2, 8, false, []),
    panel(3, 9),
    row(4, 17, true, [panel(5, 18), panel(6, 18)]),
  ]);
  assert.deepEqual(
    s.map((x) => [x.row?.id ?? null, x.panels.map((p) => p.id)]),
    [
      [null, [1]],
      [2, [3]],
      [4, [5, 6]],
    ],
  );
  // Placement is relative to the section's top, clamped into 24 columns, and floats up into gaps.
  const [placed] = sectionsOf([
    panel(5, 18, { gridPos: { x: 20, y: 18, w: 12, h: 4 } }),
    panel(6, 22, { gridPos: { x: 0, y: 22, w: 99, h: 0 } }),
    panel(7, 60, { gridPos: { x: 0, y: 60, w: 6, h: 2 } }),
  ]);
  assert.deepEqual(
    boxesOf(placed)
      .map(gridArea)
      .map((a) => [a.gridColumn, a.gridRow]),
    [
      ['13 / span 12', '1 / span 4'],
      ['1 / span 24', '5 / span 1'],
      ['1 / span 6', '6 / span 2'],
    ],
  );
});

test('Markdown: a safe subset, tags dropped, scripts and javascript: links inert', () => {
  const blocks = parseMarkdown(
    '# Title\n\nSome **bold** and `code`.\n\n- one\n- [two](https://x.org)\n<script>alert(1)</script><b>kept</b>',
  );
  assert.deepEqual(blocks[0], { kind: 'heading', level: 1, inline: [{ kind: 'text', text: 'Title' }] });
  assert.deepEqual(blocks[1], {
    kind: 'para',
    inline: [
      { kind: 'text', text: 'Some ' },
      { kind: 'strong', text: 'bold' },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'code' },
      { kind: 'text', text: '.' },
    ],
  });
  assert.equal(blocks[2].kind, 'list');
  assert.ok(!JSON.stringify(blocks).includes('alert'), 'script content is gone');
  assert.ok(JSON.stringify(blocks).includes('kept'), 'text inside other tags is kept');
  assert.deepEqual(parseInline('[x](javascript:alert(1))'), [
    { kind: 'text', text: 'x' },
    { kind: 'text', text: ')' },
  ]);
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('https://grafana.com'), 'https://grafana.com');
});

test('values: reducers, thresholds, colours and units', () => {
  const v = Float64Array.of(3, NaN, 1, 7);
  assert.equal(reduceValues(v, 'lastNotNull'), 7);
  assert.equal(reduceValues(v, 'mean'), 11 / 3);
  assert.equal(reduceValues(v, 'max'), 7);
  assert.equal(reduceValues(Float64Array.of(NaN), 'lastNotNull'), null);
  assert.equal(panelCalc({ reduceOptions: { calcs: ['mean'] } }), 'mean');
  assert.equal(panelCalc(undefined), 'lastNotNull');
  // Each series shown under its own field options: a mapping, the unit, thresholds' colour, noValue.
  const th = {
    mode: 'absolute' as const,
    steps: [
      { color: 'green', value: null },
      { color: 'red', value: 80 },
    ],
  };
  const config = { unit: 'percent', decimals: 1, thresholds: th };
  assert.deepEqual(shownValue(50, config), { text: '50.0%', color: '#73BF69' });
  assert.equal(shownValue(85, config).color, '#F2495C');
  assert.equal(shownValue(null, { noValue: 'none' }).text, 'none');
  assert.equal(shownValue(null, {}).text, 'No data');
  const mapped = { mappings: [{ type: 'value' as const, options: { '1': { text: 'UP' } } }] };
  assert.equal(shownValue(1, mapped).text, 'UP');
  const series = [
    { name: 'a', refId: 'A', labels: {}, timestamps: Float64Array.of(1, 2), values: Float64Array.of(1, 2) },
  ];
  assert.deepEqual(
    reduceSeries(series, 'max', [{ displayName: 'Shown', config: { unit: 'bytes' } } as never]),
    [{ name: 'Shown', value: 2, config: { unit: 'bytes' } }],
  );
});

test("series names from a legend format or the labels; titles with the variables' text", () => {
  const vars = new Map([['node', { name: 'node', value: 'host:9100', text: 'host:9100' }]]);
  assert.equal(displayText('CPU on $node ${node}', vars), 'CPU on host:9100 host:9100');
  assert.equal(displayText('CPU on $node', undefined), 'CPU on $node');
  assert.equal(seriesName({ cpu: '0', mode: 'idle' }, '{{mode}} cpu{{ cpu }}'), 'idle cpu0');
  assert.equal(seriesName({ __name__: 'up', job: 'node' }, undefined), 'up{job="node"}');
});

test('the dashboard address: /d/<uid>/<slug> with its query, a hash wins', () => {
  const loc = parseDashboardLocation(
    '/d/rYdddlPWk/node-exporter-full',
    '?from=now-15m&to=now&var-job=node',
    '',
  );
  assert.equal(loc?.uid, 'rYdddlPWk');
  assert.equal(loc?.slug, 'node-exporter-full');
  assert.equal(loc?.params.get('var-job'), 'node');
  assert.equal(parseDashboardLocation('/d/abc', '', '')?.uid, 'abc');
  assert.equal(parseDashboardLocation('/d/abc/x', '', '#/targets'), null);
  assert.equal(parseDashboardLocation('/', '', ''), null);
  assert.equal(
    dashboardHref('a b', 'Node Exporter Full', new URLSearchParams('from=now-1h')),
    '/d/a%20b/node-exporter-full?from=now-1h',
  );
});

test('the servers answer index.html for /d/<uid>[/<slug>] only', () => {
  assert.equal(isUiRoute('/d/abc'), true);
  assert.equal(isUiRoute('/d/abc/some-slug'), true);
  assert.equal(isUiRoute('/d/abc/some-slug/'), true);
  assert.equal(isUiRoute('/d/'), false);
  assert.equal(isUiRoute('/d/abc/x/y'), false);
  assert.equal(isUiRoute('/app.js'), false);
  assert.equal(uiFilePath('/d/abc/x'), '/');
  assert.equal(uiFilePath('/app.css'), '/app.css');
});
