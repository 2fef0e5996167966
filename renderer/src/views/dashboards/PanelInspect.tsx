// A panel's inspector (`?inspect=<id>`, key i), as Grafana's: Data (the series joined by time as
// a table, downloadable as CSV), Query (each expression as sent, its range or time, step, the
// series count and how long the queries took) and JSON (the panel's model). It runs the panel's
// queries itself, with the same inputs as the panel, so what it shows is what was asked.
import { useEffect, useMemo, useState } from 'react';
import type { Panel } from '../../../../shared/dashboards/model';
import { panelQueries } from '../../../../shared/dashboards/templating/panel-queries';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { joinByTime, tableCsv } from './inspect-data';
import { runPanelQueries, visibleTargets, type PanelData, type QueryContext } from './panel-data';

type Tab = 'data' | 'query' | 'json';
const TABS: [Tab, string][] = [
  ['data', 'Data'],
  ['query', 'Query'],
  ['json', 'JSON'],
];
/** Rows drawn in the Data tab; the CSV has them all. */
const SHOWN_ROWS = 500;

type Run = { data: PanelData; tookMs: number; atMs: number } | { error: string };

const iso = (ms: number) => new Date(ms).toISOString();

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PanelInspect({
  panel,
  title,
  ctx,
  widthPx,
  onClose,
}: {
  panel: Panel;
  title: string;
  /** The panel's own context (a repeated copy's variables scoped to its value). */
  ctx: QueryContext | null;
  widthPx: number;
  onClose: () => void;
}) {
  const api = useApi();
  const [tab, setTab] = useState<Tab>('data');
  const [run, setRun] = useState<Run | null>(null);
  const [again, setAgain] = useState(0);
  const hasQueries = visibleTargets(panel).length > 0;

  useEffect(() => {
    if (!ctx || !hasQueries) return;
    let stale = false;
    setRun(null);
    const t0 = performance.now();
    runPanelQueries(api, panel, ctx, widthPx).then(
      (data) => !stale && setRun({ data, tookMs: performance.now() - t0, atMs: Date.now() }),
      (e: unknown) => !stale && setRun({ error: errorMessage(e) }),
    );
    return () => {
      stale = true;
    };
  }, [api, panel, ctx, widthPx, hasQueries, again]);

  const sent = useMemo(
    () =>
      ctx
        ? panelQueries({
            panel,
            range: { fromMs: ctx.startMs, toMs: ctx.endMs },
            vars: ctx.vars,
            widthPx: Math.max(100, Math.round(widthPx)),
            scrapeIntervalS: ctx.scrapeMs / 1000,
          }).queries
        : [],
    [panel, ctx, widthPx],
  );
  const table = useMemo(() => (run && 'data' in run ? joinByTime(run.data.series) : null), [run]);

  return (
    <aside className="dash-inspect" role="dialog" aria-label={`Inspect: ${title}`}>
      <header className="dash-inspect-header">
        <h2>Inspect: {title || panel.type}</h2>
        <div className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setAgain((n) => n + 1)}>
          Run again
        </button>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close inspector">
          Close
        </button>
      </header>
      <div className="dash-inspect-tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div className="dash-inspect-body" role="tabpanel" aria-label={TABS.find(([id]) => id === tab)![1]}>
        {tab === 'json' ? (
          <pre className="dash-inspect-json">{JSON.stringify(panel, null, 2)}</pre>
        ) : !hasQueries ? (
          <p className="muted">This panel has no queries.</p>
        ) : !run ? (
          <p className="muted">Running the queries…</p>
        ) : 'error' in run ? (
          <p className="field-error" role="alert">
            {run.error}
          </p>
        ) : tab === 'data' ? (
          <DataTab
            table={table!}
            error={run.data.error}
            onDownload={() => download(`${title || 'panel'}-data-${iso(run.atMs)}.csv`, tableCsv(table!))}
          />
        ) : (
          <div className="dash-inspect-query">
            <p data-inspect="stats">
              {run.data.series.length} series, {Math.round(run.tookMs)} ms, at {iso(run.atMs)}
            </p>
            {run.data.error && (
              <p className="field-error" role="alert">
                {run.data.error}
              </p>
            )}
            {sent.map((q, i) => (
              <dl key={i} className="dash-inspect-q" data-ref-id={q.refId}>
                <dt>Query {q.refId}</dt>
                <dd>
                  <pre>{q.expr}</pre>
                </dd>
                <dt>{q.range ? 'Range' : 'Time'}</dt>
                <dd>
                  {q.range ? `${iso(q.startS * 1000)} to ${iso(q.endS * 1000)}` : iso(q.timeS * 1000)}
                  {q.range && q.instant && `, and instant at ${iso(q.timeS * 1000)}`}
                </dd>
                {q.range && (
                  <>
                    <dt>Step</dt>
                    <dd data-inspect="step">{q.stepS}s</dd>
                  </>
                )}
              </dl>
            ))}
          </div>
        )}
      </div>
    </aside>
  );
}

function DataTab({
  table,
  error,
  onDownload,
}: {
  table: ReturnType<typeof joinByTime>;
  error: string | null;
  onDownload: () => void;
}) {
  return (
    <div className="dash-inspect-data">
      <div className="dash-inspect-actions">
        <span className="muted">
          {table.columns.length} series, {table.rows.length} rows
          {table.rows.length > SHOWN_ROWS ? ` (the first ${SHOWN_ROWS} shown)` : ''}
        </span>
        <button type="button" className="btn btn-small" onClick={onDownload}>
          Download CSV
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dash-table-wrap">
        <table className="dash-table">
          <thead>
            <tr>
              <th>Time</th>
              {table.columns.map((c, i) => (
                <th key={i}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, SHOWN_ROWS).map((r) => (
              <tr key={r.timeMs}>
                <td>{iso(r.timeMs)}</td>
                {r.values.map((v, i) => (
                  <td key={i} className="num">
                    {v === null ? '' : String(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
