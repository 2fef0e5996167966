// A heatmap panel's options (Grafana's current heatmap: options.color, cellGap, filterValues,
// yAxis, cellValues, rowsFrame, legend, tooltip) read with Grafana's defaults, so a panel saved
// with only some of them draws as Grafana draws it. Values of the wrong type fall back to the
// default rather than break the panel.
import type { HeatmapColorOptions } from './palette';
import type { ValueFilter } from './color-scale';
import type { YScale } from './y-layout';

export interface HeatmapOptions {
  color: HeatmapColorOptions;
  /** Pixels between cells (Grafana: 0..25, 1 by default). */
  cellGap: number;
  filter: ValueFilter;
  yAxis: {
    unit?: string;
    decimals?: number;
    placement: 'left' | 'right' | 'hidden';
    reverse: boolean;
  };
  yScale: YScale;
  /** Unit and decimals of the cells' values (tooltip and colour legend). */
  cellValues: { unit?: string; decimals?: number };
  legend: boolean;
  tooltip: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function scaleOf(v: unknown): YScale | undefined {
  const s = obj(v);
  if (s.type === 'log') return { type: 'log', base: num(s.log) === 2 ? 2 : 10 };
  if (s.type === 'linear') return { type: 'linear' };
  return undefined;
}

/**
 * The options of a heatmap panel. `custom` is fieldConfig.defaults.custom, whose
 * scaleDistribution Grafana also offers for the y axis.
 */
export function heatmapOptions(options: unknown, custom?: unknown): HeatmapOptions {
  const o = obj(options);
  const c = obj(o.color);
  const y = obj(o.yAxis);
  const f = 'filterValues' in o ? obj(o.filterValues) : { le: 1e-9 };
  const cv = obj(o.cellValues);
  const placement = y.axisPlacement === 'hidden' || y.axisPlacement === 'right' ? y.axisPlacement : 'left';
  const customScale = scaleOf(obj(custom).scaleDistribution);
  return {
    color: {
      mode: c.mode === 'opacity' ? 'opacity' : 'scheme',
      scheme: str(c.scheme) ?? 'Oranges',
      fill: str(c.fill) ?? 'dark-orange',
      scale: c.scale === 'linear' ? 'linear' : 'exponential',
      exponent: num(c.exponent) ?? 0.5,
      steps: Math.max(2, Math.min(256, num(c.steps) ?? 64)),
      reverse: c.reverse === true,
      ...(num(c.min) !== undefined ? { min: num(c.min) } : {}),
      ...(num(c.max) !== undefined ? { max: num(c.max) } : {}),
    },
    cellGap: Math.max(0, Math.min(25, num(o.cellGap) ?? 1)),
    filter: { le: num(f.le), ge: num(f.ge) },
    yAxis: {
      unit: str(y.unit),
      decimals: num(y.decimals),
      placement,
      reverse: y.reverse === true,
    },
    // A log/linear bucket scale places rows by their bounds; the default keeps Grafana's even rows
    // (custom.scaleDistribution "linear" is in nearly every saved heatmap, and draws even rows there).
    yScale: scaleOf(obj(o.rowsFrame).yBucketScale) ??
      (customScale?.type === 'log' ? customScale : undefined) ?? { type: 'ordinal' },
    cellValues: { unit: str(cv.unit), decimals: num(cv.decimals) },
    legend: obj(o.legend).show !== false,
    tooltip: obj(o.tooltip).mode !== 'none' && obj(o.tooltip).show !== false,
  };
}
