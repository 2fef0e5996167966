// PromQL panels: pick series and watch them live, then add panels, each a PromQL expression with
// its chart. The selector, the range and the panels live in the URL hash (shareable) until they
// are saved as a dashboard. No longer in the nav (the Overview and Dashboards took its place):
// its #/graph links keep working.
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';
import { graphDashboard } from '../lib/graph-dashboard';
import { dashboardHref, navigateTo } from './dashboards/dash-location';
import { newDashboard } from './dashboards/dashboard-edit';
import { LiveChart } from '../charts/LiveChart';
import { RangePicker } from '../components/RangePicker';
import { useLabelValues } from '../hooks/useLabelValues';
import { useZoomableRange } from '../hooks/useZoomableRange';
import { useDatasources } from '../hooks/useDatasources';
import { panelSpecs, panelsHash } from '../lib/explore-panels';
import { exploreHash } from '../lib/explore-state';
import { buildSelector, isValidMetricName, parseSelector, type SelectorParts } from '../lib/selector';
import { rangeFromParam } from '../lib/time-range';
import { guessUnit, metricNameOf } from '../lib/units';
import { PromQLPanel } from './explore/PromQLPanel';
import { SeriesPicker } from './SeriesPicker';

const unitNames = {
  seconds: 'seconds',
  bytes: 'bytes (IEC)',
  ratio: 'ratio → %',
  percent: 'percent',
  date: 'date (Unix seconds)',
  none: '',
};

export function GraphView({ params }: { params: URLSearchParams }) {
  const initialQuery = params.get('q') ?? '';
  const [parts, setParts] = useState<SelectorParts>(
    () => parseSelector(initialQuery) ?? { metric: '', matchers: [] },
  );
  const [query, setQuery] = useState(initialQuery);
  const { range, setRange, zoom, reset, canReset } = useZoomableRange(
    rangeFromParam(params.get('range')) ?? { kind: 'relative', durationMs: 3_600_000 },
  );
  const metricNames = useLabelValues('__name__');
  const nextPanelId = useRef(0);
  const [panels, setPanels] = useState(() =>
    panelSpecs(params).map((spec) => ({ id: nextPanelId.current++, ...spec })),
  );
  const { datasources } = useDatasources();
  const addPanel = (expr: string) =>
    setPanels((ps) => [...ps, { id: nextPanelId.current++, expr, datasource: '' }]);
  const setPanel = (id: number, change: { expr?: string; datasource?: string }) =>
    setPanels((ps) => ps.map((p) => (p.id === id ? { ...p, ...change } : p)));
  const removePanel = (id: number) => setPanels((ps) => ps.filter((p) => p.id !== id));

  // Picker edits reach the chart after a short pause (typing does not resubscribe per key).
  const firstParts = useRef(parts);
  useEffect(() => {
    if (parts === firstParts.current) return; // the query from the URL is already showing
    // A filter still being typed (no value yet) waits; `label=""` can be typed as raw text.
    const sel = buildSelector({ ...parts, matchers: parts.matchers.filter((m) => m.value !== '') });
    const usable = (parts.metric === '' || isValidMetricName(parts.metric)) && sel !== '';
    if (!usable) return;
    const t = setTimeout(() => setQuery(sel), 400);
    return () => clearTimeout(t);
  }, [parts]);

  useEffect(() => {
    const hash = panelsHash(query, range, panels);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [query, range, panels]);

  const unit = guessUnit(metricNameOf(query));
  const api = useApi();
  const [saveTitle, setSaveTitle] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const saveAsDashboard = async () => {
    const title = saveTitle.trim() || 'PromQL panels';
    const d = graphDashboard(newDashboard(title).uid, title, query, panels, range);
    try {
      await api.putDashboard(d);
      navigateTo(dashboardHref(d.uid, d.title));
    } catch (e) {
      setSaveError(errorMessage(e));
    }
  };

  return (
    <div className="view graph">
      <header className="view-header">
        <h1>PromQL panels</h1>
        <div className="spacer" />
        <form
          className="dash-create"
          onSubmit={(e) => {
            e.preventDefault();
            void saveAsDashboard();
          }}
        >
          <input
            aria-label="Dashboard title"
            placeholder="Dashboard title"
            value={saveTitle}
            onChange={(e) => setSaveTitle(e.target.value)}
          />
          <button
            type="submit"
            className="btn btn-small"
            disabled={!query && !panels.some((p) => p.expr.trim())}
          >
            Save as dashboard
          </button>
        </form>
        <RangePicker range={range} onChange={setRange} onResume={canReset ? reset : undefined} />
      </header>
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
      <SeriesPicker
        parts={parts}
        onChange={setParts}
        onRawCommit={(text) => setQuery(text.trim())}
        metricNames={metricNames.values}
      />
      {query ? (
        <section className="card graph-card">
          <header className="panel-header">
            <code className="query-text">{query}</code>
            <span className="panel-sub">
              {unitNames[unit] && `unit: ${unitNames[unit]} · `}drag to zoom, double-click to reset
            </span>
            <span className="panel-actions">
              <a
                className="btn-link"
                href={exploreHash({ query, tab: 'graph', range, stacked: false, timeMs: null })}
              >
                Open in Explore
              </a>
              <button type="button" className="btn-link" onClick={() => addPanel(query)}>
                + As PromQL panel
              </button>
            </span>
          </header>
          <LiveChart query={query} range={range} height={380} onZoom={zoom} onResetZoom={reset} />
        </section>
      ) : (
        <div className="card graph-empty">
          <p>Pick a metric to graph it live.</p>
          {metricNames.values.length > 0 && (
            <div className="chips">
              {metricNames.values.slice(0, 24).map((n) => (
                <button
                  key={n}
                  type="button"
                  className="chip"
                  onClick={() => {
                    setParts({ metric: n, matchers: [] });
                    setQuery(n);
                  }}
                >
                  {n}
                </button>
              ))}
            </div>
          )}
          {metricNames.error && <p className="field-error">{metricNames.error}</p>}
        </div>
      )}
      <div className="promql-panels">
        {panels.map((p, i) => (
          <PromQLPanel
            key={p.id}
            index={i}
            expr={p.expr}
            datasource={p.datasource}
            datasources={datasources}
            onDatasource={(datasource) => setPanel(p.id, { datasource })}
            range={range}
            onRun={(expr) => setPanel(p.id, { expr })}
            onRemove={() => removePanel(p.id)}
            onZoom={zoom}
            onResetZoom={reset}
          />
        ))}
        <button type="button" className="btn add-panel" onClick={() => addPanel('')}>
          + Add panel
        </button>
      </div>
    </div>
  );
}
