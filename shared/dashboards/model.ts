// Dashboards as Promdesk keeps them: Grafana's classic dashboard JSON (the model Grafana saves at
// schemaVersion 41), so an export is a file Grafana imports as it is. Only what Promdesk reads is
// typed; everything else a panel or dashboard carries is kept (index signatures) so nothing is lost
// on a round trip. Import (electron/engine/dashboards/) migrates older models to this one.

/** The schemaVersion Promdesk writes; imports from 12 up are migrated to it. */
export const CURRENT_SCHEMA_VERSION = 41;

/** A panel's place on the 24-column grid; h in grid rows (30 px each in Grafana). */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const GRID_COLUMNS = 24;

/** A datasource reference; `uid` may be a variable such as `${ds_prometheus}`. */
export interface DataSourceRef {
  type?: string;
  uid?: string;
}

/** One query of a panel (Grafana's Prometheus datasource query model). */
export interface Target {
  refId: string;
  expr?: string;
  /** `{{label}}` templates for series names. */
  legendFormat?: string;
  /** Instant query at the range's end (true) and/or a range query (range true or absent). */
  instant?: boolean;
  range?: boolean;
  /** Minimum step, e.g. "30s" or "$__interval"-style variables. */
  interval?: string;
  /** Step multiplier (legacy; default 1). */
  intervalFactor?: number;
  /** A hidden query is not run. */
  hide?: boolean;
  /** time_series (default), table or heatmap. */
  format?: string;
  datasource?: DataSourceRef | null;
  [key: string]: unknown;
}

export interface ThresholdStep {
  color: string;
  /** null for the base step (Grafana's -Infinity). */
  value: number | null;
}

export interface Thresholds {
  mode: 'absolute' | 'percentage';
  steps: ThresholdStep[];
}

/** Grafana's value mappings (fieldConfig.defaults.mappings). */
export interface ValueMappingResult {
  text?: string;
  color?: string;
  index?: number;
}
export type ValueMapping =
  | { type: 'value'; options: Record<string, ValueMappingResult> }
  | { type: 'range'; options: { from: number | null; to: number | null; result: ValueMappingResult } }
  | { type: 'regex'; options: { pattern: string; result: ValueMappingResult } }
  | {
      type: 'special';
      options: {
        match: 'null' | 'nan' | 'null+nan' | 'true' | 'false' | 'empty';
        result: ValueMappingResult;
      };
    };

export interface FieldColor {
  /** fixed, thresholds, palette-classic, continuous-GrYlRd, shades, ... */
  mode: string;
  fixedColor?: string;
  seriesBy?: 'min' | 'max' | 'last';
}

