// Min/max decimation to the pixel width: a chart of a million points cannot show more than a few
// per pixel column, and drawing (or even aligning and handing uPlot) the rest costs time for
// nothing. In each column a series keeps its first, lowest, highest and last point, in time order,
// so peaks and dips survive and the drawn envelope is the raw data's; a real gap (NaN) inside a
// column keeps one NaN there, so the line still breaks where the data breaks. Each series is cut
// on its own before the chart aligns them, so the big arrays are never aligned at all.

/** A series' points: times ascending, NaN = a gap. */
export interface Points {
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
}

/** Points per pixel column above which decimating pays (it keeps at most 4, plus a gap). */
const DECIMATE_ABOVE = 4;

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

/** Pixel column of x; everything left of the range is column -1, right of it `width`. */
function columnOf(x: number, xMin: number, xMax: number, scale: number, width: number): number {
  if (x < xMin) return -1;
  if (x > xMax) return width;
  return Math.min(width - 1, Math.floor((x - xMin) * scale));
}
