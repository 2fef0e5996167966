// Heatmap panels as Grafana migrates them on load. The angular heatmap (no `options`; dataFormat,
// yAxis, color.mode/colorScheme/colorScale/exponent, cards, hideZeroBuckets, yBucketBound...)
// becomes the current heatmap's options, as Grafana's angularToReactHeatmap does; a beta
// `heatmap-new` panel's bucketFrame becomes rowsFrame. Promdesk draws histogram buckets (series
// with `le`) as rows; what needs Grafana's own bucket calculation (dataFormat "timeseries",
// calculate: true) or another row layout is noted.
import { schemeName } from '../../../shared/dashboards/heatmap/palette';
import { isObject } from './validate';
import type { Note, Obj } from './migrate-types';

const ANGULAR_KEYS = [
  'dataFormat',
  'yAxis',
  'xAxis',
  'color',
  'cards',
  'hideZeroBuckets',
  'yBucketBound',
  'reverseYBuckets',
  'tooltip',
  'tooltipDecimals',
  'legend',
  'highlightCards',
  'xBucketSize',
  'xBucketNumber',
  'yBucketSize',
  'yBucketNumber',
  'heatmap',
];

/** Grafana's asNumber: numbers and numeric strings; anything else gives the default. */
function asNumber(v: unknown, fallback?: number): number | undefined {
  if (v === null || v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isNaN(n) ? fallback : n;
}

/** yBucketBound → rowsFrame.layout, by Grafana's table (its "upper" reads as ge). */
const LAYOUTS: Record<string, string> = { upper: 'ge', lower: 'le', middle: 'unknown' };

const CALCULATE_REASON =
  'Grafana calculates this heatmap’s buckets from plain series; Promdesk draws histogram buckets only (series with an le label, such as rate(x_bucket[...])), so it shows what the queries return as buckets';

const LAYOUT_REASON = "rows are drawn as Prometheus' le buckets (each up to its bound)";
const RANGE_REASON = 'the y axis always spans every bucket';

function angularToOptions(p: Obj, note: Note): Obj {
  const y: Obj = { logBase: 1, ...(isObject(p.yAxis) ? p.yAxis : {}) };
  const cards = isObject(p.cards) ? p.cards : {};
  const color = isObject(p.color) ? p.color : {};
  const calculate = p.dataFormat !== 'tsbuckets';
  const options: Obj = { calculate };
  if (calculate) {
    note('dataFormat', `"${String(p.dataFormat ?? 'timeseries')}": ${CALCULATE_REASON}`);
    // Kept for an export back to Grafana, as its migration writes them.
    const calculation: Obj = {};
    if (p.xBucketSize) calculation.xBuckets = { mode: 'size', value: String(p.xBucketSize) };
    else if (p.xBucketNumber) calculation.xBuckets = { mode: 'count', value: String(p.xBucketNumber) };
    if (p.yBucketSize) calculation.yBuckets = { mode: 'size', value: String(p.yBucketSize) };
    else if (p.yBucketNumber) calculation.yBuckets = { mode: 'count', value: String(p.yBucketNumber) };
    const logBase = asNumber(y.logBase, 1) ?? 1;
    if (logBase > 1)
      calculation.yBuckets = {
        mode: 'count',
        ...(asNumber(y.splitFactor, 0)! > 0 ? { value: String(y.splitFactor) } : {}),
        scale: { type: 'log', log: logBase },
      };
    options.calculation = calculation;
  }
  const gap = asNumber(cards.cardPadding, 2);
  options.cellGap = gap ? gap : 1;
  const radius = asNumber(cards.cardRound);
  if (radius) options.cellRadius = radius;

  const yAxis: Obj = {
    axisPlacement: y.show === false ? 'hidden' : 'left',
    reverse: p.reverseYBuckets === true,
  };
  const width = asNumber(y.width);
  if (width !== undefined) yAxis.axisWidth = width;
  for (const k of ['min', 'max', 'decimals'] as const) {
    const v = asNumber(y[k]);
    if (v !== undefined) yAxis[k] = v;
  }
  if (typeof y.format === 'string' && y.format) yAxis.unit = y.format;
  options.yAxis = yAxis;
  const decimals = asNumber(p.tooltipDecimals);
  options.cellValues = decimals === undefined ? {} : { decimals };
  const layout = typeof p.yBucketBound === 'string' ? LAYOUTS[p.yBucketBound] : undefined;
  options.rowsFrame = { layout: layout ?? 'auto' };
  if (layout === 'ge' || layout === 'unknown')
    note('yBucketBound', `"${String(p.yBucketBound)}": ${LAYOUT_REASON}`);
  for (const k of ['min', 'max']) if (typeof yAxis[k] === 'number') note(`yAxis.${k}`, RANGE_REASON);
  options.legend = { show: isObject(p.legend) && p.legend.show === true };
  options.showValue = 'never';
  const tip = isObject(p.tooltip) ? p.tooltip : {};
  options.tooltip = { mode: tip.show === false ? 'none' : 'single', yHistogram: tip.showHistogram === true };
  if (p.hideZeroBuckets === true) options.filterValues = { le: 1e-9 };

  // Colours: spectrum → a scheme found by name ("interpolateOranges" → Oranges), opacity → the card
  // colour at rising opacity (sqrt, the angular default, is the exponent scale).
  const c: Obj = { scheme: 'Oranges', fill: 'dark-orange', reverse: false, exponent: 0.5, steps: 128 };
  if (color.mode === 'opacity') {
    c.mode = 'opacity';
    c.scale = color.colorScale === 'linear' ? 'linear' : 'exponential';
  } else if (color.mode === 'spectrum' || color.mode === undefined) {
    c.mode = 'scheme';
    const found = typeof color.colorScheme === 'string' ? schemeName(color.colorScheme) : undefined;
    if (typeof color.colorScheme === 'string' && !found)
      note('color.colorScheme', `"${color.colorScheme}" is not a scheme Grafana knows: Oranges is used`);
    if (found) c.scheme = found;
  } else note('color.mode', `"${String(color.mode)}" colours are not drawn: the Oranges scheme is used`);
  if (typeof color.cardColor === 'string' && color.cardColor) c.fill = color.cardColor;
  const exponent = asNumber(color.exponent);
  if (exponent !== undefined && exponent > 0) c.exponent = exponent;
  const min = asNumber(color.min);
  const max = asNumber(color.max);
  if (min !== undefined) c.min = min;
  if (max !== undefined) c.max = max;
  if (min !== undefined && max !== undefined && min > max) {
    c.min = max;
    c.max = min;
    c.reverse = true;
  }
  options.color = c;
  if (isObject(p.xAxis) && p.xAxis.show === false) note('xAxis.show', 'the time axis is always shown');
  return options;
}

/** Notes what of a current heatmap's options Promdesk draws differently from Grafana. */
function noteCurrent(options: Obj, note: Note): void {
  if (options.calculate === true) note('options.calculate', CALCULATE_REASON);
  const layout = isObject(options.rowsFrame) ? options.rowsFrame.layout : undefined;
  if (layout === 'ge' || layout === 'unknown')
    note('options.rowsFrame.layout', `"${layout}": ${LAYOUT_REASON}`);
  const y = isObject(options.yAxis) ? options.yAxis : {};
  for (const k of ['min', 'max']) if (typeof y[k] === 'number') note(`options.yAxis.${k}`, RANGE_REASON);
}

/** Migrates a heatmap panel in place (angular or beta options → current); notes what is not drawn. */
export function migrateHeatmap(panel: Obj, note: Note): void {
  if (panel.type === 'heatmap-new') {
    panel.type = 'heatmap';
    if (isObject(panel.options) && 'bucketFrame' in panel.options) {
      const { bucketFrame, ...rest } = panel.options;
      panel.options = { ...rest, rowsFrame: bucketFrame };
    }
  }
  const angular = !isObject(panel.options) || Object.keys(panel.options).length === 0;
  if (angular) {
    panel.options = angularToOptions(panel, note);
    panel.fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : { defaults: {}, overrides: [] };
    for (const k of ANGULAR_KEYS) delete panel[k];
    return;
  }
  noteCurrent(panel.options as Obj, note);
}
