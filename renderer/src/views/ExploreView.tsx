// Explore: write a PromQL expression (highlighted, completed from the store's index, errors
// underlined), run it, and see it as a live graph (optionally stacked), as a heatmap when it
// returns histogram buckets, or as a table at a chosen time. Query, tab, range, stacking and
// datasource live in the URL hash; past queries in a history list. A remote datasource answers
// the queries and completion instead of the store.
import { useCallback, useEffect, useState } from 'react';
import { LiveChart } from '../charts/LiveChart';
import { DatasourcePicker } from '../components/DatasourcePicker';
import { RangePicker } from '../components/RangePicker';
import { useDatasources } from '../hooks/useDatasources';
import { useZoomableRange } from '../hooks/useZoomableRange';
import { addToHistory, loadHistory, saveHistory, type HistoryEntry } from '../lib/explore-history';
import {
  exploreHash,
  exploreStateFromParams,
  rememberExploreHash,
  type ExploreTab,
} from '../lib/explore-state';
import { fromDatetimeLocal, toDatetimeLocal } from '../lib/time-range';
import { ExploreHeatmap, useBucketResult } from './explore/ExploreHeatmap';
import { ExpressionBar } from './explore/ExpressionBar';
import { QueryHistory } from './explore/QueryHistory';
import { ResultTable } from './explore/ResultTable';

export function ExploreView({ params }: { params: URLSearchParams }) {
  const [initial] = useState(() => exploreStateFromParams(params));
  const [draft, setDraft] = useState(initial.query);
  const [query, setQuery] = useState(initial.query);
  const [runId, setRunId] = useState(0);
  const [tab, setTab] = useState<ExploreTab>(initial.tab);
  const [stacked, setStacked] = useState(initial.stacked);
  const [timeMs, setTimeMs] = useState<number | null>(initial.timeMs);
  const [datasource, setDatasource] = useState(initial.datasource ?? '');
  const { datasources } = useDatasources();
  const [recent, setRecent] = useState<HistoryEntry[]>(() => loadHistory());
  const { range, setRange, zoom, reset, canReset } = useZoomableRange(initial.range);

  useEffect(() => {
    const hash = exploreHash({ query, tab, range, stacked, timeMs, datasource });
    if (location.hash !== hash) window.history.replaceState(null, '', hash);
    rememberExploreHash(hash);
  }, [query, tab, range, stacked, timeMs, datasource]);
  const ds = datasource || undefined;
  // Histogram buckets are offered as a heatmap beside the graph.
  const buckets = useBucketResult(query, range, ds, runId);
  const shown: ExploreTab = tab === 'heatmap' && !buckets ? 'graph' : tab;
  const TAB_NAMES: Record<ExploreTab, string> = { graph: 'Graph', heatmap: 'Heatmap', table: 'Table' };

  const run = useCallback((text: string) => {
    const q = text.trim();
    setDraft(text);
    setQuery(q);
    setRunId((n) => n + 1);
    if (!q) return;
    setRecent((h) => {
      const next = addToHistory(h, q, Date.now());
      saveHistory(next);
      return next;
    });
  }, []);

  return (
    <div className="view explore">
      <header className="view-header">
        <h1>Explore</h1>
        <DatasourcePicker value={datasource} onChange={setDatasource} datasources={datasources} />
        <div className="spacer" />
        {shown !== 'table' && (
          <RangePicker range={range} onChange={setRange} onResume={canReset ? reset : undefined} />
        )}
      </header>
      <div className="explore-layout">
        <div className="explore-main">
          <section className="card explore-query">
            <ExpressionBar
              value={draft}
              onChange={setDraft}
              onRun={run}
              label="PromQL expression"
              autoFocus={!initial.query}
              datasource={ds}
            />
          </section>
          <section className="card explore-results">
            <div className="tabs" role="tablist">
              {(['graph', 'heatmap', 'table'] as const)
                .filter((t) => t !== 'heatmap' || buckets)
                .map((t) => (
                  <button
                    key={t}
                    type="button"
                    role="tab"
                    aria-selected={shown === t}
                    className={shown === t ? 'on' : undefined}
                    onClick={() => setTab(t)}
                  >
                    {TAB_NAMES[t]}
                  </button>
                ))}
              <div className="spacer" />
              {shown === 'heatmap' ? null : shown === 'graph' ? (
                <label className="check explore-tool">
                  <input type="checkbox" checked={stacked} onChange={(e) => setStacked(e.target.checked)} />
                  Stacked
                </label>
              ) : (
                <div className="explore-tool">
                  <label className="explore-time">
                    Evaluation time
                    <input
                      type="datetime-local"
                      step={1}
                      aria-label="Evaluation time"
                      value={timeMs === null ? '' : toDatetimeLocal(timeMs)}
                      onChange={(e) => setTimeMs(fromDatetimeLocal(e.target.value))}
                    />
                  </label>
                  {timeMs !== null && (
                    <button type="button" className="btn btn-small" onClick={() => setTimeMs(null)}>
                      Now
                    </button>
                  )}
                </div>
              )}
            </div>
            <div className="explore-result-body" role="tabpanel">
              {!query ? (
                <p className="hint explore-empty">
                  Type a PromQL expression above and press Enter — e.g. <code>up</code>,{' '}
                  <code>rate(scrape_samples_scraped[5m])</code> or <code>sum by (job) (up)</code>.
                </p>
              ) : shown === 'heatmap' && buckets ? (
                <ExploreHeatmap result={buckets} height={360} />
              ) : shown === 'graph' ? (
                <LiveChart
                  key={runId}
                  query={query}
                  range={range}
                  height={360}
                  stacked={stacked}
                  onZoom={zoom}
                  onResetZoom={reset}
                  datasource={ds}
                />
              ) : (
                <ResultTable query={query} timeMs={timeMs} runId={runId} datasource={ds} />
              )}
            </div>
          </section>
        </div>
        <QueryHistory
          entries={recent}
          onPick={run}
          onClear={() => {
            setRecent([]);
            saveHistory([]);
          }}
        />
      </div>
    </div>
  );
}
