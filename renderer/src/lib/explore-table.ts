// Rows of the Explore table from an instant query's result: one per series (vector: its value;
// matrix: its values@timestamps), or a single row for a scalar or string. Sortable.
import type { QueryInstantResult } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import { formatSeriesLabels } from './selector';

export interface TableRow {
  key: string;
  /** `metric{a="b"}`, or `scalar` / `string`. */
  series: string;
  /** The value for sorting (a matrix sorts by its last value); NaN sorts last. */
  sortValue: number;
  /** Vector/scalar/string: one cell; matrix: `value @timestamp` per point. */
  values: { value: string; timestampMs: number | null }[];
}

export type SortColumn = 'series' | 'value';
export interface TableSort {
  column: SortColumn;
  descending: boolean;
}

/** A sample value as Prometheus prints it (NaN, +Inf, -Inf, shortest round-trip digits). */
export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function tableRows(res: QueryInstantResult): TableRow[] {
  if (res.resultType === 'scalar') {
    const v = res.scalar ?? NaN;
    return [
      {
        key: 'scalar',
        series: 'scalar',
        sortValue: v,
        values: [{ value: formatSampleValue(v), timestampMs: null }],
      },
    ];
  }
  if (res.resultType === 'string') {
    return [
      {
        key: 'string',
        series: 'string',
        sortValue: NaN,
        values: [{ value: res.string ?? '', timestampMs: null }],
      },
    ];
  }
  return res.series.map((s) => {
    const n = s.values.length;
    const last = n > 0 ? s.values[n - 1] : NaN;
    const values = Array.from(s.values, (v, i) => ({
      value: formatSampleValue(v),
      timestampMs: res.resultType === 'matrix' ? s.timestamps[i] : null,
    }));
    return {
      key: labelsKey(s.labels),
      series: formatSeriesLabels(s.labels) || '{}',
      sortValue: last,
      values,
    };
  });
}

/** A sorted copy; NaN values go last whatever the direction. */
export function sortRows(rows: TableRow[], sort: TableSort | null): TableRow[] {
  if (!sort) return rows;
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.column === 'series') return dir * a.series.localeCompare(b.series);
    const an = Number.isNaN(a.sortValue);
    const bn = Number.isNaN(b.sortValue);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    return dir * (a.sortValue - b.sortValue);
  });
}

/** Next sort after a click on a column header: ascending, descending, then unsorted. */
export function nextSort(cur: TableSort | null, column: SortColumn): TableSort | null {
  if (!cur || cur.column !== column) return { column, descending: column === 'value' };
  if (cur.descending === (column === 'value')) return { column, descending: !cur.descending };
  return null;
}
