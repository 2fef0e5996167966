// A dashboard at /d/<uid>/<slug>?from=...&to=...&var-x=...&refresh=...: its time range, variables
// and panels. The range and variables live in the URL (replaced as they change), so the address
// is always a link to what is shown; `refresh` re-runs the visible panels' queries on that period.
import { useEffect, useMemo, useState } from 'react';
import type { Dashboard } from '../../../../shared/dashboards/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { parseDuration } from '../../lib/time-range';
import { AddPanelForm } from './AddPanelForm';
import { DashboardGrid } from './DashboardGrid';
import { dashboardHref, navigateTo } from './dash-location';
import { resolveDashRange, type DashRange } from './dash-time';
import type { QueryContext } from './panel-data';
import { TimePicker } from './TimePicker';
import { variableMap } from '../../../../shared/dashboards/templating/resolve';
import { resolveDashboardVariables, type ResolvedVariable } from './variables';
import { VariablesBar } from './VariablesBar';

const DEFAULT_SCRAPE_MS = 15_000;
const REFRESH_CHOICES = ['', '5s', '10s', '30s', '1m', '5m', '15m'];

export function DashboardPage({ uid, params }: { uid: string; params: URLSearchParams }) {
  const api = useApi();
  const [dash, setDash] = useState<Dashboard | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [vars, setVars] = useState<ResolvedVariable[] | null>(null);
  const [scrapeMs, setScrapeMs] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    setDash(null);
    setLoadError(null);
    api.getDashboard(uid).then(
      (d) => !stale && setDash(d),
      (e: unknown) => !stale && setLoadError(errorMessage(e)),
    );
    api.listTargets().then(
      (ts) => {
        const ms = ts.map((t) => t.input.intervalMs).filter((n) => n > 0);
        if (!stale) setScrapeMs(ms.length ? Math.min(...ms) : DEFAULT_SCRAPE_MS);
      },
      () => !stale && setScrapeMs(DEFAULT_SCRAPE_MS),
    );
    return () => {
      stale = true;
    };
  }, [api, uid]);

  const range: DashRange = {
    from: params.get('from') ?? dash?.time?.from ?? 'now-6h',
    to: params.get('to') ?? dash?.time?.to ?? 'now',
  };
  const refresh = params.get('refresh') ?? (typeof dash?.refresh === 'string' ? dash.refresh : '');
  const varParams = [...params].filter(([k]) => k.startsWith('var-'));
  const varKey = JSON.stringify(varParams);

  // Variables resolve once the dashboard is here, and again when one changes in the URL.
  useEffect(() => {
    if (!dash || scrapeMs === null) return;
    let stale = false;
    const list = dash.templating?.list ?? [];
    const win = resolveDashRange(range, Date.now());
    resolveDashboardVariables(api, list, new URLSearchParams(varParams), win, scrapeMs).then(
      (r) => !stale && setVars(r),
      (e: unknown) => !stale && setLoadError(`variables: ${errorMessage(e)}`),
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, dash, varKey, scrapeMs]);

  const refreshMs = refresh ? parseDuration(refresh) : null;
  useEffect(() => {
    if (!refreshMs || refreshMs < 1000) return;
    const t = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(t);
  }, [refreshMs]);

  const ctxKey = `${range.from}|${range.to}|${JSON.stringify(vars?.map((v) => v.value) ?? null)}|${scrapeMs}|${tick}`;
  const ctx = useMemo<QueryContext | null>(() => {
    if (!vars || scrapeMs === null) return null;
    const { startMs, endMs } = resolveDashRange(range, Date.now());
    return { vars: variableMap(vars), startMs, endMs, scrapeMs };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctxKey]);

  const setParams = (change: (p: URLSearchParams) => void) => {
    const p = new URLSearchParams(params);
    change(p);
    navigateTo(dashboardHref(uid, dash?.title ?? uid, p), true);
  };

  const save = async (next: Dashboard) => {
    setSaveError(null);
    try {
      await api.putDashboard(next);
      setDash(next);
    } catch (e) {
      setSaveError(errorMessage(e));
    }
  };

  if (loadError)
    return (
      <div className="view dashboard">
        <header className="view-header">
          <h1>Dashboard {uid}</h1>
        </header>
        <p className="field-error" role="alert">
          {loadError}
        </p>
        <a href="/#/dashboards">All dashboards</a>
      </div>
    );
  if (!dash)
    return (
      <div className="view dashboard">
        <p className="muted">Loading dashboard…</p>
      </div>
    );

  return (
    <div className="view dashboard">
      <header className="view-header dash-header">
        <a className="btn-link" href="/#/dashboards">
          Dashboards
        </a>
        <span aria-hidden="true">/</span>
        <h1>{dash.title}</h1>
        <div className="spacer" />
        <TimePicker
          range={range}
          onChange={(r) => setParams((p) => (p.set('from', r.from), p.set('to', r.to)))}
        />
        <select
          aria-label="Refresh"
          value={refresh}
          onChange={(e) =>
            setParams((p) => (e.target.value ? p.set('refresh', e.target.value) : p.delete('refresh')))
          }
        >
          {REFRESH_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r ? `every ${r}` : 'no refresh'}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-small" onClick={() => setTick((n) => n + 1)}>
          Refresh
        </button>
      </header>
      {vars && (
        <VariablesBar
          variables={vars}
          onChange={(name, values) =>
            setParams((p) => {
              p.delete(`var-${name}`);
              for (const v of values) p.append(`var-${name}`, v);
            })
          }
        />
      )}
      <AddPanelForm dashboard={dash} onSave={save} />
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
      {dash.panels.length === 0 ? (
        <p className="muted">This dashboard has no panels yet.</p>
      ) : (
        <DashboardGrid key={dash.uid} panels={dash.panels} ctx={ctx} ctxKey={ctxKey} />
      )}
    </div>
  );
}
