// Add or edit a remote datasource; "Test" connects with what is typed, before saving.
import { useState } from 'react';
import type { DatasourceInput, DatasourceView } from '../../../shared/api';
import { useApi } from '../api-context';
import { AuthFields } from '../components/AuthFields';
import { FormFooter } from '../components/FormFooter';
import { TlsSkipVerifyCheck } from '../components/TlsSkipVerifyCheck';
import { useEditorActions } from '../hooks/useEditorActions';
import { formFromView, inputFromForm, type DatasourceFormState } from '../lib/datasource-form';
import { DatasourceTestNote } from './DatasourceTestNote';

export function DatasourceForm({
  initial,
  onSave,
  onCancel,
}: {
  initial?: DatasourceView;
  onSave: (input: DatasourceInput) => Promise<void>;
  onCancel: () => void;
}) {
  const api = useApi();
  const [f, setF] = useState<DatasourceFormState>(() => formFromView(initial));
  const set = <K extends keyof DatasourceFormState>(k: K, v: DatasourceFormState[K]) =>
    setF((s) => ({ ...s, [k]: v }));
  const keepHint = f.hasSecret && f.authType === (initial?.auth.type ?? 'none') ? 'unchanged' : '';

  const actions = useEditorActions(
    () => inputFromForm(f),
    (input) => api.testDatasource(input),
    onSave,
  );

  return (
    <form
      className="card target-form datasource-form"
      aria-label="Datasource"
      onSubmit={(e) => {
        e.preventDefault();
        void actions.save();
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New datasource'}</h2>
      <div className="form-grid datasource-grid">
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            required
            autoFocus
            value={f.name}
            placeholder="Home Prometheus"
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        <label className="field">
          <span>URL</span>
          <input
            type="url"
            className="mono"
            required
            value={f.url}
            placeholder="http://prometheus.lan:9090"
            onChange={(e) => set('url', e.target.value)}
          />
        </label>
        <label className="field small">
          <span>Timeout (s)</span>
          <input type="text" value={f.timeout} onChange={(e) => set('timeout', e.target.value)} />
        </label>
      </div>

      <AuthFields
        value={f}
        onChange={(patch) => setF((s) => ({ ...s, ...patch }))}
        secretPlaceholder={keepHint}
      />

      <fieldset className="fieldset checks">
        <legend>Options</legend>
        <TlsSkipVerifyCheck
          checked={f.tlsInsecureSkipVerify}
          onChange={(on) => set('tlsInsecureSkipVerify', on)}
        />
      </fieldset>

      <FormFooter
        actions={actions}
        testLabel="Test connection"
        testingLabel="Testing…"
        testResult={actions.testResult && <DatasourceTestNote result={actions.testResult} />}
        onCancel={onCancel}
      />
    </form>
  );
}
