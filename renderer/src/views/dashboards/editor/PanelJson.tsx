// The panel as JSON in the editor (Grafana's "Panel JSON"): for what the options do not show
// (links, transformations, plugin options), applied to the draft once it reads as a panel.
import { useState } from 'react';
import type { Panel } from '../../../../../shared/dashboards/model';
import { parsePanelJson } from './panel-edit';

export function PanelJson({ panel, onChange }: { panel: Panel; onChange: (p: Panel) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset>
      <legend>Panel JSON</legend>
      {text === null ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setText(JSON.stringify(panel, null, 2))}
        >
          Edit panel JSON
        </button>
      ) : (
        <>
          <textarea
            aria-label="Panel JSON"
            rows={14}
            spellCheck={false}
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
              onClick={() => {
                const r = parsePanelJson(text, panel.id);
                if ('error' in r) return setError(r.error);
                setError(null);
                setText(null);
                onChange(r.panel);
              }}
            >
              Apply panel JSON
            </button>
            <button type="button" className="btn btn-small" onClick={() => (setText(null), setError(null))}>
              Cancel
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
