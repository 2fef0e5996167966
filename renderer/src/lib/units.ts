// Guess a metric's unit from its name suffix (Prometheus naming conventions), so axes and values
// read as durations, bytes or percentages without asking the user.
export type Unit = 'seconds' | 'bytes' | 'ratio' | 'percent' | 'none';

// Suffixes after which the unit part sits (histogram/summary series, counters).
const trailers = ['_total', '_sum', '_bucket', '_created'];

export function guessUnit(metricName: string | undefined | null): Unit {
  if (!metricName) return 'none';
  let base = metricName;
  for (const t of trailers) {
    if (base.endsWith(t)) {
      base = base.slice(0, -t.length);
      break;
    }
  }
  // `_count` of a histogram counts observations: no unit, even for `foo_seconds_count`.
  if (metricName.endsWith('_count')) return 'none';
  if (base.endsWith('_seconds')) return 'seconds';
  if (base.endsWith('_bytes')) return 'bytes';
  if (base.endsWith('_ratio')) return 'ratio';
  if (base.endsWith('_percent')) return 'percent';
  return 'none';
}

/** Metric name of a selector or series, e.g. `node_load1{job="x"}` → `node_load1`. */
export function metricNameOf(query: string): string | null {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query);
  if (m) return m[1];
  const n = /__name__\s*=\s*"([^"\\]+)"/.exec(query);
  return n ? n[1] : null;
}
