// The Dashboards list: search by title, filter by tag and starred; create, import (paste Grafana
// JSON), export (download Grafana JSON), duplicate, delete, star, and undo a dashboard's last
// change; the starter dashboards offered for the hosts scraped. A title opens /d/<uid>/<slug>.
// Provisioned dashboards (--dashboards) say so and cannot be deleted here.
import { useCallback, useEffect, useState } from 'react';
import type {
  DashboardProvisioning,
  DashboardSummary,
  ImportReport,
} from '../../../../shared/dashboards/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { newDashboard } from './dashboard-edit';
import { dashboardHref, navigateTo } from './dash-location';
import { downloadText, exportFileName } from './download';
import { StarterOffers } from './StarterOffers';

export function DashboardsView() {
  const api = useApi();
  const [list, setList] = useState<DashboardSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [starredOnly, setStarredOnly] = useState(false);
  const [newTitle, setNewTitle] = useState('');
  const [importText, setImportText] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [provisioning, setProvisioning] = useState<DashboardProvisioning | null>(null);
  useEffect(() => {
    api.dashboardProvisioning().then(setProvisioning, () => {});
  }, [api]);

  const reload = useCallback(() => {
    api.listDashboards().then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  useEffect(reload, [reload]);

  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
    reload();
  };
  const open = (d: { uid: string; title: string }) => navigateTo(dashboardHref(d.uid, d.title));

  const create = async () => {
    const d = newDashboard(newTitle.trim() || 'New dashboard');
    try {
      await api.putDashboard(d);
      open(d);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const q = search.trim().toLowerCase();
  const shown = (list ?? []).filter(
    (d) =>
      (!q || d.title.toLowerCase().includes(q) || d.tags.some((t) => t.toLowerCase().includes(q))) &&
      (!tag || d.tags.includes(tag)) &&
      (!starredOnly || d.starred),
  );
  const tags = [...new Set((list ?? []).flatMap((d) => d.tags))].sort();

  return (
    <div className="view dashboards">
      <header className="view-header">
        <h1>Dashboards</h1>
        <div className="spacer" />
        <form
          className="dash-create"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <input
            aria-label="New dashboard title"
            placeholder="New dashboard title"
            value={newTitle}
            onChange={(e) => setNewTitle(e.target.value)}
          />
          <button type="submit" className="btn btn-primary btn-small">
            New dashboard
          </button>
        </form>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setImportText((t) => (t === null ? '' : null))}
        >
          Import
        </button>
      </header>
      <StarterOffers />
      {provisioning && provisioning.problems.length > 0 && (
        <div className="card dash-report" role="alert">
          Provisioning from <code>{provisioning.dir}</code>: {provisioning.problems.length} file
          {provisioning.problems.length === 1 ? '' : 's'} could not be imported.
          <ul>
            {provisioning.problems.map((p) => (
              <li key={p.file}>
                <code>{p.file}</code>: {p.error}
              </li>
            ))}
          </ul>
        </div>
      )}
      {importText !== null && (
        <div className="card dash-import">
          <label>
            Grafana dashboard JSON
            <textarea rows={8} value={importText} onChange={(e) => setImportText(e.target.value)} />
          </label>
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() =>
              void act(async () => {
                setReport(await api.importDashboard(importText));
                setImportText(null);
              })
            }
          >
            Import
          </button>
        </div>
      )}
      {report && (
        <div className="card dash-report" role="status">
          Imported <a href={dashboardHref(report.uid, report.title)}>{report.title}</a> ({report.panels}{' '}
          panels).
          {report.unsupported.length === 0 ? (
            ' Everything was carried over.'
          ) : (
            <ul>
              {report.unsupported.map((u, i) => (
                <li key={i}>
                  {u.panel}: {u.item} — {u.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dash-filters">
        <input
          type="search"
          aria-label="Search dashboards"
          placeholder="Search by title or tag"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly(e.target.checked)} />{' '}
          Starred
        </label>
        {tags.map((t) => (
          <button
            key={t}
            type="button"
            className={`tag${tag === t ? ' on' : ''}`}
            aria-pressed={tag === t}
            onClick={() => setTag(tag === t ? null : t)}
          >
            {t}
          </button>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p className="muted">Loading…</p>}
      {list !== null && shown.length === 0 && (
        <p className="muted">
          {list.length === 0
            ? 'No dashboards yet: create one or import Grafana JSON.'
            : 'No dashboard matches.'}
        </p>
      )}
      <ul className="dash-list">
        {shown.map((d) => (
          <li key={d.uid} data-dashboard-uid={d.uid}>
            <button
              type="button"
              className={`star${d.starred ? ' on' : ''}`}
              aria-label={d.starred ? `Unstar ${d.title}` : `Star ${d.title}`}
              aria-pressed={d.starred}
              onClick={() => void act(() => api.starDashboard(d.uid, !d.starred))}
            >
              {d.starred ? '★' : '☆'}
            </button>
            <a
              href={dashboardHref(d.uid, d.title)}
              onClick={(e) => {
                e.preventDefault();
                open(d);
              }}
            >
              {d.title}
            </a>
            <span className="muted">{d.panels} panels</span>
            {d.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
            {d.provisioned && (
              <span className="tag" title={`Provisioned from ${d.provisioned}: save a copy to edit it`}>
                provisioned
              </span>
            )}
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void act(async () =>
                  downloadText(exportFileName(d.title, d.uid), await api.exportDashboard(d.uid)),
                )
              }
            >
              Export
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void act(() => api.duplicateDashboard(d.uid))}
            >
              Duplicate
            </button>
            {d.canUndo && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void act(() => api.undoDashboardChange(d.uid))}
              >
                Undo last change
              </button>
            )}
            {!d.provisioned && (
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => {
                  if (confirm(`Delete the dashboard "${d.title}"?`))
                    void act(() => api.deleteDashboard(d.uid));
                }}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
