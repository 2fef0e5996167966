// The figures a table legend shows per series (Grafana's reducers of the same names), over the
// points in the chart's window. Gaps (NaN) do not count.
export type LegendCalc = 'min' | 'mean' | 'max' | 'last' | 'total';

export function legendCalcs(
  values: ArrayLike<number>,
  calcs: readonly LegendCalc[],
): Record<LegendCalc, number | null> {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let last: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
    last = v;
  }
  const all: Record<LegendCalc, number | null> = {
    min: n ? min : null,
    mean: n ? sum / n : null,
    max: n ? max : null,
    last,
    total: n ? sum : null,
  };
  const out = {} as Record<LegendCalc, number | null>;
  for (const c of calcs) out[c] = all[c];
  return out;
}
