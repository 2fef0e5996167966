// What single-value panels (stat, gauge, bar gauge) and tables show: a series reduced to one
// number (Grafana's reduceOptions.calcs), its colour from the thresholds, and its text in the
// panel's unit (Grafana's unit ids, shared/units).
import type { FieldConfigDefaults, Thresholds } from '../../../../shared/dashboards/model';
import { format } from '../../../../shared/units/units';
import type { PanelSeries } from './panel-data';

/** One of Grafana's reducers over a series' values (NaN skipped); null when nothing is left. */
export function reduceValues(values: Float64Array, calc: string): number | null {
  const vals = Array.from(values).filter((v) => !Number.isNaN(v));
  if (vals.length === 0) return null;
  switch (calc) {
    case 'first':
    case 'firstNotNull':
      return vals[0];
    case 'min':
      return Math.min(...vals);
    case 'max':
      return Math.max(...vals);
    case 'mean':
      return vals.reduce((a, b) => a + b, 0) / vals.length;
    case 'sum':
    case 'total':
      return vals.reduce((a, b) => a + b, 0);
    case 'count':
      return vals.length;
    case 'range':
      return Math.max(...vals) - Math.min(...vals);
    case 'delta':
    case 'diff':
      return vals[vals.length - 1] - vals[0];
    default:
      return vals[vals.length - 1];
  }
}

/** The calc a panel's reduceOptions ask for (lastNotNull when none). */
export function panelCalc(options: Record<string, unknown> | undefined): string {
  const ro = options?.reduceOptions as { calcs?: unknown } | undefined;
  const calcs = Array.isArray(ro?.calcs) ? ro.calcs : [];
  return typeof calcs[0] === 'string' ? calcs[0] : 'lastNotNull';
}

export interface ReducedValue {
  name: string;
  value: number | null;
}

export function reduceSeries(series: PanelSeries[], calc: string): ReducedValue[] {
  return series.map((s) => ({ name: s.name, value: reduceValues(s.values, calc) }));
}

const NAMED_COLORS: Record<string, string> = {
  green: '#73bf69',
  'dark-green': '#37872d',
  red: '#f2495c',
  'dark-red': '#c4162a',
  yellow: '#fade2a',
  'dark-yellow': '#e0b400',
  orange: '#ff9830',
  'dark-orange': '#fa6400',
  blue: '#5794f2',
  'dark-blue': '#1f60c4',
  purple: '#b877d9',
  'dark-purple': '#8f3bb8',
  'light-green': '#96d98d',
  'light-red': '#ff7383',
  'light-yellow': '#ffee52',
  'light-orange': '#ffb357',
  'light-blue': '#8ab8ff',
  text: 'currentColor',
  transparent: 'transparent',
};

/** A Grafana colour name or CSS colour as CSS. Only names and #hex / rgb() pass (no url(), etc.). */
export function cssColor(c: string | undefined): string | undefined {
  if (!c) return undefined;
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  if (/^#[0-9a-f]{3,8}$/i.test(c) || /^rgba?\([\d.,\s%]+\)$/i.test(c)) return c;
  return undefined;
}

/** The colour of the highest threshold step at or below `value` (percentage mode scales by min/max). */
export function thresholdColor(
  value: number | null,
  thresholds: Thresholds | undefined,
  min = 0,
  max = 100,
): string | undefined {
  const steps = thresholds?.steps ?? [];
  if (value === null || steps.length === 0) return undefined;
  const v = thresholds?.mode === 'percentage' && max > min ? ((value - min) / (max - min)) * 100 : value;
  let color = steps[0].color;
  for (const s of steps) if (s.value === null || v >= s.value) color = s.color;
  return cssColor(color);
}

/** A value in a Grafana unit (shared/units), with the panel's decimals when set. */
export function formatUnit(v: number | null, unit: string | undefined, decimals?: number | null): string {
  if (v === null || Number.isNaN(v)) return 'No data';
  return format(v, unit, decimals);
}

/** The field defaults a panel's values use. */
export function defaultsOf(fieldConfig: { defaults?: FieldConfigDefaults } | undefined): FieldConfigDefaults {
  return fieldConfig?.defaults ?? {};
}
