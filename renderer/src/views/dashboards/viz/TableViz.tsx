// A table panel: one row per series, a column per label and the value (the series' last, or the
// panel's calc), sortable by clicking a column header.
import { useMemo, useState } from 'react';
import type { FieldConfigDefaults } from '../../../../../shared/dashboards/model';
import type { PanelSeries } from '../panel-data';
import { reduceValues, shownValue } from '../panel-values';

export function TableViz({
  series,
  defaults,
  calc,
}: {
  series: PanelSeries[];
  defaults: FieldConfigDefaults;
  calc: string;
}) {
  const [sort, setSort] = useState<{ col: string; desc: boolean } | null>(null);
  const columns = useMemo(() => {
    const names = new Set<string>();
    for (const s of series) for (const k of Object.keys(s.labels)) names.add(k);
    return [...names].sort();
  }, [series]);
  const rows = useMemo(() => {
    const rs = series.map((s) => ({ labels: s.labels, value: reduceValues(s.values, calc) }));
    if (!sort) return rs;
    const key = (r: (typeof rs)[number]) =>
      sort.col === 'Value' ? (r.value ?? -Infinity) : (r.labels[sort.col] ?? '');
    return [...rs].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c =
        typeof ka === 'number' && typeof kb === 'number'
          ? ka - kb
          : String(ka).localeCompare(String(kb), undefined, { numeric: true });
      return sort.desc ? -c : c;
    });
  }, [series, calc, sort]);
  const header = (col: string) => (
    <th key={col}>
      <button
        type="button"
        className="btn-link"
        onClick={() => setSort((s) => ({ col, desc: s?.col === col ? !s.desc : false }))}
      >
        {col}
        {sort?.col === col ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <div className="dash-table-wrap">
      <table className="dash-table">
        <thead>
          <tr>
            {columns.map(header)}
            {header('Value')}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 1000).map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{r.labels[c] ?? ''}</td>
              ))}
              <td className="num">{shownValue(r.value, defaults).text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
