// The sample a tooltip shows for a series: the nearest one to the cursor that is within
// `tolerance` (about a step or scrape interval); none when the series has no sample that close,
// rather than a value from minutes away.

/** Index into `xs` of the first value >= x (xs ascending). */
function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const present = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && !Number.isNaN(v);

/** Nearest index with a value in `ys` whose x is within `tolerance` of `x`; null if none. */
export function nearestSample(
  xs: ArrayLike<number>,
  ys: ArrayLike<number | null | undefined>,
  x: number,
  tolerance: number,
): number | null {
  const start = lowerBound(xs, x);
  let left = start - 1;
  let right = start;
  // Walk outwards from the cursor, nearest first, until both sides are past the tolerance.
  for (;;) {
    const dl = left >= 0 ? x - xs[left] : Infinity;
    const dr = right < xs.length ? xs[right] - x : Infinity;
    if (dl > tolerance && dr > tolerance) return null;
    if (dr <= dl) {
      if (present(ys[right])) return right;
      right++;
    } else {
      if (present(ys[left])) return left;
      left--;
    }
  }
}

/** The median gap between successive xs (0 with fewer than two): the data's own interval. */
export function medianGap(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const gaps: number[] = [];
  // A sample of at most ~200 gaps is enough and keeps this cheap on big charts.
  const every = Math.max(1, Math.floor((xs.length - 1) / 200));
  for (let i = 1; i < xs.length; i += every) gaps.push(xs[i] - xs[i - 1]);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}
