// The Table tab: an instant query at the chosen time, as rows of labels and values (a matrix as
// values@timestamps), sortable by series or value, with the series count.
import { useContext, useEffect, useMemo, useState } from 'react';
import type { QueryInstantResult } from '../../../../shared/api';
import { ReconnectEpochContext, useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { nextSort, sortRows, tableRows, type SortColumn, type TableSort } from '../../lib/explore-table';
import { formatTimestamp } from '../../lib/format';

const MAX_ROWS = 1000;

type Load =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; res: QueryInstantResult };

export function ResultTable({
  query,
  timeMs,
  runId,
  datasource,
}: {
  query: string;
  timeMs: number | null;
  runId: number;
  /** A remote datasource's id; absent = the local store. */
  datasource?: string;
}) {
  const api = useApi();
  const epoch = useContext(ReconnectEpochContext);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [sort, setSort] = useState<TableSort | null>(null);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    api.queryInstant({ query, timeMs: timeMs ?? Date.now(), ...(datasource ? { datasource } : {}) }).then(
      (res) => live && setLoad({ state: 'done', res }),
      (e: unknown) => live && setLoad({ state: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, query, timeMs, runId, epoch, datasource]);

  const res = load.state === 'done' ? load.res : null;
  const rows = useMemo(() => (res ? sortRows(tableRows(res), sort) : []), [res, sort]);

  if (load.state === 'loading') return <div className="explore-table-note muted">Loading…</div>;
  if (load.state === 'error') return <div className="chart-error">{load.message}</div>;
  const r = load.res;
  const isSeries = r.resultType === 'vector' || r.resultType === 'matrix';
  const header = (column: SortColumn, text: string) => {
    const on = sort?.column === column;
    return (
      <th aria-sort={on ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, column))}>
          {text}
          <span className="sort-mark" aria-hidden="true">
            {on ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="explore-table">
      <div className="explore-table-note">
        <span className="result-type">{r.resultType}</span>
        {isSeries && <span className="series-count">{r.series.length} series</span>}
        <span className="muted">at {formatTimestamp(timeMs ?? Date.now())}</span>
        {r.warnings.length > 0 && <span className="field-error">{r.warnings.join('; ')}</span>}
      </div>
      {isSeries && rows.length === 0 ? (
        <p className="explore-table-empty muted">No series at this time.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {header('series', isSeries ? 'Series' : 'Type')}
              {header('value', r.resultType === 'matrix' ? 'Values @ timestamps' : 'Value')}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((row) => (
              <tr key={row.key}>
                <td className="series-cell">{row.series}</td>
                <td className="value-cell">
                  {row.values.map((v, i) =>
                    v.timestampMs === null ? (
                      <span key={i}>{v.value}</span>
                    ) : (
                      <div key={i} className="matrix-point">
                        {v.value} <span className="muted">@{v.timestampMs / 1000}</span>
                      </div>
                    ),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > MAX_ROWS && (
        <div className="chart-note">
          Showing the first {MAX_ROWS} of {rows.length} rows.
        </div>
      )}
    </div>
  );
}
