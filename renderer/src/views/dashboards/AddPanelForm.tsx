// Adds a panel (title, type, one PromQL query) at the bottom of a dashboard and saves it: the
// first step of building a dashboard in the UI (the full panel editor comes later).
import { useState } from 'react';
import type { Dashboard, Panel } from '../../../../shared/dashboards/model';
import { newPanel, PANEL_TYPES } from './dashboard-edit';

export function AddPanelForm({
  dashboard,
  onSave,
}: {
  dashboard: Dashboard;
  onSave: (d: Dashboard) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<string>('timeseries');
  const [expr, setExpr] = useState('');
  if (!open)
    return (
      <div className="dash-toolbar">
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Add panel
        </button>
      </div>
    );
  const submit = async () => {
    const panel: Panel = newPanel(dashboard, { title: title.trim() || 'Panel', type, expr: expr.trim() });
    await onSave({ ...dashboard, panels: [...dashboard.panels, panel] });
    setOpen(false);
    setTitle('');
    setExpr('');
  };
  return (
    <form
      className="dash-add-panel card"
      aria-label="Add panel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {PANEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Query
        <input value={expr} onChange={(e) => setExpr(e.target.value)} placeholder="PromQL, e.g. up" />
      </label>
      <button type="submit" className="btn btn-primary btn-small">
        Save panel
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
