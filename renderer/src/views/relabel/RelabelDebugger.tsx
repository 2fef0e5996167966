// The relabel debugger, as a dialog: a label set and relabel rules (YAML), and each rule's step
// with the labels after it, the dropping rule highlighted and what the target becomes. Opened on
// a target (its discovered labels and its rules), a dropped target, the target editor's target,
// or empty; every edit runs the engine's debugRelabel again (the same code that relabels targets).
import { useEffect, useRef, useState } from 'react';
import type { LabelSet, RelabelDebugRequest, RelabelDebugResult } from '../../../../shared/api';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { errorMessage } from '../../lib/error-message';
import { LabelSetEditor } from './LabelSetEditor';
import { StepsTable } from './StepsTable';
import './relabel.css';

/** How long typing pauses before the steps are worked out again. */
const RERUN_MS = 250;

export function RelabelDebugger({
  request,
  title,
  onClose,
  onUseRules,
}: {
  request: RelabelDebugRequest;
  title: string;
  onClose: () => void;
  /** The target editor takes the rules back into its relabel_configs field. */
  onUseRules?: (rules: string) => void;
}) {
  const api = useApi();
  const [start, setStart] = useState<{ labels: LabelSet; rules: string } | null>(null);
  const [labels, setLabels] = useState<LabelSet | null>(null);
  const [rules, setRules] = useState('');
  const [edited, setEdited] = useState(false);
  const [result, setResult] = useState<RelabelDebugResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    api.debugRelabel(request).then(
      (r) => {
        setStart({ labels: r.labels, rules: r.rules });
        setLabels(r.labels);
        setRules(r.rules);
        setResult(r);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
    // Opened once per request: the dialog is remounted for another.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  useEffect(() => {
    if (!edited || labels === null) return;
    const n = ++seq.current;
    const timer = setTimeout(() => {
      api.debugRelabel({ labels, rules }).then(
        (r) => {
          if (n !== seq.current) return;
          setResult(r);
          setError(null);
        },
        (e: unknown) => n === seq.current && setError(errorMessage(e)),
      );
    }, RERUN_MS);
    return () => clearTimeout(timer);
  }, [api, edited, labels, rules]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const ruleError = result?.error ?? null;
  return (
    <div className="relabel-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="card relabel-dialog" role="dialog" aria-modal="true" aria-label="Relabel debugger">
        <header className="relabel-header">
          <h2>Relabel debugger</h2>
          <span className="muted relabel-title">{title}</span>
          <div className="spacer" />
          <button type="button" className="btn-icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <ErrorNote error={error} />
        {start === null && !error && <div className="view-loading">Loading…</div>}
        {start !== null && (
          <div className="relabel-body">
            <div className="relabel-inputs">
              <LabelSetEditor
                initial={start.labels}
                onChange={(l) => {
                  setLabels(l);
                  setEdited(true);
                }}
              />
              <label className="field relabel-rules">
                <span>relabel_configs (YAML list)</span>
                <textarea
                  className="mono"
                  aria-label="Relabel rules"
                  spellCheck={false}
                  rows={12}
                  placeholder={'- source_labels: [__address__]\n  target_label: __param_target'}
                  value={rules}
                  onChange={(e) => {
                    setRules(e.target.value);
                    setEdited(true);
                  }}
                />
              </label>
              {ruleError && (
                <p className="error-text relabel-rules-error" role="alert">
                  {ruleError.rule !== null ? `Rule ${ruleError.rule + 1}, ` : ''}line {ruleError.line},{' '}
                  {ruleError.key}: {ruleError.message}
                </p>
              )}
              {onUseRules && (
                <button type="button" className="btn btn-small" onClick={() => onUseRules(rules)}>
                  Use these rules for the target
                </button>
              )}
            </div>
            {result && labels !== null && <StepsTable result={result} />}
          </div>
        )}
      </div>
    </div>
  );
}
