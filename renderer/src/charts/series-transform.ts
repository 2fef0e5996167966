// What a chart draws differs from the values it was given: percent stacking (each series as its
// share of the total at that time) and negative-Y (a series drawn below zero, as Grafana's
// "transform: negative-Y" for transmit beside receive). Tooltips and legends keep the raw values.
import type { AlignedColumns } from '../lib/series-store';

const isValue = (v: number | null | undefined): v is number => typeof v === 'number' && !Number.isNaN(v);

/** Columns with the series `which` picks (1-based, as uPlot counts) drawn below zero. */
export function negateSeries(data: AlignedColumns, which: (seriesIdx: number) => boolean): AlignedColumns {
  const [xs, ...ys] = data;
  return [xs, ...ys.map((y, k) => (which(k + 1) ? y.map((v) => (isValue(v) ? -v : v)) : y))];
}

/** Each shown series' value as a fraction (0..1) of the shown series' total at that x. */
export function percentColumns(
  data: AlignedColumns,
  shown: (seriesIdx: number) => boolean = () => true,
): AlignedColumns {
  const [xs, ...ys] = data;
  const total = new Array<number>(xs.length).fill(0);
  ys.forEach((y, k) => {
    if (!shown(k + 1)) return;
    y.forEach((v, i) => {
      if (isValue(v)) total[i] += Math.abs(v);
    });
  });
  return [xs, ...ys.map((y) => y.map((v, i) => (isValue(v) ? (total[i] ? v / total[i] : 0) : v)))];
}

/** A colour at a fill's opacity (0..100); hex colours get an alpha, others are left as given. */
export function fillColor(color: string, opacityPct: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return color;
  const a = Math.round(Math.max(0, Math.min(100, opacityPct)) * 2.55);
  return color + a.toString(16).padStart(2, '0');
}
