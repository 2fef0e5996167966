// Dashboard settings (`?editview=settings`, as Grafana's): General (title, description, tags,
// time zone, default range and refresh, graph tooltip, editable), Variables (list, add, edit,
// reorder, delete) and the JSON model (edited and applied through the engine's put, whose error
// is shown). General and Variables change the dashboard at once, unsaved until Save.
import { useState } from 'react';
import type { Dashboard, Variable } from '../../../../../shared/dashboards/model';
import { variableQueryText } from '../../../../../shared/dashboards/templating/variable-query';
import { useApi } from '../../../api-context';
import { errorMessage } from '../../../lib/error-message';
import { CommitInput } from './CommitInput';
import { moveItem, removeAt } from './panel-edit';
import { VariableEditor } from './VariableEditor';
import { newVariable, parseTags, VARIABLE_KINDS, type VariableKind } from './variable-edit';

type Tab = 'general' | 'variables' | 'json';
const REFRESHES = ['', '5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h'];

function General({ d, onChange }: { d: Dashboard; onChange: (d: Dashboard) => void }) {
  return (
    <div className="pe-settings-general">
      <label className="pe-field">
        <span>Title</span>
        <CommitInput
          aria-label="Dashboard title"
          value={d.title}
          onCommit={(title) => title.trim() && onChange({ ...d, title: title.trim() })}
        />
      </label>
      <label className="pe-field">
        <span>Description</span>
        <CommitInput
          aria-label="Dashboard description"
          value={d.description ?? ''}
          onCommit={(t) => onChange({ ...d, description: t || undefined })}
        />
      </label>
      <label className="pe-field">
        <span>Tags (comma-separated)</span>
        <CommitInput
          aria-label="Tags"
          value={d.tags.join(', ')}
          onCommit={(t) => onChange({ ...d, tags: parseTags(t) })}
        />
      </label>
      <label className="pe-field">
        <span>Time zone</span>
        <select
          aria-label="Time zone"
          value={d.timezone ?? ''}
          onChange={(e) => onChange({ ...d, timezone: e.target.value })}
        >
          <option value="">Default (browser)</option>
          <option value="browser">Browser time</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      <div className="pe-row pe-wrap">
        <label className="pe-field">
          <span>Default range from</span>
          <CommitInput
            aria-label="Default from"
            value={d.time.from}
            onCommit={(from) => from.trim() && onChange({ ...d, time: { ...d.time, from: from.trim() } })}
          />
        </label>
        <label className="pe-field">
          <span>to</span>
          <CommitInput
            aria-label="Default to"
            value={d.time.to}
            onCommit={(to) => to.trim() && onChange({ ...d, time: { ...d.time, to: to.trim() } })}
          />
        </label>
        <label className="pe-field">
          <span>Default refresh</span>
          <select
            aria-label="Default refresh"
            value={typeof d.refresh === 'string' ? d.refresh : ''}
            onChange={(e) => onChange({ ...d, refresh: e.target.value })}
          >
            {REFRESHES.map((r) => (
              <option key={r} value={r}>
                {r || 'Off'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="pe-field">
        <span>Graph tooltip</span>
        <select
          aria-label="Graph tooltip"
          value={String(d.graphTooltip ?? 0)}
          onChange={(e) => onChange({ ...d, graphTooltip: Number(e.target.value) })}
        >
          <option value="0">Default</option>
          <option value="1">Shared crosshair</option>
          <option value="2">Shared tooltip</option>
        </select>
      </label>
      <label className="pe-inline">
        <input
          type="checkbox"
          checked={d.editable !== false}
          onChange={(e) => onChange({ ...d, editable: e.target.checked })}
        />
        Editable
      </label>
    </div>
  );
}

function Variables({
  d,
  range,
  onChange,
}: {
  d: Dashboard;
  range: { startMs: number; endMs: number; scrapeMs: number };
  onChange: (d: Dashboard) => void;
}) {
  const list = d.templating?.list ?? [];
  const [editing, setEditing] = useState<number | null>(null);
  const [kind, setKind] = useState<VariableKind>('query');
  const setList = (l: Variable[]) => onChange({ ...d, templating: { ...d.templating, list: l } });
  return (
    <div className="pe-settings-variables">
      {list.length === 0 ? (
        <p className="muted">
          No variables yet. A variable makes a dashboard interactive: $name in queries and titles.
        </p>
      ) : (
        <table className="pe-var-table">
          <thead>
            <tr>
              <th>Variable</th>
              <th>Type</th>
              <th>Definition</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((v, i) => (
              <tr key={i} data-variable-row={v.name} className={editing === i ? 'on' : undefined}>
                <td>
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => setEditing(editing === i ? null : i)}
                  >
                    ${v.name}
                  </button>
                </td>
                <td>{v.type}</td>
                <td className="muted">{variableQueryText(v.query)}</td>
                <td className="pe-row">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Move ${v.name} up`}
                    disabled={i === 0}
                    onClick={() => (setList(moveItem(list, i, -1)), setEditing(null))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Move ${v.name} down`}
                    disabled={i === list.length - 1}
                    onClick={() => (setList(moveItem(list, i, 1)), setEditing(null))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Delete ${v.name}`}
                    onClick={() => (setList(removeAt(list, i)), setEditing(null))}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pe-row">
        <select
          aria-label="New variable type"
          value={kind}
          onChange={(e) => setKind(e.target.value as VariableKind)}
        >
          {VARIABLE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setList([...list, newVariable(kind, list)]);
            setEditing(list.length);
          }}
        >
          + New variable
        </button>
      </div>
      {editing !== null && list[editing] && (
        <VariableEditor
          list={list}
          index={editing}
          range={range}
          onChange={(v) => setList(list.map((x, j) => (j === editing ? v : x)))}
        />
      )}
    </div>
  );
}

function JsonModel({ d, onApplied }: { d: Dashboard; onApplied: (d: Dashboard) => void }) {
  const api = useApi();
  const [text, setText] = useState(() => JSON.stringify(d, null, 2));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setError(`not JSON: ${errorMessage(e)}`);
    }
    setBusy(true);
    try {
      // The engine validates (naming the JSON path of what is wrong) and saves.
      await api.putDashboard(parsed as Dashboard);
      setError(null);
      onApplied(await api.getDashboard((parsed as Dashboard).uid));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pe-settings-json">
      <p className="muted">
        The dashboard in Grafana's JSON model. Apply saves it (the engine checks it first).
      </p>
      <textarea
        aria-label="JSON model"
        spellCheck={false}
        rows={28}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="pe-row">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy}
          onClick={() => void apply()}
        >
          Apply JSON and save
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => (setText(JSON.stringify(d, null, 2)), setError(null))}
        >
          Reset
        </button>
      </div>
    </div>
  );
}

export function DashboardSettings({
  dashboard,
  range,
  dirty,
  saving,
  saveError,
  onChange,
  onJsonApplied,
  onBack,
  onSave,
}: {
  dashboard: Dashboard;
  range: { startMs: number; endMs: number; scrapeMs: number };
  dirty: boolean;
  saving: boolean;
  saveError: string | null;
  onChange: (d: Dashboard) => void;
  /** The JSON model was saved as this dashboard. */
  onJsonApplied: (d: Dashboard) => void;
  onBack: () => void;
  onSave: () => void;
}) {
  const [tab, setTab] = useState<Tab>('general');
  const tabs: [Tab, string][] = [
    ['general', 'General'],
    ['variables', 'Variables'],
    ['json', 'JSON Model'],
  ];
  return (
    <div className="dash-settings" role="region" aria-label="Dashboard settings">
      <div className="pe-toolbar">
        <h2>Settings</h2>
        <div role="tablist" className="pe-tabs">
          {tabs.map(([t, label]) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`btn btn-small${tab === t ? ' on' : ''}`}
              onClick={() => setTab(t)}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="spacer" />
        {saveError && (
          <span className="field-error" role="alert">
            {saveError}
          </span>
        )}
        <button type="button" className="btn btn-small" onClick={onBack}>
          Back to dashboard
        </button>
        <button
          type="button"
          className={`btn btn-small${dirty ? ' btn-primary' : ''}`}
          disabled={saving}
          onClick={onSave}
        >
          {saving ? 'Saving…' : 'Save dashboard'}
        </button>
      </div>
      <div role="tabpanel" aria-label={tabs.find(([t]) => t === tab)?.[1]}>
        {tab === 'general' && <General d={dashboard} onChange={onChange} />}
        {tab === 'variables' && <Variables d={dashboard} range={range} onChange={onChange} />}
        {tab === 'json' && <JsonModel d={dashboard} onApplied={onJsonApplied} />}
      </div>
    </div>
  );
}
