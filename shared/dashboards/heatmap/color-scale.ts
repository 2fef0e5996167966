// Which cells a heatmap draws and in which of its palette's colours, as Grafana's heatmap does:
// cells at or below filterValues.le (1e-9 by default: "hide zero buckets") or at or above
// filterValues.ge are not drawn; the others map linearly from the colour scale's min..max (the
// options' own, else the drawn cells') onto the palette, clamped at both ends.

/** Grafana's filterValues: hide cells whose value is <= le or >= ge. */
export interface ValueFilter {
  le?: number;
  ge?: number;
}

export function isShown(v: number, filter: ValueFilter): boolean {
  return !Number.isNaN(v) && v > (filter.le ?? -Infinity) && v < (filter.ge ?? Infinity);
}

/** The colour scale's ends: fixed ones as given, the others from the shown cells (0..1 when none). */
export function colorRange(
  rows: readonly ArrayLike<number>[],
  filter: ValueFilter,
  fixed: { min?: number; max?: number } = {},
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows)
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (!isShown(v, filter)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (min > max) [min, max] = [0, 1];
  return { min: fixed.min ?? min, max: fixed.max ?? max };
}

/** The palette index of v on a scale from min to max (a flat scale counts as one wide). */
export function colorIndex(v: number, size: number, min: number, max: number): number {
  if (v < min) return 0;
  if (v > max) return size - 1;
  const range = max - min || 1;
  return Math.min(size - 1, Math.floor((size * (v - min)) / range));
}