/** Field options shared by every panel type, and `custom` for the panel type's own. */
export interface FieldConfigDefaults {
  /** A Grafana unit id: bytes, percentunit, s, bps, ... */
  unit?: string;
  decimals?: number | null;
  min?: number | null;
  max?: number | null;
  displayName?: string;
  noValue?: string;
  color?: FieldColor;
  thresholds?: Thresholds;
  mappings?: ValueMapping[];
  links?: unknown[];
  /** The panel type's field options, e.g. timeseries drawStyle, fillOpacity, stacking, axisPlacement. */
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Which fields an override applies to. */
export interface FieldMatcher {
  /** byName, byRegexp, byFrameRefID, byType, byNames, byValue, ... */
  id: string;
  options?: unknown;
}

/** One property an override sets: `id` is a defaults path such as `unit` or `custom.transform`. */
export interface OverrideProperty {
  id: string;
  value?: unknown;
}

export interface FieldOverride {
  matcher: FieldMatcher;
  properties: OverrideProperty[];
}

export interface FieldConfig {
  defaults: FieldConfigDefaults;
  overrides: FieldOverride[];
}

/** Timeseries/stat legend options (options.legend). */
export interface LegendOptions {
  showLegend: boolean;
  displayMode: 'list' | 'table' | 'hidden';
  placement: 'bottom' | 'right';
  /** Reducers shown in a table legend: min, max, mean, lastNotNull, last, sum, ... */
  calcs: string[];
  sortBy?: string;
  sortDesc?: boolean;
  [key: string]: unknown;
}

/** What every panel has. `options` holds the panel type's options (legend, tooltip, reduceOptions, ...). */
export interface PanelCommon {
  id: number;
  type: string;
  title: string;
  gridPos: GridPos;
  description?: string;
  datasource?: DataSourceRef | null;
  targets?: Target[];
  fieldConfig?: FieldConfig;
  options?: Record<string, unknown>;
  transparent?: boolean;
  maxDataPoints?: number | null;
  /** Minimum step for the panel's queries, e.g. "30s". */
  interval?: string | null;
  /** Panel-own relative range ("1h") and shift ("1d"). */
  timeFrom?: string | null;
  timeShift?: string | null;
  /** Repeat per value of this variable. */
  repeat?: string;
  repeatDirection?: 'h' | 'v';
  maxPerRow?: number;
  links?: unknown[];
  pluginVersion?: string;
  [key: string]: unknown;
}

/**
 * A row: its panels follow it in the top-level `panels` while it is expanded, and are nested in
 * its own `panels` while it is collapsed (as Grafana saves them).
 */
export interface RowPanel extends PanelCommon {
  type: 'row';
  collapsed: boolean;
  panels: Panel[];
}

/**
 * Any panel. A type Promdesk does not draw (see supported.ts) is kept as it is and shown as a
 * placeholder naming its type, so exporting gives it back to Grafana unchanged.
 */
export type Panel = PanelCommon | RowPanel;

export function isRowPanel(panel: Panel): panel is RowPanel {
  return panel.type === 'row';
}

export interface VariableOption {
  text: string | string[];
  value: string | string[];
  selected?: boolean;
}

/** A template variable (templating.list[]). */
export interface Variable {
  /** query, custom, constant, interval, textbox, datasource, adhoc. */
  type: string;
  name: string;
  label?: string;
  /** For query variables a string or Grafana's `{query, refId}` object; custom: "a,b,c". */
  query?: unknown;
  definition?: string;
  datasource?: DataSourceRef | null;
  regex?: string;
  /** 0 none, 1 alpha asc, 2 alpha desc, 3 numeric asc, 4 numeric desc, 5/6 alpha ci, 7/8 natural. */
  sort?: number;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  current?: VariableOption | Record<string, never>;
  options?: VariableOption[];
  /** 0 shown, 1 label hidden, 2 variable hidden. */
  hide?: number;
  /** 1 on load, 2 on time range change. */
  refresh?: number;
  [key: string]: unknown;
}

export interface DashboardTime {
  from: string;
  to: string;
}

/** A dashboard, in Grafana's classic JSON model. */
export interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
  time: DashboardTime;
  /** Auto-refresh interval ("30s") or "" / false for none. */
  refresh: string | false;
  /** 0 no sharing, 1 shared crosshair, 2 shared crosshair and tooltip. */
  graphTooltip: number;
  timezone?: string;
  description?: string;
  editable?: boolean;
  version?: number;
  id?: number | null;
  links?: unknown[];
  annotations?: { list: unknown[] };
  [key: string]: unknown;
}

/** A dashboard in the Dashboards list (what the store keeps beside each file). */
export interface DashboardSummary {
  uid: string;
  title: string;
  tags: string[];
  starred: boolean;
  /** When it was last saved, ms since the epoch. */
  updatedMs: number;
  /** Panels, rows and nested panels included. */
  panels: number;
  /** An earlier version is kept: undoDashboardChange can restore it. */
  canUndo: boolean;
  /** The file it was provisioned from (--dashboards): read-only here, save a copy to edit. */
  provisioned?: string;
}

/** What the last provisioning run (--dashboards DIR) did. */
export interface DashboardProvisioning {
  /** The folder read, as given. */
  dir: string;
  /** uid → the file it came from. */
  dashboards: Record<string, string>;
  /** Files that could not be imported, with why. */
  problems: { file: string; error: string }[];
}

/** Something an import could not carry over, and why. */
export interface UnsupportedItem {
  /** The panel's title (or "dashboard" / "variable <name>" for what belongs to no panel). */
  panel: string;
  /** What was not carried: a panel type, an option path, a variable, ... */
  item: string;
  reason: string;
}

/** What importing one dashboard did. */
export interface ImportReport {
  uid: string;
  title: string;
  /** Panels imported (rows and nested panels included). */
  panels: number;
  unsupported: UnsupportedItem[];
  /** The uid was made from the title because the file had none. */
  uidGenerated: boolean;
  /** schemaVersion of the file as read. */
  fromSchemaVersion: number;
}

/** Grafana's URL slug of a title: /d/<uid>/<slug>. */
export function dashboardSlug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9_ -]+/g, '')
      .trim()
      .replace(/[\s_-]+/g, '-') || 'dashboard'
  );
}
