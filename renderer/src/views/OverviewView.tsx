// Home: the home dashboard, editable like any other. It is the home-dashboard setting when set,
// else the Host starter for the first host whose node_exporter is scraped, else the Promdesk
// starter (each installed on the way). Above it, the targets' health at a glance and the starter
// dashboards offered. Without targets, tells a new user how to get some.
import { useEffect, useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useApi } from '../api-context';
import { useTargets } from '../hooks/useTargets';
import { errorMessage } from '../lib/error-message';
import type { HostOffer } from '../../../shared/dashboards/starters';
import { DashboardPage } from './dashboards/DashboardPage';
import { StarterOffers } from './dashboards/StarterOffers';
import { ExporterOffers } from './probe/ExporterOffers';
import { findHostOffers, PROMDESK_STARTER_UID, resolveHome } from './dashboards/starters';

export function OverviewView() {
  const api = useApi();
  const { targets, error } = useTargets();
  const [home, setHome] = useState<{ uid: string; offer: HostOffer | null } | null>(null);
  const [homeError, setHomeError] = useState<string | null>(null);
  const scraped = targets?.filter((t) => t.lastScrapeMs !== null).length ?? 0;
  // Chosen again as targets get their first scrape (node_exporter may land after the others),
  // until a host is found or the setting names the dashboard.
  const settled = home !== null && (home.offer !== null || home.uid !== PROMDESK_STARTER_UID);
  const resolveKey = settled ? -1 : scraped;

  useEffect(() => {
    if (!targets?.length || resolveKey < 0) return;
    let stale = false;
    (async () => {
      const setting = (await api.getSettings()).settings['home-dashboard'];
      const offers = setting ? [] : await findHostOffers(api);
      return resolveHome(api, setting, offers);
    })().then(
      (h) => {
        if (stale) return;
        setHome((prev) =>
          prev && prev.uid === h.uid && prev.offer?.instance === h.offer?.instance ? prev : h,
        );
        setHomeError(null);
      },
      (e: unknown) => !stale && setHomeError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, resolveKey, targets !== null && targets.length > 0]);

  if (error) return <ErrorNote error={error} />;
  if (targets === null) return <div className="view-loading">Loading…</div>;
  if (targets.length === 0) return <EmptyState />;

  const up = targets.filter((t) => t.health === 'up').length;
  const down = targets.filter((t) => t.health === 'down').length;
  const paused = targets.filter((t) => t.paused).length;
  const params = new URLSearchParams();
  if (home?.offer) {
    params.set('var-job', home.offer.job);
    params.set('var-instance', home.offer.instance);
  }

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
        <StarterOffers refreshKey={scraped} />
      </header>
      <ErrorNote error={homeError} />
      {home && (
        <ErrorBoundary what="Home dashboard" key={`${home.uid}|${params.toString()}`}>
          <DashboardPage uid={home.uid} params={params} />
        </ErrorBoundary>
      )}
    </div>
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
          metrics show up here live, with a dashboard for the host when it is node_exporter.
        </p>
        <a className="btn btn-primary" href="#/targets?add=1">
          + Add a scrape endpoint
        </a>
        <p className="hint">
          Already have a Prometheus config? Start with <code>promdesk serve --config prometheus.yml</code> and
          its <code>scrape_configs</code> are scraped as they are.
        </p>
      </div>
      <ExporterOffers firstStart />
    </div>
  );
}
