// Add or edit a remote datasource; "Test" connects with what is typed, before saving.
import { useState } from 'react';
import type { DatasourceInput, DatasourceTestResult, DatasourceView } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { errorMessage } from '../hooks/useTargets';
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
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<DatasourceTestResult | null>(null);
  const set = <K extends keyof DatasourceFormState>(k: K, v: DatasourceFormState[K]) =>
    setF((s) => ({ ...s, [k]: v }));
  const keepHint = f.hasSecret && f.authType === (initial?.auth.type ?? 'none') ? 'unchanged' : '';

  const validated = (): DatasourceInput | null => {
    const r = inputFromForm(f);
    if ('errors' in r) {
      setProblems(r.errors);
      return null;
    }
    setProblems([]);
    return r.input;
  };

  const act = async (kind: 'save' | 'test') => {
    const input = validated();
    if (!input) return;
    setBusy(kind);
    setError(null);
    if (kind === 'test') setTest(null);
    try {
      if (kind === 'test') setTest(await api.testDatasource(input));
      else await onSave(input);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="card target-form datasource-form"
      aria-label="Datasource"
      onSubmit={(e) => {
        e.preventDefault();
        void act('save');
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

      <fieldset className="fieldset">
        <legend>Authentication</legend>
        <div className="segmented" role="radiogroup" aria-label="Authentication">
          {(['none', 'basic', 'bearer'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={f.authType === t}
              className={f.authType === t ? 'on' : undefined}
              onClick={() => set('authType', t)}
            >
              {t === 'none' ? 'None' : t === 'basic' ? 'Basic' : 'Bearer token'}
            </button>
          ))}
        </div>
        {f.authType === 'basic' && (
          <div className="form-grid">
            <label className="field">
              <span>Username</span>
              <input
                type="text"
                autoComplete="off"
                value={f.username}
                onChange={(e) => set('username', e.target.value)}
              />
            </label>
            <label className="field">
              <span>Password</span>
              <input
                type="password"
                autoComplete="new-password"
                value={f.password}
                placeholder={keepHint}
                onChange={(e) => set('password', e.target.value)}
              />
            </label>
          </div>
        )}
        {f.authType === 'bearer' && (
          <label className="field">
            <span>Token</span>
            <input
              type="password"
              autoComplete="off"
              value={f.token}
              placeholder={keepHint}
              onChange={(e) => set('token', e.target.value)}
            />
          </label>
        )}
      </fieldset>

      <fieldset className="fieldset checks">
        <legend>Options</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={f.tlsInsecureSkipVerify}
            onChange={(e) => set('tlsInsecureSkipVerify', e.target.checked)}
          />
          Skip TLS verification <span className="muted">— accept self-signed certificates</span>
        </label>
      </fieldset>

      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} onDismiss={() => setError(null)} />
      {test && <DatasourceTestNote result={test} />}

      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void act('test')} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <div className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
