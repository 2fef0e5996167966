// The angular `graph` panel as Grafana's own migration turns it into `timeseries` on load: draw
// style, fill, stacking, series overrides, y axes and legend become field config and options.
// What the new panel has no place for is noted; keys this file does not know are left on the
// panel, where the import report lists them.
import type { FieldOverride, OverrideProperty } from '../../../shared/dashboards/model';
import { isObject } from './validate';
import type { Note, Obj } from './migrate-types';

/** The graph panel's own keys, read here and gone from the migrated panel. */
const GRAPH_KEYS = [
  'lines',
  'bars',
  'points',
  'linewidth',
  'pointradius',
  'fill',
  'fillGradient',
  'steppedLine',
  'nullPointMode',
  'stack',
  'percentage',
  'yaxes',
  'xaxis',
  'yaxis',
  'decimals',
  'legend',
  'tooltip',
  'thresholds',
  'timeRegions',
  'aliasColors',
  'seriesOverrides',
  'grid',
  'dashes',
  'dashLength',
  'spaceLength',
  'renderer',
  'hiddenSeries',
];

/** Legacy legend value flags → the timeseries legend's reducers. */
const LEGEND_CALCS: [string, string][] = [
  ['min', 'min'],
  ['max', 'max'],
  ['avg', 'mean'],
  ['current', 'lastNotNull'],
  ['total', 'sum'],
];

