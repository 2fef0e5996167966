// A panel's series as the inspector's Data tab shows them: one table joined on time (Grafana's
// "Series joined by time"), a column per series, empty where a series has no sample at that time;
// and the same table as CSV for download.
import type { PanelSeries } from './panel-data';

export interface SeriesTable {
  columns: string[];
  /** Per row: the time (ms) and one value per series (null: no sample there). */
  rows: { timeMs: number; values: (number | null)[] }[];
}

/** Joins series on their timestamps, in time order; columns named as the legend names them. */
export function joinByTime(series: readonly PanelSeries[]): SeriesTable {
  const byTime = new Map<number, (number | null)[]>();
  series.forEach((s, col) => {
    for (let i = 0; i < s.timestamps.length; i++) {
      let row = byTime.get(s.timestamps[i]);
      if (!row) byTime.set(s.timestamps[i], (row = new Array<number | null>(series.length).fill(null)));
      row[col] = s.values[i];
    }
  });
  // Two series of different queries may share a name: the query's refId tells them apart.
  const names = series.map((s) => s.name);
  const columns = series.map((s, i) =>
    names.indexOf(s.name) !== names.lastIndexOf(s.name) && s.refId
      ? `${s.name} (${s.refId})`
      : s.name || `Series ${i + 1}`,
  );
  const rows = [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([timeMs, values]) => ({ timeMs, values }));
  return { columns, rows };
}

/** A CSV field quoted when it holds a comma, quote or line break (RFC 4180). */
function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV: a Time column (ISO 8601, UTC) then one per series; NaN and ±Inf as Go writes them. */
export function tableCsv(t: SeriesTable): string {
  const num = (v: number | null) =>
    v === null
      ? ''
      : Number.isNaN(v)
        ? 'NaN'
        : v === Infinity
          ? '+Inf'
          : v === -Infinity
            ? '-Inf'
            : String(v);
  const lines = [['Time', ...t.columns].map(field).join(',')];
  for (const r of t.rows) lines.push([new Date(r.timeMs).toISOString(), ...r.values.map(num)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
