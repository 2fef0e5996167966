// Remote Prometheus-API servers (Prometheus, VictoriaMetrics, ...) that Explore and the PromQL
// panels can query instead of the local store: list, add, edit, test, remove.
import { useState } from 'react';
import type { DatasourceInput, DatasourceTestResult, DatasourceView } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { useDatasources } from '../hooks/useDatasources';
import { useRowAction } from '../hooks/useRowAction';
import { authSummary } from '../lib/datasource-form';
import { exploreHash, defaultExploreRange } from '../lib/explore-state';
import { DatasourceForm } from './DatasourceForm';
import { DatasourceTestNote } from './DatasourceTestNote';

type Editing = { mode: 'add' } | { mode: 'edit'; ds: DatasourceView } | null;

export function DatasourcesView() {
  const api = useApi();
  const { datasources, error, reload } = useDatasources();
  const [editing, setEditing] = useState<Editing>(null);

  const save = async (input: DatasourceInput) => {
    await api.putDatasource(input);
    setEditing(null);
    reload();
  };

  return (
    <div className="view datasources">
      <header className="view-header">
        <h1>Datasources</h1>
        <div className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEditing({ mode: 'add' })}
          disabled={!!editing}
        >
          + Add datasource
        </button>
      </header>
      <p className="hint">
        Query an existing Prometheus, VictoriaMetrics, Thanos or Mimir from Explore and the PromQL panels. The
        local store is always there as “Local (Promdesk)”.
      </p>
      <ErrorNote error={error} />
      {editing && (
        <DatasourceForm
          key={editing.mode === 'edit' ? editing.ds.id : 'new'}
          initial={editing.mode === 'edit' ? editing.ds : undefined}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {datasources === null && !error && <div className="view-loading">Loading…</div>}
      {datasources && datasources.length === 0 && !editing && (
        <div className="card empty-inline">
          <p>No remote datasources yet. Add one to chart an existing Prometheus or VictoriaMetrics.</p>
        </div>
      )}
      {datasources && datasources.length > 0 && (
        <section className="card">
          <div className="table-scroll">
            <table className="table datasources-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>URL</th>
                  <th>Auth</th>
                  <th className="actions-col" aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {datasources.map((d) => (
                  <DatasourceRow
                    key={d.id}
                    ds={d}
                    busyForm={!!editing}
                    onEdit={() => setEditing({ mode: 'edit', ds: d })}
                    onRemoved={reload}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

function DatasourceRow({
  ds,
  busyForm,
  onEdit,
  onRemoved,
}: {
  ds: DatasourceView;
  busyForm: boolean;
  onEdit: () => void;
  onRemoved: () => void;
}) {
  const api = useApi();
  const { busy, error, dismissError, run, confirmRemove, setConfirmRemove } = useRowAction();
  const [test, setTest] = useState<DatasourceTestResult | null>(null);
  // Testing a saved datasource sends its id and no secret: the engine uses the stored one.
  const input = (): DatasourceInput => ({
    id: ds.id,
    name: ds.name,
    url: ds.url,
    auth:
      ds.auth.type === 'basic'
        ? { type: 'basic', username: ds.auth.username, password: '' }
        : ds.auth.type === 'bearer'
          ? { type: 'bearer', token: '' }
          : { type: 'none' },
    tlsInsecureSkipVerify: ds.tlsInsecureSkipVerify,
    timeoutMs: ds.timeoutMs,
  });
  const explore = exploreHash({
    query: 'up',
    tab: 'graph',
    range: defaultExploreRange,
    stacked: false,
    timeMs: null,
    datasource: ds.id,
  });

  return (
    <>
      <tr>
        <td>
          <strong>{ds.name}</strong>
        </td>
        <td className="mono">{ds.url}</td>
        <td>
          {authSummary(ds)}
          {ds.tlsInsecureSkipVerify && <span className="badge">TLS not verified</span>}
        </td>
        <td className="actions">
          <a className="btn btn-small" href={explore}>
            Open in Explore
          </a>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void run(async () => setTest(await api.testDatasource(input())))}
          >
            Test
          </button>
          <button type="button" className="btn btn-small" disabled={busy || busyForm} onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className={confirmRemove ? 'btn btn-small btn-danger' : 'btn btn-small'}
            disabled={busy}
            onClick={() =>
              confirmRemove
                ? void run(async () => {
                    await api.removeDatasource(ds.id);
                    onRemoved();
                  })
                : setConfirmRemove(true)
            }
          >
            {confirmRemove ? 'Really remove?' : 'Remove'}
          </button>
        </td>
      </tr>
      {(error || test) && (
        <tr className="error-row">
          <td colSpan={4}>
            <ErrorNote error={error} onDismiss={dismissError} />
            {test && <DatasourceTestNote result={test} />}
          </td>
        </tr>
      )}
    </>
  );
}
