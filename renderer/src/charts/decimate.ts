// Min/max decimation of uPlot's aligned columns to the pixel width: a chart of a million points
// cannot show more than a few per pixel column, and drawing (or even handing uPlot) the rest costs
// time for nothing. In each column every series keeps its first, lowest, highest and last point,
// in time order, so peaks and dips survive and the drawn envelope is the raw data's; a real gap
// (null) inside a column keeps one null there, so a line still breaks where the data breaks. The
// columns are the union of what every series keeps: a kept x carries each series' own value there
// (a real point, never outside that series' column envelope). decimatePoints does the same to one
// series' own points (NaN = gap) before any alignment, so the big arrays are never aligned at all.
import type { AlignedColumns } from '../lib/series-store';

/** Points per pixel column above which decimating pays (it keeps at most 4 per series). */
const DECIMATE_ABOVE = 4;

/**
 * `cols` cut down to at most ~4 points per series per pixel column of `widthPx` over the x range
 * [xMin, xMax] (the scale's, in x units). Points outside the range fall in one column on each side,
 * so lines still run off the edges. Returns `cols` itself when it has few points for the width.
 */
export function decimateColumns(
  cols: AlignedColumns,
  xMin: number,
  xMax: number,
  widthPx: number,
): AlignedColumns {
  const xs = cols[0];
  const n = xs.length;
  const width = Math.max(1, Math.floor(widthPx));
  if (n <= width * DECIMATE_ABOVE || !(xMax > xMin)) return cols;
  const keep = keptIndices(cols, xMin, xMax, width);
  if (keep.length === n) return cols;
  const out: AlignedColumns = [keep.map((i) => xs[i])];
  for (let s = 1; s < cols.length; s++) {
    const ys = cols[s];
    out.push(keep.map((i) => ys[i]));
  }
  return out;
}

/** A series' points: times ascending, NaN = a gap. */
export interface Points {
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
}

/**
 * `p` cut down to at most 5 points per pixel column of `widthPx` over the range [xMin, xMax]
 * (the x scale's, in the unit of `ts`). Points outside the range fall in one column on each
 * side, so lines still run off the edges. Returns `p` itself when it has few points for the width.
 */
export function decimatePoints<P extends Points>(
  p: P,
  xMin: number,
  xMax: number,
  widthPx: number,
): P | { ts: number[]; vs: number[] } {
  const n = p.ts.length;
  const width = Math.max(1, Math.floor(widthPx));
  if (n <= width * DECIMATE_ABOVE || !(xMax > xMin)) return p;
  const ts: number[] = [];
  const vs: number[] = [];
  const scale = width / (xMax - xMin);
  const keep = (i: number) => {
    ts.push(p.ts[i]);
    vs.push(p.vs[i]);
  };
  let a = 0;
  while (a < n) {
    const col = columnOf(p.ts[a], xMin, xMax, scale, width);
    // One column: [a, b). Its first, min, max and last values, and its first gap.
    let first = -1;
    let last = -1;
    let lo = -1;
    let hi = -1;
    let gap = -1;
    let loV = Infinity;
    let hiV = -Infinity;
    let b = a;
    for (; b < n; b++) {
      const t = p.ts[b];
      // Inside the range, the column only changes once t passes its right edge.
      if (b > a && columnOf(t, xMin, xMax, scale, width) !== col) break;
      const v = p.vs[b];
      if (v !== v) {
        if (gap < 0) gap = b;
        continue;
      }
      if (first < 0) first = b;
      if (v < loV) {
        loV = v;
        lo = b;
      }
      if (v > hiV) {
        hiV = v;
        hi = b;
      }
      last = b;
    }
    // In time order, each index once.
    const picks = [first, lo, hi, last, gap].filter((i) => i >= 0).sort((x, y) => x - y);
    for (let k = 0; k < picks.length; k++) if (k === 0 || picks[k] !== picks[k - 1]) keep(picks[k]);
    a = b;
  }
  return ts.length === n ? p : { ts, vs };
}

/** Which indices of `cols` a column-by-column min/max pass keeps, ascending. */
export function keptIndices(cols: AlignedColumns, xMin: number, xMax: number, width: number): number[] {
  const xs = cols[0];
  const n = xs.length;
  const scale = width / (xMax - xMin);
  const kept = new Uint8Array(n);
  let a = 0;
  while (a < n) {
    const col = columnOf(xs[a], xMin, xMax, scale, width);
    let b = a + 1;
    while (b < n && columnOf(xs[b], xMin, xMax, scale, width) === col) b++;
    for (let s = 1; s < cols.length; s++) markColumn(cols[s], a, b, kept);
    a = b;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (kept[i]) out.push(i);
  return out;
}

/** Pixel column of x; everything left of the range is column -1, right of it `width`. */
function columnOf(x: number, xMin: number, xMax: number, scale: number, width: number): number {
  if (x < xMin) return -1;
  if (x > xMax) return width;
  return Math.min(width - 1, Math.floor((x - xMin) * scale));
}

/** Marks one series' first, min, max and last points in [a, b), and its first gap there. */
function markColumn(ys: (number | null | undefined)[], a: number, b: number, kept: Uint8Array): void {
  let first = -1;
  let last = -1;
  let lo = -1;
  let hi = -1;
  let gap = -1;
  for (let i = a; i < b; i++) {
    const v = ys[i];
    if (v === undefined) continue; // not this series' point (alignment fill)
    if (v === null || Number.isNaN(v)) {
      if (gap < 0) gap = i;
      continue;
    }
    if (first < 0) {
      first = lo = hi = i;
    } else {
      if (v < (ys[lo] as number)) lo = i;
      if (v > (ys[hi] as number)) hi = i;
    }
    last = i;
  }
  if (first >= 0) kept[first] = kept[lo] = kept[hi] = kept[last] = 1;
  if (gap >= 0) kept[gap] = 1;
}
