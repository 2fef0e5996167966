// A dashboard at /d/<uid>/<slug>?from=...&to=...&var-x=...&refresh=...: its time range, variables
// and panels. The range and variables live in the URL (replaced as they change), so the address
// is always a link to what is shown; `refresh` re-runs the visible panels' queries on that period.
// `editPanel=<id>` opens the panel editor, `editview=settings` the dashboard's settings; what they
// change stays in the page, unsaved (the Save button lit), until saved (ctrl+s / cmd+s).
// A provisioned dashboard (its file is the truth) or one saved with `editable: false` is read-only
// as in Grafana: no Save, no Add panel, a fixed layout; "Save as copy" is the way to change it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { isRowPanel, type Dashboard } from '../../../../shared/dashboards/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { parseDuration } from '../../lib/time-range';
import { DashboardGrid } from './DashboardGrid';
import { newPanel } from './dashboard-edit';
import { DashboardSettings } from './editor/DashboardSettings';
import { dashboardKey } from './editor/keyboard';
import { PanelEditor } from './editor/PanelEditor';
import { editPanelId, findPanel, removePanel, replacePanel } from './editor/panel-edit';
import { dashboardHref, navigateTo } from './dash-location';
import { DashboardActions } from './DashboardActions';
import { endsAtNow, useDashboardInteraction } from './dash-interaction';
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
  // The file a provisioned dashboard comes from; null when it is not (or not known yet).
  const [provisioned, setProvisioned] = useState<string | null>(null);
  const [vars, setVars] = useState<ResolvedVariable[] | null>(null);
  const [scrapeMs, setScrapeMs] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  // A panel made by "Add panel" and not applied yet: Discard removes it again.
  const [addedId, setAddedId] = useState<number | null>(null);
  const hovered = useRef<number | null>(null);

  useEffect(() => {
    let stale = false;
    setDash(null);
    setDirty(false);
    setLoadError(null);
    setProvisioned(null);
    api.listDashboards().then(
      (l) => !stale && setProvisioned(l.find((d) => d.uid === uid)?.provisioned ?? null),
      () => {},
    );
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
  // A range ending at now is followed by pushed points (panel-live.ts): polling is for the others.
  const live = endsAtNow(range);
  useEffect(() => {
    if (!refreshMs || refreshMs < 1000 || live) return;
    const t = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(t);
  }, [refreshMs, live]);
  useDashboardInteraction({
    uid,
    title: dash?.title ?? uid,
    params,
    range,
    graphTooltip: dash?.graphTooltip,
    refresh: () => setTick((n) => n + 1),
  });

  const ctxKey = `${range.from}|${range.to}|${JSON.stringify(vars?.map((v) => v.value) ?? null)}|${scrapeMs}|${tick}`;
  const ctx = useMemo<QueryContext | null>(() => {
    if (!vars || scrapeMs === null) return null;
    const { startMs, endMs } = resolveDashRange(range, Date.now());
    return { vars: variableMap(vars), startMs, endMs, scrapeMs, live };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctxKey]);

  const setParams = (change: (p: URLSearchParams) => void, push = false) => {
    const p = new URLSearchParams(params);
    change(p);
    navigateTo(dashboardHref(uid, dash?.title ?? uid, p), !push);
  };

  const save = async (next: Dashboard) => {
    setSaveError(null);
    setSaving(true);
    try {
      await api.putDashboard(next);
      setDash(next);
      setDirty(false);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const readOnly = provisioned !== null || dash?.editable === false;
  /** A change kept in the page, not saved yet. */
  const edit = (next: Dashboard) => {
    setDash(next);
    setDirty(true);
  };

  const editParam = params.get('editPanel');
  const editId = editPanelId(editParam);
  const found = editId !== null && dash ? findPanel(dash, editId) : undefined;
  // A row is not a panel to edit (its title is edited on the grid).
  const editing = found && !isRowPanel(found) ? found : undefined;
  const editview = params.get('editview');
  const openEditor = (id: number) =>
    setParams((p) => (p.delete('editview'), p.set('editPanel', String(id))), true);
  const closeEditor = () => setParams((p) => (p.delete('editPanel'), p.delete('editview')));

  // Keys on the dashboard itself (the editor has its own): e, Esc, ctrl+s / cmd+s.
  const keys = useRef({ save: () => {}, edit: () => {}, escape: () => {} });
  keys.current = {
    save: () => dash && !readOnly && void save(dash),
    edit: () => hovered.current !== null && openEditor(hovered.current),
    escape: () => editview && closeEditor(),
  };
  const inEditor = editing !== undefined;
  useEffect(() => {
    if (inEditor) return;
    const onKey = (e: KeyboardEvent) => {
      const k = dashboardKey(e);
      if (!k) return;
      if (k === 'save') e.preventDefault();
      keys.current[k]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inEditor]);

  const addPanel = () => {
    if (!dash) return;
    const panel = newPanel(dash, { title: 'New panel', type: 'timeseries', expr: '' });
    edit({ ...dash, panels: [...dash.panels, panel] });
    setAddedId(panel.id);
    openEditor(panel.id);
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
        <DashboardActions dash={dash} provisioned={provisioned} />
        {!readOnly && (
          <button
            type="button"
            className={`btn btn-small${dirty ? ' btn-primary' : ''}`}
            disabled={saving}
            title={dirty ? 'Unsaved changes (ctrl+s)' : 'Saved'}
            onClick={() => void save(dash)}
          >
            {saving ? 'Saving…' : dirty ? 'Save dashboard' : 'Saved'}
          </button>
        )}
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
      {editing ? (
        <PanelEditor
          key={editing.id}
          panel={editing}
          variables={(dash.templating?.list ?? []).map((v) => v.name)}
          ctx={ctx}
          ctxKey={ctxKey}
          saving={saving}
          saveError={saveError}
          onApply={(p) => {
            if (p !== editing) edit(replacePanel(dash, p));
            setAddedId(null);
            closeEditor();
          }}
          onDiscard={() => {
            if (addedId === editing.id) setDash(removePanel(dash, editing.id));
            setAddedId(null);
            closeEditor();
          }}
          onSave={(p) => {
            setAddedId(null);
            void save(replacePanel(dash, p));
          }}
        />
      ) : editview === 'settings' ? (
        <DashboardSettings
          dashboard={dash}
          range={ctx ?? { ...resolveDashRange(range, Date.now()), scrapeMs: scrapeMs ?? DEFAULT_SCRAPE_MS }}
          dirty={dirty}
          saving={saving}
          saveError={saveError}
          onChange={edit}
          onJsonApplied={(d) => {
            setDash(d);
            setDirty(false);
            if (d.uid !== uid) navigateTo(dashboardHref(d.uid, d.title));
          }}
          onBack={closeEditor}
          onSave={() => void save(dash)}
        />
      ) : (
        <>
          <div className="dash-toolbar">
            {!readOnly && (
              <button type="button" className="btn btn-small" onClick={addPanel}>
                Add panel
              </button>
            )}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setParams((p) => (p.delete('editPanel'), p.set('editview', 'settings')), true)}
            >
              Settings
            </button>
            {editParam !== null && (
              <span className="field-error" role="alert">
                {found ? `Panel ${editParam} is a row.` : `Panel ${editParam} is not in this dashboard.`}
              </span>
            )}
          </div>
          {saveError && (
            <p className="field-error" role="alert">
              {saveError}
            </p>
          )}
          {dash.panels.length === 0 && (
            <p className="muted">
              This dashboard has no panels yet{readOnly ? '.' : ': add a panel, or a row to group panels in.'}
            </p>
          )}
          {/* An empty editable dashboard still gets the grid: its footer offers Add row. */}
          {(dash.panels.length > 0 || !readOnly) && (
            <div
              className="dash-grid-host"
              onMouseOver={(e) => {
                const id = (e.target as Element).closest('[data-panel-id]')?.getAttribute('data-panel-id');
                hovered.current = id ? Number(id) : null;
              }}
              onMouseLeave={() => (hovered.current = null)}
            >
              <DashboardGrid
                key={dash.uid}
                panels={dash.panels}
                ctx={ctx}
                ctxKey={ctxKey}
                onChange={readOnly ? undefined : (panels) => save({ ...dash, panels })}
                onUndo={
                  readOnly
                    ? undefined
                    : () =>
                        void api
                          .undoDashboardChange(dash.uid)
                          .then(() => api.getDashboard(dash.uid))
                          .then(setDash, (e: unknown) => setSaveError(errorMessage(e)))
                }
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}
