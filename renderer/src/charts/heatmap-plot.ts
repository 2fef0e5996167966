// uPlot options that draw a heatmap: each bucket's row (y, in the layout's axis units) across each
// time step (x, the cell for sample time t covers the step before it, as a rate at t does), as
// filled rectangles in the palette's colours, in the draw hook; the y axis ticks at the bucket
// bounds, thinned so labels never overlap; a tooltip with the cell's time range, bucket and count.
// Built with DOM calls (textContent, CSSOM styles) so it stays within the page's strict CSP.
import type uPlot from 'uplot';
import { colorIndex, isShown, type ValueFilter } from '../../../shared/dashboards/heatmap/color-scale';
import { rowAt, type YLayout } from '../../../shared/dashboards/heatmap/y-layout';
import { formatTimestamp, formatTimeTicks } from '../lib/format';
import { readChartTheme } from './theme';

export interface HeatmapModel {
  /** Sample times in seconds. */
  times: number[];
  /** Width of one cell in seconds (the query step). */
  stepS: number;
  counts: readonly Float64Array[];
  layout: YLayout;
  palette: readonly string[];
  range: { min: number; max: number };
  filter: ValueFilter;
  /** Pixels (CSS) between cells. */
  gap: number;
  startS: number;
  endS: number;
  yTick: (value: number) => string;
  bucketText: (bucket: number) => string;
  countText: (v: number) => string;
  yPlacement: 'left' | 'right' | 'hidden';
  yReverse: boolean;
  tooltip: boolean;
}

/** Minimum pixels between two y tick labels. */
const TICK_GAP_PX = 16;

/** The index of the cell holding time x (seconds): t - step < x <= t; -1 outside every cell. */
export function cellAt(times: readonly number[], stepS: number, x: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < times.length && times[lo] - stepS < x ? lo : -1;
}

/**
 * A cell's start and size in whole pixels between the positions a and b: less the gap where the
 * cell is wide enough to keep a pixel after it, else without it, and never under one pixel (a day
 * of steps on a narrow panel still shows every cell, as Grafana's does).
 */
export function cellSpan(a: number, b: number, gap: number): [number, number] {
  const lo = Math.round(Math.min(a, b));
  const full = Math.round(Math.max(a, b)) - lo;
  if (full - gap >= 1) return [lo + Math.floor(gap / 2), full - gap];
  return [lo, Math.max(1, full)];
}

function drawCells(u: uPlot, m: HeatmapModel): void {
  const ctx = u.ctx;
  const dpr = devicePixelRatio || 1;
  const gap = m.gap * dpr;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  // Cells snap to whole device pixels, so neighbours meet crisply and a gap stays a gap. They
  // are gathered into one path per palette colour and filled once each, not styled cell by cell.
  const paths = m.palette.map(() => new Path2D());
  const xs = m.times.map((t) => [u.valToPos(t - m.stepS, 'x', true), u.valToPos(t, 'x', true)]);
  m.counts.forEach((row, b) => {
    const [top, h] = cellSpan(
      u.valToPos(m.layout.y0[b], 'y', true),
      u.valToPos(m.layout.y1[b], 'y', true),
      gap,
    );
    for (let j = 0; j < xs.length; j++) {
      const v = row[j];
      if (!isShown(v, m.filter)) continue;
      const [left, w] = cellSpan(xs[j][0], xs[j][1], gap);
      paths[colorIndex(v, paths.length, m.range.min, m.range.max)].rect(left, top, w, h);
    }
  });
  paths.forEach((p, i) => {
    ctx.fillStyle = m.palette[i];
    ctx.fill(p);
  });
  ctx.restore();
}

