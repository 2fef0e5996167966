// A Grafana dashboard file of any classic schemaVersion from 12 on → the current model, as
// Grafana's DashboardMigrator does on load: legacy top-level rows[] become row panels with
// gridPos, angular panels become their current types, datasource names become references.
// Schema v2 (Grafana 12's dynamic dashboards) is refused. What cannot be carried is noted with
// the panel it belongs to.
import { CURRENT_SCHEMA_VERSION, GRID_COLUMNS } from '../../../shared/dashboards/model';
import { FIELD_OPTIONS_PANELS, migrateFieldOptions } from './migrate-field-options';
import { graphToTimeseries } from './migrate-graph';
import { migrateHeatmap } from './migrate-heatmap';
import { singlestatToStat } from './migrate-singlestat';
import { tableOldToTable } from './migrate-table';
import { DashboardError, describe, expectArray, expectObject, isObject } from './validate';
import type { Obj } from './migrate-types';

/** The oldest schemaVersion migrated (Grafana 4). */
export const OLDEST_SCHEMA_VERSION = 12;

/** Records what one panel (by title) or the dashboard could not carry over. */
export type PanelNote = (panel: string, item: string, reason: string) => void;

/** Grafana's grid: rows of 30 px plus an 8 px margin; a legacy panel is at least 90 px high. */
const CELL_PX = 30 + 8;
const MIN_PANEL_PX = 90;
const DEFAULT_ROW_PX = 250;
const DEFAULT_SPAN = 4;

function gridHeight(height: unknown): number {
  const px = typeof height === 'number' ? height : Number.parseInt(String(height ?? ''), 10);
  return Math.ceil(Math.max(Number.isFinite(px) ? px : DEFAULT_ROW_PX, MIN_PANEL_PX) / CELL_PX);
}

export function panelLabel(p: Obj): string {
  if (typeof p.title === 'string' && p.title.trim()) return p.title;
  return `${typeof p.type === 'string' ? p.type : 'panel'} #${String(p.id ?? '?')}`;
}

/** Refuses what is not a classic dashboard: schema v2, other JSON, too old a schemaVersion. */
function checkClassic(d: Obj): void {
  const spec = isObject(d.spec) ? d.spec : null;
  if (
    (typeof d.apiVersion === 'string' && /dashboard\.grafana\.app\/v2/.test(d.apiVersion)) ||
    'elements' in d ||
    'layout' in d ||
    (spec && ('elements' in spec || 'layout' in spec))
  )
    throw new DashboardError(
      '',
      'a Grafana schema v2 dashboard (Grafana 12 dynamic dashboards: elements/layout) is not supported: in Grafana, export it with "Export the dashboard to use in another instance" turned off and the classic JSON model (Export → JSON, schema v1)',
    );
  if (!('panels' in d) && !('rows' in d))
    throw new DashboardError('', 'not a Grafana dashboard: it has neither "panels" nor the legacy "rows"');
  if (d.schemaVersion !== undefined && typeof d.schemaVersion !== 'number')
    throw new DashboardError('schemaVersion', `must be a number, not ${describe(d.schemaVersion)}`);
  if (typeof d.schemaVersion === 'number' && d.schemaVersion < OLDEST_SCHEMA_VERSION)
    throw new DashboardError(
      'schemaVersion',
      `${d.schemaVersion} is older than Promdesk reads (from ${OLDEST_SCHEMA_VERSION}, Grafana 4 on): open and save it in a newer Grafana first`,
    );
}

/** Legacy rows[] → panels with gridPos, and row panels where any row showed a title or collapsed. */
function rowsToPanels(rows: unknown[], maxId: number): Obj[] {
  const out: Obj[] = [];
  let nextId = maxId + 1;
  const rowObjs = rows.map((r, i) => expectObject(r, `rows[${i}]`));
  const showRows = rowObjs.some(
    (r) => r.collapse === true || r.showTitle === true || typeof r.repeat === 'string',
  );
  let y = 0;
  rowObjs.forEach((row, ri) => {
    if (row.repeatIteration) return;
    const rowH = gridHeight(row.height);
    const collapsed = showRows && row.collapse === true;
    let rowPanel: Obj | null = null;
    if (showRows) {
      rowPanel = {
        id: nextId++,
        type: 'row',
        title: row.title ?? '',
        collapsed,
        panels: [],
        gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 },
      };
      if (typeof row.repeat === 'string' && row.repeat) rowPanel.repeat = row.repeat;
      out.push(rowPanel);
      y += 1;
    }
    // Panels fill the row left to right; one that does not fit starts a new line below.
    let x = 0;
    let lineH = rowH;
    const panels = row.panels === undefined ? [] : expectArray(row.panels, `rows[${ri}].panels`);
    panels.forEach((p, pi) => {
      const panel = expectObject(p, `rows[${ri}].panels[${pi}]`);
      const span = typeof panel.span === 'number' && panel.span > 0 ? panel.span : DEFAULT_SPAN;
      const w = Math.min(GRID_COLUMNS, Math.max(1, Math.floor(span) * (GRID_COLUMNS / 12)));
      const h = panel.height !== undefined ? gridHeight(panel.height) : rowH;
      if (x + w > GRID_COLUMNS) {
        y += lineH;
        x = 0;
        lineH = rowH;
      }
      panel.gridPos = { x, y, w, h };
      lineH = Math.max(lineH, h);
      x += w;
      delete panel.span;
      delete panel.height;
      if (collapsed && rowPanel) (rowPanel.panels as Obj[]).push(panel);
      else out.push(panel);
    });
    if (!collapsed) y += panels.length ? lineH : 0;
  });
  return out;
}

