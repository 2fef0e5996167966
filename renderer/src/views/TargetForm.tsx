// Add or edit a scrape endpoint; "Test scrape" shows what it returns before saving.
import { useState } from 'react';
import type { TargetInput } from '../../../shared/api';
import { tcpTestListenMs } from '../../../shared/tcp-stream-listen';
import { useApi } from '../api-context';
import { AuthFields } from '../components/AuthFields';
import { FormFooter } from '../components/FormFooter';
import { TlsSkipVerifyCheck } from '../components/TlsSkipVerifyCheck';
import { useEditorActions } from '../hooks/useEditorActions';
import {
  formFromInput,
  inputFromForm,
  jobFromUrl,
  newTargetDefaults,
  type TargetFormState,
} from '../lib/target-form';
import { urlPlaceholder, type KindFormState } from '../lib/target-kinds';
import { JsonFields, KindPicker, TcpFields } from './TargetKindFields';
import { RelabelFields } from './relabel/RelabelFields';
import { TestScrapeResult } from './TestScrapeResult';

export function TargetForm({
  initial,
  title,
  onSave,
  onCancel,
}: {
  initial?: TargetInput;
  title: string;
  onSave: (input: TargetInput) => Promise<void>;
  onCancel: () => void;
}) {
  const api = useApi();
  const [f, setF] = useState<TargetFormState>(() => formFromInput(initial ?? newTargetDefaults));
  const set = <K extends keyof TargetFormState>(k: K, v: TargetFormState[K]) =>
    setF((s) => ({ ...s, [k]: v }));
  const setKind = <K extends keyof KindFormState>(k: K, v: KindFormState[K]) =>
    setF((s) => ({ ...s, [k]: v }));

  const checked = inputFromForm(f);
  const previewInput =
    (f.kind === 'json' || f.kind === 'tcp-stream') && 'input' in checked ? checked.input : null;
  const testingLabel =
    'input' in checked && checked.input.kind === 'tcp-stream'
      ? `Listening for up to ${tcpTestListenMs(checked.input.timeoutMs) / 1000} s…`
      : 'Scraping…';

  const actions = useEditorActions(
    () => inputFromForm(f),
    (input) => api.testScrape(input),
    onSave,
  );

  return (
    <form
      className="card target-form"
      onSubmit={(e) => {
        e.preventDefault();
        void actions.save();
      }}
    >
      <h2>{title}</h2>
      <KindPicker k={f} set={setKind} />
      <div className="form-grid">
        <label className="field span2">
          <span>URL</span>
          <input
            type="url"
            className="mono"
            required
            autoFocus
            value={f.url}
            placeholder={urlPlaceholder(f.kind)}
            onChange={(e) => set('url', e.target.value)}
          />
        </label>
        <label className="field">
          <span>Job</span>
          <input
            type="text"
            value={f.job}
            placeholder={jobFromUrl(f.url) || 'node'}
            onChange={(e) => set('job', e.target.value)}
          />
        </label>
        <label className="field small">
          <span>Interval</span>
          <input
            type="text"
            value={f.interval}
            placeholder="15s"
            onChange={(e) => set('interval', e.target.value)}
          />
        </label>
        <label className="field small">
          <span>Timeout</span>
          <input
            type="text"
            value={f.timeout}
            placeholder="10s"
            onChange={(e) => set('timeout', e.target.value)}
          />
        </label>
      </div>

      {f.kind === 'json' && <JsonFields k={f} set={setKind} previewInput={previewInput} />}
      {f.kind === 'tcp-stream' && <TcpFields k={f} set={setKind} previewInput={previewInput} />}

      <fieldset className="fieldset">
        <legend>Labels</legend>
        {f.labels.map((row, i) => (
          <div className="label-row" key={i}>
            <input
              type="text"
              className="mono"
              placeholder="name"
              aria-label="Label name"
              value={row.key}
              onChange={(e) =>
                set(
                  'labels',
                  f.labels.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)),
                )
              }
            />
            <span className="eq">=</span>
            <input
              type="text"
              className="mono"
              placeholder="value"
              aria-label="Label value"
              value={row.value}
              onChange={(e) =>
                set(
                  'labels',
                  f.labels.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)),
                )
              }
            />
            <button
              type="button"
              className="btn-icon"
              aria-label="Remove label"
              onClick={() =>
                set(
                  'labels',
                  f.labels.filter((_r, j) => j !== i),
                )
              }
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set('labels', [...f.labels, { key: '', value: '' }])}
        >
          + Label
        </button>
      </fieldset>

      <AuthFields value={f} onChange={(patch) => setF((s) => ({ ...s, ...patch }))} />

      <RelabelFields
        value={f}
        onChange={(patch) => setF((s) => ({ ...s, ...patch }))}
        input={'input' in checked ? checked.input : null}
      />

      <fieldset className="fieldset checks">
        <legend>Options</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={f.honorLabels}
            onChange={(e) => set('honorLabels', e.target.checked)}
          />
          honor_labels <span className="muted">— on a label clash, keep the exporter's labels</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={f.honorTimestamps}
            onChange={(e) => set('honorTimestamps', e.target.checked)}
          />
          honor_timestamps <span className="muted">— use timestamps the exporter sends</span>
        </label>
        <TlsSkipVerifyCheck
          checked={f.tlsInsecureSkipVerify}
          onChange={(on) => set('tlsInsecureSkipVerify', on)}
        />
      </fieldset>

      <FormFooter
        actions={actions}
        testLabel="Test scrape"
        testingLabel={testingLabel}
        testResult={actions.testResult && <TestScrapeResult result={actions.testResult} />}
        onCancel={onCancel}
      />
    </form>
  );
}
