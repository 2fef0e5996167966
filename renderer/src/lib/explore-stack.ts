// Stacked charts: each series drawn on top of the ones before it (cumulative sums per x), with
// uPlot bands filling between neighbours. Hidden series do not count towards the stack.
import type { AlignedColumns } from './series-store';

/**
 * Cumulative sums of aligned columns. A series without a point at an x (null or undefined) adds
 * nothing there and keeps its gap; NaN is treated the same way.
 */
export function stackColumns(
  data: AlignedColumns,
  shown: (seriesIdx: number) => boolean = () => true,
): AlignedColumns {
  const [xs, ...ys] = data;
  const acc = new Array<number>(xs.length).fill(0);
  const out = ys.map((y, k) => {
    if (!shown(k + 1)) return y;
    return y.map((v, i) => {
      if (v === null || v === undefined || Number.isNaN(v)) return v;
      acc[i] += v;
      return acc[i];
    });
  });
  return [xs, ...out];
}

/** uPlot bands for a stack: each shown series fills down to the previous shown one. */
export function stackBands(
  count: number,
  shown: (seriesIdx: number) => boolean = () => true,
): { series: [number, number] }[] {
  const bands: { series: [number, number] }[] = [];
  let below = -1;
  for (let i = 1; i <= count; i++) {
    if (!shown(i)) continue;
    if (below > 0) bands.push({ series: [i, below] });
    below = i;
  }
  return bands;
}
