// The panel editor, laid out as Grafana's: a live preview of the panel on top (the dashboard's
// own PanelView, so what is seen here is what the dashboard draws), its queries below and its
// options on the right. It edits a draft: Apply hands it to the dashboard (unsaved), Discard
// drops it, Save (or ctrl+s / cmd+s) applies and saves the dashboard, Esc leaves keeping the
// draft in the dashboard unsaved (its Save button then lit).
import { useEffect, useRef, useState } from 'react';
import type { Panel } from '../../../../../shared/dashboards/model';
import type { QueryContext } from '../panel-data';
import { PanelView } from '../PanelView';
import { dashboardKey } from './keyboard';
import { OptionsPane } from './OptionsPane';
import { editablePanel, queryKey } from './panel-edit';
import { QueriesEditor } from './QueriesEditor';

/** The draft with the query fields of the last run, so typing does not query on every key. */
function previewOf(draft: Panel, ran: Panel): Panel {
  return {
    ...draft,
    targets: ran.targets,
    maxDataPoints: ran.maxDataPoints,
    interval: ran.interval,
    timeFrom: ran.timeFrom,
    timeShift: ran.timeShift,
  };
}

export function PanelEditor({
  panel,
  variables,
  ctx,
  ctxKey,
  saving,
  saveError,
  onApply,
  onDiscard,
  onSave,
}: {
  panel: Panel;
  /** The dashboard's variable names (repeat options). */
  variables: readonly string[];
  ctx: QueryContext | null;
  ctxKey: string;
  saving: boolean;
  saveError: string | null;
  /** Leave the editor with this panel in the dashboard (unsaved). */
  onApply: (p: Panel) => void;
  onDiscard: () => void;
  /** Put this panel in the dashboard and save it; the editor stays open. */
  onSave: (p: Panel) => void;
}) {
  const [draft, setDraft] = useState(() => editablePanel(panel));
  const [ran, setRan] = useState(draft);
  const latest = useRef(draft);
  latest.current = draft;
  const changed = draft !== panel;

  const update = (p: Panel, run: boolean) => {
    latest.current = p;
    setDraft(p);
    if (run) setRan(p);
  };
  const run = () => setRan(latest.current);

  const handlers = useRef({ onApply, onSave });
  handlers.current = { onApply, onSave };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = dashboardKey(e);
      if (k === 'save') {
        e.preventDefault();
        handlers.current.onSave(latest.current);
      } else if (k === 'escape' && !e.defaultPrevented) {
        handlers.current.onApply(latest.current);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const preview = previewOf(draft, ran);
  return (
    <div className="panel-editor" role="region" aria-label="Edit panel">
      <div className="pe-toolbar">
        <h2>Edit panel{draft.title ? `: ${draft.title}` : ''}</h2>
        <div className="spacer" />
        {saveError && (
          <span className="field-error" role="alert">
            {saveError}
          </span>
        )}
        <button type="button" className="btn btn-small" onClick={onDiscard}>
          Discard
        </button>
        <button type="button" className="btn btn-small" onClick={() => onApply(latest.current)}>
          Apply
        </button>
        <button
          type="button"
          className={`btn btn-small${changed ? ' btn-primary' : ''}`}
          disabled={saving}
          onClick={() => onSave(latest.current)}
        >
          {saving ? 'Saving…' : 'Save dashboard'}
        </button>
      </div>
      <div className="pe-body">
        <div className="pe-main">
          <div className="pe-preview" aria-label="Preview">
            <PanelView
              panel={preview}
              ctx={ctx}
              ctxKey={`${ctxKey}|${queryKey(preview)}`}
              style={{ height: '100%' }}
            />
          </div>
          <QueriesEditor panel={draft} onChange={update} onRun={run} />
        </div>
        <OptionsPane
          panel={draft}
          variables={variables}
          onChange={(p) => update(p, queryKey(p) !== queryKey(draft))}
        />
      </div>
    </div>
  );
}
