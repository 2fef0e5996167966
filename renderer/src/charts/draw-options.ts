// Grafana's time series styles (fieldConfig.defaults.custom, and each series' after overrides)
// read into typed options the chart applies: how a series is drawn, the y axis (side, label,
// log/symlog scale, soft limits), and thresholds drawn as lines or areas. Values Grafana would not
// write are ignored (the chart's default is kept), never thrown on: a dashboard is outside input.
import type { ThresholdStep } from '../../../shared/dashboards/model';

export type DrawStyle = 'line' | 'bars' | 'points';
export type LineInterpolation = 'linear' | 'smooth' | 'stepBefore' | 'stepAfter';
export type GradientMode = 'none' | 'opacity' | 'hue' | 'scheme';

/** How one series is drawn. Every field optional: absent = the chart's default. */
export interface SeriesDraw {
  drawStyle?: DrawStyle;
  lineInterpolation?: LineInterpolation;
  lineWidth?: number;
  /** 0..100. */
  fillOpacity?: number;
  gradientMode?: GradientMode;
  showPoints?: 'auto' | 'always' | 'never';
  pointSize?: number;
  /** true: lines cross every gap; a number: gaps shorter than it (ms) are crossed. */
  spanNulls?: boolean | number;
  /** Bars: -1 before the sample's time, 0 centred, 1 after. */
  barAlignment?: -1 | 0 | 1;
}

export type ScaleDistribution =
  | { type: 'linear' }
  | { type: 'log'; log: 2 | 10 }
  | { type: 'symlog'; log: 2 | 10; linearThreshold: number };

export interface YAxisOptions {
  placement: 'auto' | 'left' | 'right' | 'hidden';
  label?: string;
  scale: ScaleDistribution;
  softMin?: number;
  softMax?: number;
}

export type ThresholdsMode = 'off' | 'line' | 'dashed' | 'area' | 'line+area' | 'dashed+area';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const num = (v: unknown, lo: number, hi: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : undefined;
const oneOf = <T extends string>(v: unknown, xs: readonly T[]): T | undefined =>
  typeof v === 'string' && (xs as readonly string[]).includes(v) ? (v as T) : undefined;

/** A series' draw options from its custom field config. */
export function seriesDrawOf(custom: unknown): SeriesDraw {
  const c = rec(custom);
  const out: SeriesDraw = {};
  const set = <K extends keyof SeriesDraw>(k: K, v: SeriesDraw[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('drawStyle', oneOf(c.drawStyle, ['line', 'bars', 'points'] as const));
  set(
    'lineInterpolation',
    oneOf(c.lineInterpolation, ['linear', 'smooth', 'stepBefore', 'stepAfter'] as const),
  );
  set('lineWidth', num(c.lineWidth, 0, 10));
  set('fillOpacity', num(c.fillOpacity, 0, 100));
  set('gradientMode', oneOf(c.gradientMode, ['none', 'opacity', 'hue', 'scheme'] as const));
  set('showPoints', oneOf(c.showPoints, ['auto', 'always', 'never'] as const));
  set('pointSize', num(c.pointSize, 1, 40));
  if (typeof c.spanNulls === 'boolean') out.spanNulls = c.spanNulls;
  else set('spanNulls', num(c.spanNulls, 0, Number.MAX_SAFE_INTEGER));
  const align = c.barAlignment;
  if (align === -1 || align === 0 || align === 1) out.barAlignment = align;
  return out;
}

/** The y axis of a panel from its defaults' custom config (and defaults' unit-free fields). */
export function yAxisOf(custom: unknown): YAxisOptions {
  const c = rec(custom);
  const dist = rec(c.scaleDistribution);
  const base = dist.log === 2 ? 2 : 10;
  const scale: ScaleDistribution =
    dist.type === 'log'
      ? { type: 'log', log: base }
      : dist.type === 'symlog'
        ? { type: 'symlog', log: base, linearThreshold: num(dist.linearThreshold, 1e-12, 1e12) ?? 1 }
        : { type: 'linear' };
  return {
    placement: oneOf(c.axisPlacement, ['auto', 'left', 'right', 'hidden'] as const) ?? 'auto',
    ...(typeof c.axisLabel === 'string' && c.axisLabel.trim() ? { label: c.axisLabel } : {}),
    scale,
    ...(num(c.axisSoftMin, -Infinity, Infinity) !== undefined ? { softMin: c.axisSoftMin as number } : {}),
    ...(num(c.axisSoftMax, -Infinity, Infinity) !== undefined ? { softMax: c.axisSoftMax as number } : {}),
  };
}

/** custom.thresholdsStyle.mode. */
export function thresholdsModeOf(custom: unknown): ThresholdsMode {
  const mode = rec(rec(custom).thresholdsStyle).mode;
  return oneOf(mode, ['off', 'line', 'dashed', 'area', 'line+area', 'dashed+area'] as const) ?? 'off';
}

/**
 * The y range: fixed min/max win; soft limits widen the data's range but never narrow it
 * (Grafana's axisSoftMin/Max); a log axis keeps to positive values.
 */
export function yRange(
  dataMin: number | null,
  dataMax: number | null,
  o: { min?: number; max?: number; softMin?: number; softMax?: number; log?: boolean },
): [number, number] | null {
  let lo = dataMin;
  let hi = dataMax;
  if (o.softMin !== undefined) lo = lo === null ? o.softMin : Math.min(lo, o.softMin);
  if (o.softMax !== undefined) hi = hi === null ? o.softMax : Math.max(hi, o.softMax);
  if (o.min !== undefined) lo = o.min;
  if (o.max !== undefined) hi = o.max;
  if (lo === null || hi === null) return null;
  if (o.log) {
    if (hi <= 0) return null;
    if (lo <= 0) lo = hi / 1000;
  }
  return lo <= hi ? [lo, hi] : [hi, lo];
}

export interface ThresholdBand {
  /** The band's y span, clipped to the axis; `from` is the step's value (-Infinity for the base). */
  from: number;
  to: number;
  color: string;
}

/**
 * Bands of the thresholds' steps within [yMin, yMax]: each step colours from its value up to the
 * next step's. Lines are drawn at each band's `from` except the base's.
 */
export function thresholdBands(steps: readonly ThresholdStep[], yMin: number, yMax: number): ThresholdBand[] {
  const sorted = steps
    .map((s) => ({ value: s.value === null ? -Infinity : s.value, color: s.color }))
    .filter((s) => typeof s.value === 'number' && !Number.isNaN(s.value))
    .sort((a, b) => a.value - b.value);
  const out: ThresholdBand[] = [];
  sorted.forEach((s, i) => {
    const next = i + 1 < sorted.length ? sorted[i + 1].value : Infinity;
    const from = Math.max(s.value, yMin);
    const to = Math.min(next, yMax);
    if (to > from || (s.value >= yMin && s.value <= yMax))
      out.push({ from: s.value === -Infinity ? -Infinity : from, to, color: s.color });
  });
  return out;
}
