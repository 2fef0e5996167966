// Guess a metric's unit from its name suffix (Prometheus naming conventions), so axes and values
// read as durations, bytes or percentages without asking the user. A panel's own unit wins over
// this guess. `date`: seconds since the Unix epoch (node_boot_time_seconds), not a duration.
export type Unit = 'seconds' | 'bytes' | 'ratio' | 'percent' | 'date' | 'none';

// Suffixes after which the unit part sits (summary series, counters).
const trailers = ['_total', '_sum'];

export function guessUnit(metricName: string | undefined | null): Unit {
  if (!metricName) return 'none';
  let base = metricName;
  for (const t of trailers) {
    if (base.endsWith(t)) {
      base = base.slice(0, -t.length);
      break;
    }
  }
  // `_count` and `_bucket` count observations: no unit, even for `foo_seconds_bucket`.
  if (metricName.endsWith('_count') || metricName.endsWith('_bucket')) return 'none';
  // `_created` is when a counter started; `*_timestamp_seconds`, `*_time_seconds` are instants.
  if (metricName.endsWith('_created')) return 'date';
  // (A counter such as node_disk_io_time_seconds_total is a duration.)
  if (/_(timestamp|time)_seconds$/.test(metricName)) return 'date';
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
