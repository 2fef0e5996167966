// The rows of a chart's tooltip at a cursor: per shown series its nearest sample within the
// tolerance (none when it has no sample that close), sorted by value (highest first unless asked
// otherwise); and the time of the sample nearest the cursor, which the tooltip shows instead of
// the cursor's time. In Grafana's "single" mode only the series drawn nearest the cursor is kept.
import { nearestSample } from './nearest-sample';

export interface TooltipEntry {
  /** uPlot's series index (1-based). */
  series: number;
  value: number;
  /** The sample's time, in the x axis' unit. */
  x: number;
  /** Its index in the columns. */
  idx: number;
}

export type TooltipSort = 'desc' | 'asc' | 'none';

export function tooltipEntries(
  xs: ArrayLike<number>,
  columns: readonly (ArrayLike<number | null | undefined> | undefined)[],
  cursorX: number,
  tolerance: number,
  opts: {
    shown?: (series: number) => boolean;
    /** The value to show for a sample when the drawn one differs (stacked, negative-Y). */
    value?: (series: number, idx: number) => number | null | undefined;
    sort?: TooltipSort;
    /** Single mode: keep the series whose drawn point is nearest this y value. */
    nearestY?: number;
  } = {},
): { x: number; entries: TooltipEntry[] } | null {
  const entries: TooltipEntry[] = [];
  for (let i = 1; i < columns.length; i++) {
    const ys = columns[i];
    if (!ys || (opts.shown && !opts.shown(i))) continue;
    const idx = nearestSample(xs, ys, cursorX, tolerance);
    if (idx === null) continue;
    const v = opts.value ? opts.value(i, idx) : ys[idx];
    if (v === null || v === undefined) continue;
    entries.push({ series: i, value: v, x: xs[idx], idx });
  }
  if (entries.length === 0) return null;
  const x = entries.reduce((a, b) => (Math.abs(b.x - cursorX) < Math.abs(a.x - cursorX) ? b : a)).x;
  const y = opts.nearestY;
  if (y !== undefined) {
    const dist = (e: TooltipEntry) => Math.abs((columns[e.series]?.[e.idx] ?? Infinity) - y);
    return { x, entries: [entries.reduce((a, b) => (dist(b) < dist(a) ? b : a))] };
  }
  const sort = opts.sort ?? 'desc';
  if (sort === 'desc') entries.sort((a, b) => b.value - a.value || a.series - b.series);
  if (sort === 'asc') entries.sort((a, b) => a.value - b.value || a.series - b.series);
  return { x, entries };
}