/** An alias as Grafana's graph matched it: `/re/` is a regex, anything else a series name. */
function aliasMatcher(alias: string): FieldOverride['matcher'] {
  const re = /^\/(.*)\/([a-z]*)$/.exec(alias);
  return re ? { id: 'byRegexp', options: re[1] } : { id: 'byName', options: alias };
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function axisProps(yaxis: Obj | undefined): OverrideProperty[] {
  const props: OverrideProperty[] = [{ id: 'custom.axisPlacement', value: 'right' }];
  if (!yaxis) return props;
  if (typeof yaxis.format === 'string') props.push({ id: 'unit', value: yaxis.format });
  if (num(yaxis.min) !== undefined) props.push({ id: 'min', value: num(yaxis.min) });
  if (num(yaxis.max) !== undefined) props.push({ id: 'max', value: num(yaxis.max) });
  if (typeof yaxis.label === 'string' && yaxis.label)
    props.push({ id: 'custom.axisLabel', value: yaxis.label });
  return props;
}

/** One seriesOverrides entry → override properties (and notes for what has no equivalent). */
function seriesOverride(
  so: Obj,
  yaxes: Obj[],
  note: (item: string, reason: string) => void,
): FieldOverride | null {
  if (typeof so.alias !== 'string' || so.alias === '') {
    note('seriesOverrides', 'an override without an alias matches no series');
    return null;
  }
  const props: OverrideProperty[] = [];
  const where = `seriesOverrides "${so.alias}"`;
  for (const [key, value] of Object.entries(so)) {
    switch (key) {
      case 'alias':
        break;
      case 'color':
        props.push({ id: 'color', value: { mode: 'fixed', fixedColor: value } });
        break;
      case 'transform':
        if (value === 'negative-Y') props.push({ id: 'custom.transform', value: 'negative-Y' });
        else if (value === 'constant') props.push({ id: 'custom.transform', value: 'constant' });
        else note(`${where}.transform`, `transform ${JSON.stringify(value)} has no time series equivalent`);
        break;
      case 'dashes':
        if (value === true)
          props.push({
            id: 'custom.lineStyle',
            value: { fill: 'dash', dash: [num(so.dashLength) ?? 10, num(so.spaceLength) ?? 10] },
          });
        break;
      case 'dashLength':
      case 'spaceLength':
        break;
      case 'fill':
        if (num(value) !== undefined) props.push({ id: 'custom.fillOpacity', value: num(value)! * 10 });
        break;
      case 'fillGradient':
        if (num(value)) props.push({ id: 'custom.gradientMode', value: 'opacity' });
        break;
      case 'linewidth':
        if (num(value) !== undefined) props.push({ id: 'custom.lineWidth', value: num(value) });
        break;
      case 'pointradius':
        if (num(value) !== undefined) props.push({ id: 'custom.pointSize', value: num(value)! * 2 + 1 });
        break;
      case 'lines':
        if (value === false && so.bars !== true && so.points !== true)
          props.push({ id: 'custom.lineWidth', value: 0 });
        break;
      case 'bars':
        if (value === true) props.push({ id: 'custom.drawStyle', value: 'bars' });
        break;
      case 'points':
        if (value === true) props.push({ id: 'custom.showPoints', value: 'always' });
        if (value === true && so.lines === false && so.bars !== true)
          props.push({ id: 'custom.drawStyle', value: 'points' });
        break;
      case 'steppedLine':
        if (value === true) props.push({ id: 'custom.lineInterpolation', value: 'stepAfter' });
        break;
      case 'stack':
        if (value === false) props.push({ id: 'custom.stacking', value: { mode: 'none', group: 'A' } });
        else if (value === true) props.push({ id: 'custom.stacking', value: { mode: 'normal', group: 'A' } });
        else if (typeof value === 'string' || typeof value === 'number')
          props.push({ id: 'custom.stacking', value: { mode: 'normal', group: String(value) } });
        break;
      case 'yaxis':
        if (num(value) === 2) props.push(...axisProps(yaxes[1]));
        break;
      case 'legend':
        if (value === false)
          props.push({ id: 'custom.hideFrom', value: { legend: true, tooltip: false, viz: false } });
        break;
      case 'hideTooltip':
        if (value === true)
          props.push({ id: 'custom.hideFrom', value: { legend: false, tooltip: true, viz: false } });
        break;
      case 'hiddenSeries':
        if (value === true)
          props.push({ id: 'custom.hideFrom', value: { legend: false, tooltip: false, viz: true } });
        break;
      case 'fillBelowTo':
        note(`${where}.fillBelowTo`, `filling the area down to series "${String(value)}" is not drawn`);
        break;
      default:
        note(`${where}.${key}`, "not carried: Promdesk's time series has no such option");
    }
  }
  return props.length ? { matcher: aliasMatcher(so.alias), properties: props } : null;
}

/** Migrates a `graph` panel in place to `timeseries`. */
export function graphToTimeseries(panel: Obj, note: Note): void {
  const n = (item: string, reason: string) => note(item, reason);
  const yaxes = (Array.isArray(panel.yaxes) ? panel.yaxes : []).filter(isObject);
  const y0 = yaxes[0] ?? {};
  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  const defaults: Obj = isObject(fieldConfig.defaults) ? { ...fieldConfig.defaults } : {};
  const overrides: FieldOverride[] = Array.isArray(fieldConfig.overrides) ? [...fieldConfig.overrides] : [];
  const custom: Obj = isObject(defaults.custom) ? { ...defaults.custom } : {};

  // Draw style: lines, bars or points; points shown beside lines.
  const lines = panel.lines !== false;
  const bars = panel.bars === true;
  const points = panel.points === true;
  custom.drawStyle = bars && !lines ? 'bars' : points && !lines ? 'points' : 'line';
  if (!lines && !bars && !points) custom.lineWidth = 0;
  else custom.lineWidth = num(panel.linewidth) ?? 1;
  custom.showPoints = points ? 'always' : 'never';
  custom.pointSize = points ? (num(panel.pointradius) ?? 2) * 2 + 1 : 5;
  custom.fillOpacity = (num(panel.fill) ?? 1) * 10;
  custom.gradientMode = num(panel.fillGradient) ? 'opacity' : 'none';
  custom.lineInterpolation = panel.steppedLine === true ? 'stepAfter' : 'linear';
  if (panel.dashes === true)
    custom.lineStyle = { fill: 'dash', dash: [num(panel.dashLength) ?? 10, num(panel.spaceLength) ?? 10] };
  custom.spanNulls = panel.nullPointMode === 'connected';
  if (panel.nullPointMode === 'null as zero')
    n('nullPointMode', '"null as zero" is not applied: missing samples are drawn as gaps');
  if (panel.stack === true)
    custom.stacking = { mode: panel.percentage === true ? 'percent' : 'normal', group: 'A' };
  else custom.stacking = { mode: 'none', group: 'A' };
  if (panel.percentage === true && panel.stack !== true)
    n('percentage', 'percentage without stacking has no time series equivalent');

  // Left y axis → the field's unit, range, scale and label.
  if (typeof y0.format === 'string') defaults.unit = y0.format;
  if (num(y0.min) !== undefined) defaults.min = num(y0.min);
  if (num(y0.max) !== undefined) defaults.max = num(y0.max);
  if (typeof y0.label === 'string' && y0.label) custom.axisLabel = y0.label;
  const logBase = num(y0.logBase);
  custom.scaleDistribution = logBase && logBase > 1 ? { type: 'log', log: logBase } : { type: 'linear' };
  if (y0.show === false) custom.axisPlacement = 'hidden';
  if (num(y0.decimals) !== undefined) defaults.decimals = num(y0.decimals);
  if (num(panel.decimals) !== undefined) defaults.decimals = num(panel.decimals);
  if (isObject(panel.xaxis) && panel.xaxis.mode !== undefined && panel.xaxis.mode !== 'time')
    n('xaxis.mode', `x axis mode "${String(panel.xaxis.mode)}" is not drawn: only time on the x axis`);
  if (isObject(panel.xaxis) && panel.xaxis.show === false) n('xaxis.show', 'a hidden time axis is shown');

  // Legend and tooltip.
  const legend = isObject(panel.legend) ? panel.legend : {};
  const calcs =
    legend.values === true ? LEGEND_CALCS.filter(([k]) => legend[k] === true).map(([, c]) => c) : [];
  const options: Obj = isObject(panel.options) ? { ...panel.options } : {};
  options.legend = {
    showLegend: legend.show !== false,
    displayMode: legend.alignAsTable === true ? 'table' : 'list',
    placement: legend.rightSide === true ? 'right' : 'bottom',
    calcs,
    ...(num(legend.sideWidth) ? { width: num(legend.sideWidth) } : {}),
    ...(typeof legend.sort === 'string' && legend.sort
      ? {
          sortBy: LEGEND_CALCS.find(([k]) => k === legend.sort)?.[1] ?? legend.sort,
          sortDesc: legend.sortDesc === true,
        }
      : {}),
  };
  if (legend.hideEmpty === true || legend.hideZero === true)
    n('legend.hideEmpty/hideZero', 'series are not hidden from the legend for being empty or zero');
  const tooltip = isObject(panel.tooltip) ? panel.tooltip : {};
  options.tooltip = {
    mode: tooltip.shared === false ? 'single' : 'multi',
    sort: tooltip.sort === 1 ? 'asc' : tooltip.sort === 2 ? 'desc' : 'none',
  };

  // Thresholds drawn as lines or areas.
  if (Array.isArray(panel.thresholds) && panel.thresholds.length > 0) {
    const steps: { color: string; value: number | null }[] = [{ color: 'transparent', value: null }];
    for (const t of panel.thresholds.filter(isObject)) {
      const v = num(t.value);
      if (v !== undefined)
        steps.push({ color: typeof t.lineColor === 'string' ? t.lineColor : 'red', value: v });
    }
    defaults.thresholds = { mode: 'absolute', steps };
    custom.thresholdsStyle = {
      mode: panel.thresholds.some((t) => isObject(t) && t.fill) ? 'line+area' : 'line',
    };
  }
  if (
    isObject(panel.grid) &&
    (num(panel.grid.threshold1) !== undefined || num(panel.grid.threshold2) !== undefined)
  )
    n('grid.threshold1/threshold2', 'the old grid thresholds are not drawn; thresholds[] are');
  if (isObject(options) && options.alertThreshold !== undefined) delete options.alertThreshold;
  if (Array.isArray(panel.timeRegions) && panel.timeRegions.length > 0)
    n('timeRegions', 'time regions are not drawn');

  // Colours per alias, then the series overrides.
  if (isObject(panel.aliasColors))
    for (const [alias, color] of Object.entries(panel.aliasColors))
      overrides.push({
        matcher: { id: 'byName', options: alias },
        properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }],
      });
  if (Array.isArray(panel.seriesOverrides))
    for (const so of panel.seriesOverrides.filter(isObject)) {
      const ov = seriesOverride(so, yaxes, n);
      if (ov) overrides.push(ov);
    }

  defaults.custom = custom;
  defaults.color ??= { mode: 'palette-classic' };
  panel.fieldConfig = { defaults, overrides };
  panel.options = options;
  panel.type = 'timeseries';
  for (const k of GRAPH_KEYS) delete panel[k];
}
