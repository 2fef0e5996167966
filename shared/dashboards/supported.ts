// What Promdesk draws of a Grafana dashboard: the panel types, options, field options, override
// properties and variable types it honours. The importer reports anything outside these lists as
// not carried over (it is still kept in the file, so an export gives it back to Grafana); the
// renderer draws what is listed here. One list, so the report and the drawing cannot disagree.

/** Panel types Promdesk draws; any other type shows as a placeholder naming it. */
export const SUPPORTED_PANEL_TYPES = [
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'table',
  'text',
  'row',
  'heatmap',
] as const;
export type SupportedPanelType = (typeof SUPPORTED_PANEL_TYPES)[number];

export function isSupportedPanelType(type: string): type is SupportedPanelType {
  return (SUPPORTED_PANEL_TYPES as readonly string[]).includes(type);
}

/** Panel keys honoured on every panel type (the rest of the panel is the type's `options`). */
export const PANEL_KEYS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'title',
  'gridPos',
  'description',
  'datasource',
  'targets',
  'fieldConfig',
  'options',
  'transparent',
  'maxDataPoints',
  'interval',
  'timeFrom',
  'timeShift',
  'hideTimeOverride',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'links',
  // rows
  'collapsed',
  'panels',
]);

/**
 * Panel keys that change nothing that is drawn: Grafana's bookkeeping (plugin version, library
 * panel ids of an export, angular-era flags). Neither carried nor reported.
 */
export const INERT_PANEL_KEYS: ReadonlySet<string> = new Set([
  'pluginVersion',
  'editable',
  'error',
  'isNew',
  'cacheTimeout',
  'queryCachingTTL',
  'renderer',
  'span',
  'height',
  'libraryPanel',
  'scopedVars',
  'repeatIteration',
  'repeatPanelId',
  'tags',
]);

/** Keys of a query (target) that are honoured. */
export const TARGET_KEYS: ReadonlySet<string> = new Set([
  'refId',
  'expr',
  'legendFormat',
  'instant',
  'range',
  'interval',
  'intervalFactor',
  'hide',
  'format',
  'datasource',
  // Grafana query-editor state: no effect on the query.
  'editorMode',
  'exemplar',
  'step',
  'metric',
  'queryType',
  'key',
]);

/** fieldConfig.defaults keys that are honoured (custom is per panel type, below). */
export const FIELD_DEFAULT_KEYS: ReadonlySet<string> = new Set([
  'unit',
  'decimals',
  'min',
  'max',
  'displayName',
  'noValue',
  'color',
  'thresholds',
  'mappings',
  'links',
  'custom',
  'fieldMinMax',
]);

const TIMESERIES_CUSTOM = [
  'drawStyle',
  'lineInterpolation',
  'lineWidth',
  'lineStyle',
  'fillOpacity',
  'gradientMode',
  'showPoints',
  'pointSize',
  'spanNulls',
  'insertNulls',
  'stacking',
  'transform',
  'axisPlacement',
  'axisLabel',
  'axisSoftMin',
  'axisSoftMax',
  'axisCenteredZero',
  'axisColorMode',
  'axisBorderShow',
  'axisGridShow',
  'scaleDistribution',
  'thresholdsStyle',
  'hideFrom',
  'barAlignment',
  'barWidthFactor',
];

/** fieldConfig.defaults.custom keys (and override `custom.*` ids) honoured per panel type. */
export const CUSTOM_FIELD_KEYS: Readonly<Record<SupportedPanelType, ReadonlySet<string>>> = {
  timeseries: new Set(TIMESERIES_CUSTOM),
  stat: new Set(['hideFrom']),
  gauge: new Set(['hideFrom']),
  bargauge: new Set(['hideFrom']),
  table: new Set([
    'align',
    'width',
    'minWidth',
    'hidden',
    'filterable',
    'cellOptions',
    'displayMode',
    'inspect',
  ]),
  text: new Set(),
  row: new Set(),
  heatmap: new Set(['hideFrom', 'scaleDistribution']),
};

const REDUCE = ['reduceOptions.calcs', 'reduceOptions.fields', 'reduceOptions.values', 'reduceOptions.limit'];
const LEGEND = [
  'legend.showLegend',
  'legend.displayMode',
  'legend.placement',
  'legend.calcs',
  'legend.sortBy',
  'legend.sortDesc',
  'legend.width',
  'legend.asTable',
  'legend.isVisible',
];
const TOOLTIP = [
  'tooltip.mode',
  'tooltip.sort',
  'tooltip.hideZeros',
  'tooltip.maxHeight',
  'tooltip.maxWidth',
];
/** Sizing hints Promdesk's layout makes its own decisions about. */
const SIZING = [
  'minVizHeight',
  'minVizWidth',
  'maxVizHeight',
  'sizing',
  'text',
  'text.titleSize',
  'text.valueSize',
];

/**
 * Panel options honoured per type, as paths one level deep ("legend.calcs"); an option whose
 * value is an object and is not listed by its sub-keys is honoured as a whole.
 */
export const PANEL_OPTION_KEYS: Readonly<Record<SupportedPanelType, ReadonlySet<string>>> = {
  timeseries: new Set([...LEGEND, ...TOOLTIP, 'timezone', 'orientation']),
  stat: new Set([
    ...REDUCE,
    ...SIZING,
    'colorMode',
    'graphMode',
    'justifyMode',
    'orientation',
    'textMode',
    'wideLayout',
    'showPercentChange',
    'percentChangeColorMode',
  ]),
  gauge: new Set([...REDUCE, ...SIZING, 'orientation', 'showThresholdLabels', 'showThresholdMarkers']),
  bargauge: new Set([
    ...REDUCE,
    ...SIZING,
    ...LEGEND,
    'displayMode',
    'orientation',
    'showUnfilled',
    'valueMode',
    'namePlacement',
  ]),
  table: new Set(['showHeader', 'sortBy', 'footer', 'cellHeight', 'frameIndex', 'showTypeIcons']),
  text: new Set(['mode', 'content', 'code']),
  row: new Set(),
  heatmap: new Set([
    ...LEGEND,
    ...TOOLTIP,
    // calculate: true is noted on import (Grafana's own bucket calculation is not done); with
    // calculate: false its calculation settings change nothing.
    'calculate',
    'calculation',
    'color',
    'cellGap',
    'cellValues',
    'yAxis',
    'rowsFrame',
    'filterValues',
    'showValue',
    'exemplars',
    'tooltip.show',
    'tooltip.yHistogram',
    'tooltip.showColorScale',
    'legend.show',
  ]),
};

/** Override matchers Promdesk applies. */
export const OVERRIDE_MATCHERS: ReadonlySet<string> = new Set([
  'byName',
  'byNames',
  'byRegexp',
  'byFrameRefID',
]);

/** Override property ids honoured on every type, beside `custom.<key>` from CUSTOM_FIELD_KEYS. */
export const OVERRIDE_PROPERTIES: ReadonlySet<string> = new Set([
  'unit',
  'decimals',
  'min',
  'max',
  'displayName',
  'noValue',
  'color',
  'thresholds',
  'mappings',
  'links',
]);

/** Variable types Promdesk resolves. */
export const VARIABLE_TYPES: ReadonlySet<string> = new Set([
  'query',
  'custom',
  'constant',
  'interval',
  'textbox',
  'datasource',
]);
