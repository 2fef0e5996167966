// Grafana's draw options (draw-options.ts) as uPlot series, y scale and y axis options, and the
// panel's thresholds drawn as lines (solid or dashed) and/or areas behind the series.
import uPlot from 'uplot';
import type { ThresholdStep } from '../../../shared/dashboards/model';
import {
  thresholdBands,
  yRange,
  type SeriesDraw,
  type ThresholdsMode,
  type YAxisOptions,
} from './draw-options';
import { fillColor } from './series-transform';

/** Bars take 80% of the space between samples, at most 100 px wide. */
const BAR_SIZE: [number, number] = [0.8, 100];

/** uPlot options for a series drawn as `d` says (merged over the chart's own). */
export function drawnAs(d: SeriesDraw, color: string, stacked: boolean): Partial<uPlot.Series> {
  const out: Partial<uPlot.Series> = {};
  const style = d.drawStyle ?? 'line';
  if (style === 'bars') out.paths = uPlot.paths.bars!({ align: d.barAlignment ?? 0, size: BAR_SIZE });
  else if (style === 'points') out.paths = () => null;
  else if (d.lineInterpolation === 'smooth') out.paths = uPlot.paths.spline!();
  else if (d.lineInterpolation === 'stepBefore') out.paths = uPlot.paths.stepped!({ align: -1 });
  else if (d.lineInterpolation === 'stepAfter') out.paths = uPlot.paths.stepped!({ align: 1 });

  const size = d.pointSize ?? 5;
  if (style === 'points' || d.showPoints === 'always') out.points = { show: true, size, fill: color };
  else if (d.showPoints === 'never') out.points = { show: false };

  if (d.lineWidth !== undefined) out.width = d.lineWidth;
  // Bars with no fill would be outlines only: Grafana's bars are filled.
  const opacity = d.fillOpacity ?? (style === 'bars' ? 80 : stacked ? undefined : 0);
  if (opacity !== undefined && opacity > 0) {
    out.fill =
      d.gradientMode === 'opacity' || d.gradientMode === 'hue'
        ? (u: uPlot) => fadeDown(u, color, opacity)
        : fillColor(color, opacity);
  }
  if (d.spanNulls === true) out.spanGaps = true;
  else if (typeof d.spanNulls === 'number' && d.spanNulls > 0) {
    const spanSec = d.spanNulls / 1000;
    // Keep only the gaps longer than the threshold (their ends in pixels, compared in time).
    out.gaps = (u, _s, _i0, _i1, gaps) =>
      gaps.filter(([a, b]) => u.posToVal(b, 'x') - u.posToVal(a, 'x') > spanSec);
  }
  return out;
}

/** A fill from the colour at `opacity` at the top of the plot to transparent at the bottom. */
function fadeDown(u: uPlot, color: string, opacity: number): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (!(height > 0)) return fillColor(color, opacity);
  const g = u.ctx.createLinearGradient(0, top, 0, top + height);
  g.addColorStop(0, fillColor(color, opacity));
  g.addColorStop(1, fillColor(color, 0));
  return g;
}

/** The y scale's distribution (log base 2/10, symlog) for uPlot. */
export function yScaleOf(axis: YAxisOptions | undefined): Partial<uPlot.Scale> {
  const s = axis?.scale;
  if (s?.type === 'log') return { distr: 3, log: s.log };
  if (s?.type === 'symlog') return { distr: 4, log: s.log, asinh: s.linearThreshold };
  return {};
}

/**
 * The y range under the panel's axis options, or undefined to keep the chart's default (linear
 * without soft limits). A log axis spans whole powers of its base.
 */
export function yRangeOf(
  axis: YAxisOptions | undefined,
  dataMin: number | null,
  dataMax: number | null,
  fixed: { min?: number; max?: number },
): [number, number] | undefined {
  if (!axis) return undefined;
  const log = axis.scale.type === 'log';
  if (!log && axis.softMin === undefined && axis.softMax === undefined) return undefined;
  const r = yRange(dataMin, dataMax, { ...fixed, softMin: axis.softMin, softMax: axis.softMax, log });
  if (axis.scale.type === 'log') {
    const base = axis.scale.log;
    if (!r) return [1, base];
    const [lo, hi] = uPlot.rangeLog(r[0], r[1], base, true);
    return [fixed.min ?? lo ?? r[0], fixed.max ?? hi ?? r[1]];
  }
  if (!r) return undefined;
  return r[0] === r[1] ? [r[0] - 1, r[1] + 1] : r;
}

/** The y axis' side, visibility and label. */
export function yAxisSideOf(axis: YAxisOptions | undefined): Partial<uPlot.Axis> {
  if (!axis) return {};
  return {
    ...(axis.placement === 'right' ? { side: 1 } : {}),
    ...(axis.placement === 'hidden' ? { show: false } : {}),
    ...(axis.label ? { label: axis.label, labelSize: 18, labelFont: '11px system-ui, sans-serif' } : {}),
  };
}

export interface ThresholdsDraw {
  mode: ThresholdsMode;
  /** Colours already resolved to CSS. */
  steps: ThresholdStep[];
  /** Step values are percentages of the y range (Grafana's "percentage" thresholds). */
  percentage: boolean;
}

/** Draws the thresholds: areas behind the series, lines (solid or dashed) over them. */
export function thresholdsPlugin(t: ThresholdsDraw): uPlot.Plugin {
  const area = t.mode === 'area' || t.mode.endsWith('+area');
  const line = t.mode.startsWith('line') || t.mode.startsWith('dashed');
  const dashed = t.mode.startsWith('dashed');
  const bands = (u: uPlot) => {
    const min = u.scales.y.min;
    const max = u.scales.y.max;
    if (min === undefined || max === undefined || min === null || max === null) return [];
    const steps = t.percentage
      ? t.steps.map((s) => ({ ...s, value: s.value === null ? null : min + ((max - min) * s.value) / 100 }))
      : t.steps;
    return thresholdBands(steps, min, max);
  };
  const y = (u: uPlot, v: number) => u.valToPos(v, 'y', true);
  return {
    hooks: {
      drawClear: [
        (u) => {
          if (!area) return;
          const { left, top, width, height } = u.bbox;
          const ctx = u.ctx;
          ctx.save();
          for (const b of bands(u)) {
            const y0 = b.from === -Infinity ? top + height : y(u, b.from);
            const y1 = b.to === Infinity ? top : y(u, b.to);
            ctx.globalAlpha = 0.15; // any CSS colour (names, rgba) takes the area's alpha
            ctx.fillStyle = b.color;
            ctx.fillRect(left, Math.min(y0, y1), width, Math.abs(y0 - y1));
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          if (!line) return;
          const { left, width } = u.bbox;
          const ctx = u.ctx;
          ctx.save();
          ctx.lineWidth = 2;
          if (dashed) ctx.setLineDash([10, 10]);
          for (const b of bands(u)) {
            if (b.from === -Infinity) continue;
            const py = Math.round(y(u, b.from));
            ctx.strokeStyle = b.color;
            ctx.beginPath();
            ctx.moveTo(left, py);
            ctx.lineTo(left + width, py);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * Labels of a log or symlog axis: its ticks are not evenly spaced, so each is formatted on its
 * own (a linear axis' shared step would give them a dozen decimals); uPlot's skipped ticks stay
 * unlabelled.
 */
export function logAxisTicks(
  splits: readonly (number | null)[],
  ticks: (splits: number[], step: number) => string[],
): string[] {
  return splits.map((v) => (v === null || !Number.isFinite(v) ? '' : ticks([v], Math.abs(v) || 1)[0]));
}