function maxPanelId(rows: unknown[]): number {
  let max = 0;
  for (const r of rows)
    if (isObject(r) && Array.isArray(r.panels))
      for (const p of r.panels) if (isObject(p) && typeof p.id === 'number') max = Math.max(max, p.id);
  return max;
}

/**
 * A datasource as a reference: names and `$var` strings of old files, and `${DS_X}` inputs of a
 * file exported for sharing, become null (the default: the local store) or `{uid: "${var}"}`.
 */
function datasourceRef(ds: unknown, inputs: ReadonlySet<string>): unknown {
  if (typeof ds === 'string') {
    const v = /^\$\{?(\w+)\}?$/.exec(ds);
    if (v && !inputs.has(v[1])) return { uid: `\${${v[1]}}` };
    return null;
  }
  if (isObject(ds) && typeof ds.uid === 'string') {
    const v = /^\$\{(\w+)\}$/.exec(ds.uid);
    if (v && inputs.has(v[1])) return null;
  }
  return ds;
}

const MIGRATIONS: Record<string, (panel: Obj, note: (item: string, reason: string) => void) => void> = {
  graph: graphToTimeseries,
  singlestat: singlestatToStat,
  'grafana-singlestat-panel': singlestatToStat,
  'table-old': tableOldToTable,
  heatmap: migrateHeatmap,
  'heatmap-new': migrateHeatmap,
};

function migratePanel(panel: Obj, path: string, inputs: ReadonlySet<string>, note: PanelNote): void {
  if (typeof panel.type !== 'string')
    throw new DashboardError(`${path}.type`, `must be a string, not ${describe(panel.type)}`);
  const label = panelLabel(panel);
  // An old `table` still carries angular `styles`: it is a table-old in all but name.
  const migrate =
    MIGRATIONS[panel.type] ??
    (panel.type === 'table' && Array.isArray(panel.styles) ? tableOldToTable : undefined);
  if (migrate) migrate(panel, (item, reason) => note(label, item, reason));
  else if (FIELD_OPTIONS_PANELS.has(panel.type))
    migrateFieldOptions(panel, (item, reason) => note(label, item, reason));
  // Text panels before Grafana 7.1 kept their Markdown at the top level.
  if (panel.type === 'text' && (typeof panel.content === 'string' || typeof panel.mode === 'string')) {
    const options = isObject(panel.options) ? panel.options : {};
    panel.options = { mode: panel.mode ?? 'markdown', content: panel.content ?? '', ...options };
    delete panel.content;
    delete panel.mode;
  }
  if ('datasource' in panel) panel.datasource = datasourceRef(panel.datasource, inputs);
  if (Array.isArray(panel.targets))
    panel.targets.forEach((t, i) => {
      const target = expectObject(t, `${path}.targets[${i}]`);
      if ('datasource' in target) target.datasource = datasourceRef(target.datasource, inputs);
      if (typeof target.refId !== 'string') target.refId = String.fromCharCode(65 + (i % 26));
    });
  if (panel.type === 'row') {
    panel.collapsed = panel.collapsed === true;
    const nested = panel.panels === undefined ? [] : expectArray(panel.panels, `${path}.panels`);
    nested.forEach((c, i) =>
      migratePanel(expectObject(c, `${path}.panels[${i}]`), `${path}.panels[${i}]`, inputs, note),
    );
    panel.panels = nested;
  }
  panel.title = typeof panel.title === 'string' ? panel.title : '';
}

/**
 * Migrates a parsed dashboard file to the current model (a new object; the input is not
 * changed). Throws DashboardError naming the JSON path for what cannot be read at all.
 */
export function migrateDashboard(input: unknown, note: PanelNote): Obj {
  let d = expectObject(input, '');
  // The HTTP API's and some exporters' wrapper: {"dashboard": {...}, "meta": {...}}.
  if (isObject(d.dashboard) && !('panels' in d) && !('rows' in d)) d = d.dashboard;
  checkClassic(d);
  d = structuredClone(d);
  const inputs = new Set(
    (Array.isArray(d.__inputs) ? d.__inputs : [])
      .filter(isObject)
      .map((i) => (typeof i.name === 'string' ? i.name : ''))
      .filter(Boolean),
  );
  for (const k of ['__inputs', '__requires', '__elements']) delete d[k];

  if (d.graphTooltip === undefined && d.sharedCrosshair === true) d.graphTooltip = 1;
  delete d.sharedCrosshair;
  let panels = d.panels === undefined ? [] : expectArray(d.panels, 'panels');
  if (d.rows !== undefined) {
    const rows = expectArray(d.rows, 'rows');
    // A file with both keeps the panels it already laid out and appends the rows' ones under them.
    const fromRows = rowsToPanels(rows, maxPanelId(rows));
    if (panels.length) {
      const bottom = Math.max(
        0,
        ...panels
          .filter(isObject)
          .map((p) => (isObject(p.gridPos) ? Number(p.gridPos.y) + Number(p.gridPos.h) || 0 : 0)),
      );
      for (const p of fromRows) (p.gridPos as { y: number }).y += bottom;
    }
    panels = [...panels, ...fromRows];
    delete d.rows;
  }
  panels.forEach((p, i) => migratePanel(expectObject(p, `panels[${i}]`), `panels[${i}]`, inputs, note));
  d.panels = panels;

  if (isObject(d.templating) && Array.isArray(d.templating.list))
    d.templating.list.forEach((v, i) => {
      const variable = expectObject(v, `templating.list[${i}]`);
      if ('datasource' in variable) variable.datasource = datasourceRef(variable.datasource, inputs);
    });
  d.schemaVersion = CURRENT_SCHEMA_VERSION;
  // Grafana-only layout switches of the dark/light era, gone from the model since.
  for (const k of ['style', 'hideControls', 'gnetId', 'iteration']) delete d[k];
  return d;
}
