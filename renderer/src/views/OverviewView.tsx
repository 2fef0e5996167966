// Home: live charts that need no setup once targets exist — health, scrape cost, and a few of
// the scraped metrics. Without targets, tells a new user how to get some.
import { useEffect, useMemo, useState } from 'react';
import { LiveChart } from '../charts/LiveChart';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNote } from '../components/ErrorNote';
import { RangePicker } from '../components/RangePicker';
import { useLabelValues } from '../hooks/useLabelValues';
import { useTargets } from '../hooks/useTargets';
import { useZoomableRange } from '../hooks/useZoomableRange';
import { pickOverviewMetrics } from '../lib/overview-metrics';
import { formatHash } from '../lib/route';
import { rangeToParam, type TimeRange } from '../lib/time-range';

interface Panel {
  title: string;
  query: string;
  description: string;
}

const fixedPanels: Panel[] = [
  { title: 'Target health', query: 'up', description: '1 = last scrape succeeded, 0 = failed' },
  { title: 'Scrape duration', query: 'scrape_duration_seconds', description: 'time each scrape took' },
  { title: 'Samples scraped', query: 'scrape_samples_scraped', description: 'samples per scrape' },
];

export function OverviewView() {
  const { targets, error } = useTargets();
  const { range, setRange, zoom, reset, canReset } = useZoomableRange({
    kind: 'relative',
    durationMs: 15 * 60_000,
  });
  const scraped = targets?.filter((t) => t.lastScrapeMs !== null).length ?? 0;
  const latestScrape = Math.max(0, ...(targets ?? []).map((t) => t.lastScrapeMs ?? 0));
  // Once four metrics are found the panels stay put (no reshuffle as new names appear); until
  // then, ask again as scrapes land (at most every 30 s).
  const [frozen, setFrozen] = useState<string[] | null>(null);
  const refreshKey = frozen ? -1 : scraped * 1e9 + Math.floor(latestScrape / 30_000);
  const names = useLabelValues(targets && targets.length ? '__name__' : null, undefined, refreshKey);
  const picked = useMemo(() => pickOverviewMetrics(names.values), [names.values]);
  const metrics = frozen ?? picked;
  useEffect(() => {
    if (!frozen && picked.length >= 4) setFrozen(picked);
  }, [frozen, picked]);

  if (error) return <ErrorNote error={error} />;
  if (targets === null) return <div className="view-loading">Loading…</div>;
  if (targets.length === 0) return <EmptyState />;

  const up = targets.filter((t) => t.health === 'up').length;
  const down = targets.filter((t) => t.health === 'down').length;
  const paused = targets.filter((t) => t.paused).length;
  const panels: Panel[] = [
    ...fixedPanels,
    ...metrics.map((m) => ({ title: m, query: m, description: 'scraped metric' })),
  ];

  return (
    <div className="view overview">
      <header className="view-header">
        <h1>Overview</h1>
        <div className="summary">
          <span className="stat">
            <strong>{targets.length}</strong> endpoints
          </span>
          <span className="stat stat-up">
            <strong>{up}</strong> up
          </span>
          <span className={down ? 'stat stat-down' : 'stat'}>
            <strong>{down}</strong> down
          </span>
          {paused > 0 && (
            <span className="stat">
              <strong>{paused}</strong> paused
            </span>
          )}
        </div>
        <div className="spacer" />
        <RangePicker
          range={range}
          onChange={setRange}
          onResume={canReset ? reset : undefined}
          allowCustom={false}
        />
      </header>
      <ErrorNote error={names.error} />
      <div className="panel-grid">
        {panels.map((p) => (
          <ErrorBoundary key={p.query} what={`Panel "${p.title}"`}>
            <PanelCard panel={p} range={range} onZoom={zoom} onReset={reset} />
          </ErrorBoundary>
        ))}
      </div>
      {metrics.length === 0 && scraped > 0 && (
        <p className="hint">
          No scraped metrics yet besides the synthetic ones — they appear here after the next scrape.
        </p>
      )}
    </div>
  );
}

function PanelCard({
  panel,
  range,
  onZoom,
  onReset,
}: {
  panel: Panel;
  range: TimeRange;
  onZoom: (a: number, b: number) => void;
  onReset: () => void;
}) {
  return (
    <section className="card panel">
      <header className="panel-header">
        <div>
          <h2>{panel.title}</h2>
          <span className="panel-sub">{panel.description}</span>
        </div>
        <a
          className="btn-link"
          href={formatHash('graph', { q: panel.query, range: rangeToParam(range) })}
          title="Open in the Graph view"
        >
          Open in Graph ↗
        </a>
      </header>
      <LiveChart
        query={panel.query}
        range={range}
        height={190}
        onZoom={onZoom}
        onResetZoom={onReset}
        legendLimit={4}
      />
    </section>
  );
}

function EmptyState() {
  return (
    <div className="view">
      <div className="empty-state card">
        <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true">
          <path
            d="M4 19V5M4 19h16M8 15l3-4 3 2 5-7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <h1>Nothing is being scraped yet</h1>
        <p>
          Promdesk charts what it scrapes. Add the <code>/metrics</code> endpoint of an exporter (for example
          node_exporter at <code>http://localhost:9100/metrics</code>) and its health, scrape times and
          metrics show up here live.
        </p>
        <a className="btn btn-primary" href="#/targets?add=1">
          + Add a scrape endpoint
        </a>
        <p className="hint">
          Already have a Prometheus config? Start with <code>promdesk serve --config prometheus.yml</code> and
          its <code>scrape_configs</code> are scraped as they are.
        </p>
      </div>
    </div>
  );
}
