// A time series panel's chart: the panel's series (already queried) drawn with uPlot, sized to the
// panel, values in the panel's unit. A first slice beside the Explore chart (renderer/src/charts,
// which queries by itself); it moves to that chart's data API once it has one.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { formatTimeTicks } from '../../../lib/format';
import { colorFor } from '../../../lib/palette';
import { readChartTheme } from '../../../charts/theme';
import type { PanelSeries } from '../panel-data';
import { formatUnit } from '../panel-values';

/** The series on one shared, sorted time axis (seconds), gaps as null. */
function align(series: PanelSeries[]): uPlot.AlignedData {
  const times = new Set<number>();
  for (const s of series) for (const t of s.timestamps) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const cols = series.map((s) => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.timestamps.forEach((t, i) => {
      const v = s.values[i];
      col[index.get(t)!] = Number.isFinite(v) ? v : null;
    });
    return col;
  });
  return [xs.map((t) => t / 1000), ...cols];
}

export function TimeseriesViz({
  series,
  unit,
  decimals,
  startMs,
  endMs,
}: {
  series: PanelSeries[];
  unit?: string;
  decimals?: number | null;
  startMs: number;
  endMs: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = el.current;
    if (!box) return;
    const theme = readChartTheme();
    const shown = series.slice(0, 100);
    const opts: uPlot.Options = {
      width: Math.max(100, box.clientWidth),
      height: Math.max(60, box.clientHeight),
      pxAlign: false,
      legend: { show: false },
      padding: [6, 8, 0, 2],
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, min: startMs / 1000, max: endMs / 1000 } },
      axes: [
        {
          stroke: theme.axis,
          grid: { stroke: theme.grid, width: 1 },
          ticks: { stroke: theme.grid, width: 1 },
          values: (_u, splits, _ai, _space, incr) => formatTimeTicks(splits, incr),
          size: 24,
        },
        {
          stroke: theme.axis,
          grid: { stroke: theme.grid, width: 1 },
          ticks: { stroke: theme.grid, width: 1 },
          values: (_u, splits) => splits.map((v) => formatUnit(v, unit, decimals)),
          size: 64,
        },
      ],
      series: [
        {},
        ...shown.map((s, i) => ({
          label: s.name,
          stroke: colorFor(i),
          width: 1.25,
          points: { show: false },
        })),
      ],
    };
    const plot = new uPlot(opts, align(shown), box);
    const ro = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(100, box.clientWidth), height: Math.max(60, box.clientHeight) }),
    );
    ro.observe(box);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [series, unit, decimals, startMs, endMs]);
  return (
    <div className="dash-ts">
      <div className="dash-ts-plot" ref={el} />
      {series.length > 0 && (
        <ul className="dash-legend">
          {series.slice(0, 100).map((s, i) => (
            <li key={i} title={s.name}>
              <span className="swatch" style={{ background: colorFor(i) }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
