// What changed since the last fetch, per series: previous value, delta, per-second rate of
// counters (from the fetch timestamps), new and vanished series, and the last values for a
// sparkline. The state carried from fetch to fetch is the history returned as `next`.

export interface CurrentSeries {
  key: string;
  name: string;
  /** Labels as written, `{a="x"}` or ''. */
  labels: string;
  family: string;
  counter: boolean;
  value: number;
  line: number;
  /** OpenMetrics exemplar as written after `#`, or null. */
  exemplar: string | null;
}

/**
 * first: no earlier fetch to compare with; same/changed: compared; reset: a counter went down;
 * new: absent last time; vanished: present last time, absent now (value = its last value).
 */
export type SeriesStatus = 'first' | 'same' | 'changed' | 'reset' | 'new' | 'vanished';

export interface SeriesRow {
  key: string;
  name: string;
  labels: string;
  family: string;
  counter: boolean;
  /** Line in the current body, null for vanished series. */
  line: number | null;
  value: number;
  prev: number | null;
  delta: number | null;
  /** Per second, counters only, when both fetches have a time. */
  rate: number | null;
  status: SeriesStatus;
  /** Last values, oldest first, including this one. */
  spark: number[];
  exemplar: string | null;
}

interface History {
  name: string;
  labels: string;
  family: string;
  counter: boolean;
  values: number[];
}

export interface DiffState {
  atMs: number | null;
  series: Map<string, History>;
}

export interface DiffSummary {
  /** Whether there was an earlier fetch to compare with. */
  compared: boolean;
  /** Time between the two fetches, when both have one. */
  intervalMs: number | null;
  added: number;
  vanished: number;
  changed: number;
  resets: number;
}

export const SPARK_LENGTH = 30;

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function diffSeries(
  state: DiffState | null,
  current: readonly CurrentSeries[],
  atMs: number | null,
  sparkLength = SPARK_LENGTH,
): { rows: SeriesRow[]; summary: DiffSummary; next: DiffState } {
  const prevSeries = state?.series ?? new Map<string, History>();
  const compared = state !== null;
  const dtMs = state?.atMs != null && atMs != null ? atMs - state.atMs : null;
  const dtSec = dtMs !== null && dtMs > 0 ? dtMs / 1000 : null;
  const next = new Map<string, History>();
  const rows: SeriesRow[] = [];
  const summary: DiffSummary = { compared, intervalMs: dtMs, added: 0, vanished: 0, changed: 0, resets: 0 };

  for (const c of current) {
    const old = prevSeries.get(c.key);
    const values = old ? old.values.slice(Math.max(0, old.values.length - sparkLength + 1)) : [];
    values.push(c.value);
    next.set(c.key, { name: c.name, labels: c.labels, family: c.family, counter: c.counter, values });
    const row: SeriesRow = {
      key: c.key,
      name: c.name,
      labels: c.labels,
      family: c.family,
      counter: c.counter,
      line: c.line,
      value: c.value,
      prev: null,
      delta: null,
      rate: null,
      status: compared ? 'new' : 'first',
      spark: values,
      exemplar: c.exemplar,
    };
    if (old) {
      const prev = old.values[old.values.length - 1];
      const delta = c.value - prev;
      row.prev = prev;
      row.delta = Number.isNaN(delta) ? null : delta;
      row.status = sameValue(prev, c.value) ? 'same' : 'changed';
      if (c.counter && row.delta !== null && row.delta < 0) {
        // A reset: like Prometheus's rate(), count the increase from zero.
        row.status = 'reset';
        summary.resets++;
        if (dtSec !== null) row.rate = c.value / dtSec;
      } else if (c.counter && dtSec !== null && row.delta !== null) row.rate = row.delta / dtSec;
      if (row.status !== 'same') summary.changed++;
    } else if (compared) summary.added++;
    rows.push(row);
  }
  for (const [key, old] of prevSeries) {
    if (next.has(key)) continue;
    summary.vanished++;
    rows.push({
      key,
      name: old.name,
      labels: old.labels,
      family: old.family,
      counter: old.counter,
      line: null,
      value: old.values[old.values.length - 1],
      prev: null,
      delta: null,
      rate: null,
      status: 'vanished',
      spark: old.values,
      exemplar: null,
    });
  }
  return { rows, summary, next: { atMs, series: next } };
}
