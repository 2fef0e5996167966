// The target editor's relabeling: relabel_configs and metric_relabel_configs as YAML, what the
// rules make of the target as it is typed (its scrape URL and labels, or that they drop it, which
// the engine refuses to save), and the debugger opened on the target's labels.
import { useEffect, useState } from 'react';
import type { RelabelDebugResult, TargetInput } from '../../../../shared/api';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import { RelabelDebugger } from './RelabelDebugger';
import './relabel.css';

export interface RelabelFormState {
  relabelConfigs: string;
  metricRelabelConfigs: string;
}

export function RelabelFields({
  value,
  onChange,
  input,
}: {
  value: RelabelFormState;
  onChange: (patch: Partial<RelabelFormState>) => void;
  /** The target as the form now gives it (null while the form has errors). */
  input: TargetInput | null;
}) {
  const api = useApi();
  const [debugging, setDebugging] = useState<TargetInput | null>(null);
  const [preview, setPreview] = useState<RelabelDebugResult | string | null>(null);
  const key = input && value.relabelConfigs.trim() !== '' ? JSON.stringify(input) : null;

  useEffect(() => {
    if (key === null) {
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.debugRelabel({ target: JSON.parse(key) as TargetInput }).then(
        (r) => live && setPreview(r),
        (e: unknown) => live && setPreview(errorMessage(e)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  return (
    <fieldset className="fieldset relabel-fields">
      <legend>Relabeling</legend>
      <label className="field">
        <span>
          relabel_configs{' '}
          <span className="muted">
            — run on the target's labels (__address__, __scheme__, __metrics_path__, __param_*) when it is
            saved
          </span>
        </span>
        <textarea
          className="mono"
          aria-label="relabel_configs"
          spellCheck={false}
          rows={4}
          value={value.relabelConfigs}
          placeholder={'- source_labels: [__address__]\n  target_label: __param_target'}
          onChange={(e) => onChange({ relabelConfigs: e.target.value })}
        />
      </label>
      <RelabelPreview preview={preview} />
      <label className="field">
        <span>
          metric_relabel_configs{' '}
          <span className="muted">— run on each scraped series before it is stored</span>
        </span>
        <textarea
          className="mono"
          aria-label="metric_relabel_configs"
          spellCheck={false}
          rows={3}
          value={value.metricRelabelConfigs}
          placeholder={'- source_labels: [__name__]\n  regex: go_.*\n  action: drop'}
          onChange={(e) => onChange({ metricRelabelConfigs: e.target.value })}
        />
      </label>
      <button
        type="button"
        className="btn btn-small"
        disabled={input === null}
        title={input === null ? 'Fix the form first' : "Each rule's step on this target's labels"}
        onClick={() => input && setDebugging({ ...input, relabelConfigs: value.relabelConfigs })}
      >
        Debug relabeling…
      </button>
      {debugging && (
        <RelabelDebugger
          request={{ target: debugging }}
          title={debugging.url}
          onClose={() => setDebugging(null)}
          onUseRules={(rules) => {
            onChange({ relabelConfigs: rules });
            setDebugging(null);
          }}
        />
      )}
    </fieldset>
  );
}

function RelabelPreview({ preview }: { preview: RelabelDebugResult | string | null }) {
  if (preview === null) return null;
  if (typeof preview === 'string') return <p className="error-text small">{preview}</p>;
  const e = preview.error;
  if (e)
    return (
      <p className="error-text small" role="alert">
        {e.rule !== null ? `Rule ${e.rule + 1}, ` : ''}line {e.line}, {e.key}: {e.message}
      </p>
    );
  const o = preview.outcome;
  if (o?.kind === 'dropped')
    return (
      <p className="relabel-outcome-dropped small" role="alert">
        Rule {(preview.droppedBy ?? 0) + 1} ({preview.steps[preview.droppedBy ?? 0]?.action}) drops this
        target: it would never be scraped, so it cannot be saved.
      </p>
    );
  if (o?.kind === 'failed')
    return (
      <p className="error-text small" role="alert">
        After relabeling the target is not usable: {o.error}
      </p>
    );
  if (o?.kind !== 'active') return null;
  const labels = Object.entries(o.labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return (
    <p className="muted small relabel-preview">
      Scraped as <code>{o.scrapeUrl}</code> with {'{'}
      {labels}
      {'}'}
    </p>
  );
}