function tooltip(model: () => HeatmapModel): uPlot.Plugin {
  let tip: HTMLDivElement;
  const line = (cls: string, label: string, value: string) => {
    const row = document.createElement('div');
    row.className = 'chart-tooltip-row';
    const l = document.createElement('span');
    l.className = 'chart-tooltip-label';
    l.textContent = label;
    const v = document.createElement('span');
    v.className = `chart-tooltip-value ${cls}`;
    v.textContent = value;
    row.append(l, v);
    return row;
  };
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tooltip heatmap-tooltip';
        tip.style.display = 'none';
        u.over.appendChild(tip);
        u.over.addEventListener('mouseleave', () => {
          tip.style.display = 'none';
        });
      },
      setCursor: (u) => {
        const m = model();
        const { left, top } = u.cursor;
        if (!m.tooltip || left === undefined || top === undefined || left < 0) {
          tip.style.display = 'none';
          return;
        }
        const j = cellAt(m.times, m.stepS, u.posToVal(left, 'x'));
        const b = rowAt(m.layout, u.posToVal(top, 'y'));
        const v = j >= 0 && b >= 0 ? m.counts[b][j] : NaN;
        if (Number.isNaN(v)) {
          tip.style.display = 'none';
          return;
        }
        const time = document.createElement('div');
        time.className = 'chart-tooltip-time';
        const t = m.times[j] * 1000;
        time.textContent = `${formatTimestamp(t - m.stepS * 1000)} – ${formatTimestamp(t).slice(11)}`;
        const bucket = m.bucketText(b);
        const count = m.countText(v);
        tip.dataset.bucket = bucket;
        tip.dataset.count = count;
        tip.replaceChildren(
          time,
          line('heatmap-tooltip-bucket', 'Bucket', bucket),
          line('heatmap-tooltip-count', 'Count', count),
        );
        tip.style.display = 'block';
        const ow = u.over.clientWidth;
        const oh = u.over.clientHeight;
        const px = left + 14 + tip.offsetWidth > ow ? Math.max(0, left - 14 - tip.offsetWidth) : left + 14;
        const py = Math.max(0, Math.min(top + 14, oh - tip.offsetHeight));
        tip.style.transform = `translate(${px}px, ${py}px)`;
      },
    },
  };
}

/**
 * uPlot options for a heatmap whose model `model()` gives at each draw: new data or options need
 * only `refresh`, not a new plot.
 */
export function heatmapPlotOptions(model: () => HeatmapModel, width: number, height: number): uPlot.Options {
  const axis = {
    stroke: () => readChartTheme().axis,
    ticks: { stroke: () => readChartTheme().tick, width: 1 },
    font: '11px system-ui, sans-serif',
  };
  return {
    width,
    height,
    pxAlign: false,
    legend: { show: false },
    padding: [8, 12, 0, 4],
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: {
      x: { time: true, auto: false, range: () => [model().startS, model().endS] },
      y: {
        auto: false,
        dir: model().yReverse ? -1 : 1,
        range: () => [model().layout.min, model().layout.max],
      },
    },
    axes: [
      {
        ...axis,
        grid: { show: false },
        space: 70,
        values: (_u, splits, _axis, _space, incr) => formatTimeTicks(splits, incr),
      },
      {
        ...axis,
        show: model().yPlacement !== 'hidden',
        side: model().yPlacement === 'right' ? 1 : 3,
        grid: { show: false },
        // The bucket bounds, leaving out any that would sit too close to the last one kept.
        splits: (u) => {
          const kept: number[] = [];
          let last = Infinity;
          for (const t of model().layout.ticks) {
            const px = u.valToPos(t.pos, 'y');
            if (Number.isFinite(last) && Math.abs(px - last) < TICK_GAP_PX) continue;
            kept.push(t.pos);
            last = px;
          }
          return kept;
        },
        values: (u, splits) => {
          const m = model();
          const at = new Map(m.layout.ticks.map((t) => [t.pos, t.value]));
          const out = splits.map((p) => m.yTick(at.get(p) ?? p));
          (u.root.parentElement ?? u.root).dataset.yTicks = out.join('|');
          return out;
        },
        size: (_u, values) =>
          Math.max(40, (values ?? []).reduce((w, s) => Math.max(w, String(s).length), 0) * 6.5 + 16),
      },
    ],
    series: [{}, { paths: () => null, points: { show: false } }],
    hooks: { draw: [(u) => drawCells(u, model())] },
    plugins: [tooltip(model)],
  };
}

/** Draws the plot again from the model as it now is (new data, range or colours). */
export function refreshHeatmap(u: uPlot, m: HeatmapModel): void {
  u.batch(() => {
    u.setData([m.times, m.times.map(() => null)], false);
    u.setScale('x', { min: m.startS, max: m.endS });
    u.setScale('y', { min: m.layout.min, max: m.layout.max });
  });
  // The cells are drawn in the draw hook and the ticks from the model: both may have changed
  // when the scales did not.
  u.redraw(false, true);
}
