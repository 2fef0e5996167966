// Prometheus's limit on a range query's points per series, for the Api and /api/v1/query_range.

export const MAX_POINTS_PER_SERIES = 11_000;

/** Prometheus's message when a range query asks for too many points, or null when it does not. */
export function resolutionError(startMs: number, endMs: number, stepMs: number): string | null {
  if ((endMs - startMs) / stepMs <= MAX_POINTS_PER_SERIES) return null;
  return 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)';
}
