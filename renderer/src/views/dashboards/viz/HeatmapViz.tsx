// A heatmap of classic histogram buckets (Grafana's heatmap with calculate: false): the series'
// `le` buckets as rows (shared/dashboards/heatmap), drawn by uPlot (charts/heatmap-plot) with the
// bucket bounds on the y axis in the panel's unit, a colour legend from the scale's min to max,
// and a tooltip with the cell's time range, bucket and count. Used by dashboards and Explore.
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { bucketBoundUnit } from '../../../../../shared/dashboards/heatmap/bucket-unit';
import { colorRange } from '../../../../../shared/dashboards/heatmap/color-scale';
import { bucketRows, type LeSeries } from '../../../../../shared/dashboards/heatmap/le-buckets';
import type { HeatmapOptions } from '../../../../../shared/dashboards/heatmap/options';
import { heatmapPalette } from '../../../../../shared/dashboards/heatmap/palette';
import { yLayout } from '../../../../../shared/dashboards/heatmap/y-layout';
import { format } from '../../../../../shared/units/units';
import { heatmapPlotOptions, refreshHeatmap, type HeatmapModel } from '../../../charts/heatmap-plot';
import { medianGap } from '../../../charts/nearest-sample';
import '../../../styles/heatmap.css';

const LEGEND_PX = 24;

/** A bound as the y axis shows it: +Inf and -Inf as words, else in the unit (plain `le` text without one). */
function boundText(v: number, unit: string | undefined, decimals: number | undefined): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0'; // not "0 ns" under a first bucket of seconds
  if (!unit) return decimals === undefined ? String(v) : v.toFixed(decimals);
  return format(v, unit, decimals);
}

function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
}

export function HeatmapViz({
  series,
  options: given,
  startMs,
  endMs,
  stepMs,
  query = '',
}: {
  series: readonly LeSeries[];
  options: HeatmapOptions;
  /** The query, for the bounds' unit from its _bucket metric's name when the options give none. */
  query?: string;
  startMs: number;
  endMs: number;
  /** The query step; absent = the median gap between samples. */
  stepMs?: number;
}) {
  const plotEl = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const modelRef = useRef<HeatmapModel | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const dark = usePrefersDark();
  // Options arrive as a new object on every render of the panel: keep one per content.
  const optionsKey = JSON.stringify(given);
  const options = useMemo(() => JSON.parse(optionsKey) as HeatmapOptions, [optionsKey]);
  const rows = useMemo(() => bucketRows(series), [series]);
  const hasRows = rows.buckets.length > 0;
  useEffect(() => {
    const el = plotEl.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasRows]);

  const palette = useMemo(() => heatmapPalette(options.color, dark), [options.color, dark]);
  const layout = useMemo(() => yLayout(rows.buckets, options.yScale), [rows, options.yScale]);
  const range = useMemo(
    () => colorRange(rows.counts, options.filter, options.color),
    [rows, options.filter, options.color],
  );
  const unit = options.yAxis.unit ?? bucketBoundUnit(query);
  const { decimals } = options.yAxis;
  const countText = (v: number) => format(v, options.cellValues.unit ?? 'short', options.cellValues.decimals);

  // The model the plot draws: new data (a live panel's pushed points) or options only redraw it.
  useEffect(() => {
    const gapMs = stepMs ?? (rows.times.length > 1 ? medianGap(rows.times) : endMs - startMs);
    modelRef.current = {
      times: rows.times.map((t) => t / 1000),
      stepS: Math.max(gapMs, 1) / 1000,
      counts: rows.counts,
      layout,
      palette,
      range,
      filter: options.filter,
      gap: options.cellGap,
      startS: startMs / 1000,
      endS: endMs / 1000,
      yTick: (v) => boundText(v, unit, decimals),
      bucketText: (b) => {
        const { lower, upper } = rows.buckets[b];
        return `${boundText(lower, unit, decimals)} – ${boundText(upper, unit, decimals)}`;
      },
      countText,
      yPlacement: options.yAxis.placement,
      yReverse: options.yAxis.reverse,
      tooltip: options.tooltip,
    };
    if (plotRef.current) refreshHeatmap(plotRef.current, modelRef.current);
    // countText follows options.cellValues, which is among the deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, layout, palette, range, options, startMs, endMs, stepMs, unit, decimals]);

  // The plot itself, made again only when its size changes, or the axis' side or direction.
  const { placement, reverse } = options.yAxis;
  useEffect(() => {
    const el = plotEl.current;
    const model = modelRef.current;
    if (!el || !model || !hasRows || size.width <= 0 || size.height <= 0) return;
    const u = new uPlot(
      heatmapPlotOptions(() => modelRef.current ?? model, size.width, size.height),
      [model.times, model.times.map(() => null)],
      el,
    );
    plotRef.current = u;
    return () => {
      plotRef.current = null;
      u.destroy();
    };
  }, [size, hasRows, placement, reverse]);

  if (rows.buckets.length === 0)
    return (
      <div className="dash-novalue">
        No histogram buckets: a heatmap needs series with an <code>le</code> label (a <code>_bucket</code>{' '}
        metric).
      </div>
    );
  const notes = [
    rows.skipped.length ? `${rows.skipped.length} series without a numeric le left out` : '',
    layout.fallback ?? '',
  ].filter(Boolean);
  return (
    <div className="heatmap">
      <div className="heatmap-plot" ref={plotEl} data-heatmap-palette={palette.join(' ')} />
      {options.legend && (
        <div className="heatmap-legend" style={{ height: LEGEND_PX }}>
          <span className="heatmap-legend-min">{countText(range.min)}</span>
          <span
            className="heatmap-legend-bar"
            style={{ background: `linear-gradient(to right, ${palette.join(', ')})` }}
            aria-label="colour scale"
          />
          <span className="heatmap-legend-max">{countText(range.max)}</span>
        </div>
      )}
      {notes.length > 0 && <div className="heatmap-note">{notes.join('; ')}</div>}
    </div>
  );
}
