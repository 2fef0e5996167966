// Where the body comes from: a URL the engine fetches (auth, headers, timeout, auto-refresh,
// "make target") or pasted text; and which parser reads it.
import { useState } from 'react';
import type { Auth } from '../../../../shared/api';
import { REFRESH_SECONDS, type FormatChoice, type PreviewFetchForm } from '../../lib/preview-request';
import { formatBytes } from '../../lib/format';
import { jobFromUrl } from '../../lib/target-form';

export type SourceKind = 'url' | 'paste';

export function FormatSelect({
  value,
  onChange,
}: {
  value: FormatChoice;
  onChange: (f: FormatChoice) => void;
}) {
  return (
    <select aria-label="Format" value={value} onChange={(e) => onChange(e.target.value as FormatChoice)}>
      <option value="auto">Format: auto</option>
      <option value="prometheus-text">Prometheus text 0.0.4</option>
      <option value="openmetrics">OpenMetrics 1.0</option>
    </select>
  );
}

function AuthFields({ auth, onChange }: { auth: Auth; onChange: (a: Auth) => void }) {
  return (
    <>
      <label className="field">
        <span>Auth</span>
        <select
          value={auth.type}
          onChange={(e) => {
            const t = e.target.value as Auth['type'];
            onChange(
              t === 'basic'
                ? { type: 'basic', username: '', password: '' }
                : t === 'bearer'
                  ? { type: 'bearer', token: '' }
                  : { type: 'none' },
            );
          }}
        >
          <option value="none">None</option>
          <option value="basic">Basic</option>
          <option value="bearer">Bearer token</option>
        </select>
      </label>
      {auth.type === 'basic' && (
        <>
          <label className="field">
            <span>Username</span>
            <input
              type="text"
              value={auth.username}
              onChange={(e) => onChange({ ...auth, username: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              value={auth.password}
              onChange={(e) => onChange({ ...auth, password: e.target.value })}
            />
          </label>
        </>
      )}
      {auth.type === 'bearer' && (
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            value={auth.token}
            onChange={(e) => onChange({ ...auth, token: e.target.value })}
          />
        </label>
      )}
    </>
  );
}

export function UrlSource({
  form,
  onForm,
  format,
  onFormat,
  busy,
  onFetch,
  auto,
  onAuto,
  every,
  onEvery,
  onMakeTarget,
  makingTarget,
}: {
  form: PreviewFetchForm;
  onForm: (f: PreviewFetchForm) => void;
  format: FormatChoice;
  onFormat: (f: FormatChoice) => void;
  busy: boolean;
  onFetch: () => void;
  auto: boolean;
  onAuto: (on: boolean) => void;
  every: number;
  onEvery: (s: number) => void;
  onMakeTarget: (job: string) => void;
  makingTarget: boolean;
}) {
  const [options, setOptions] = useState(false);
  const [job, setJob] = useState('');
  const set = <K extends keyof PreviewFetchForm>(k: K, v: PreviewFetchForm[K]) => onForm({ ...form, [k]: v });
  return (
    <form
      className="source-form"
      onSubmit={(e) => {
        e.preventDefault();
        onFetch();
      }}
    >
      <div className="source-row">
        <input
          type="url"
          className="mono url-input"
          placeholder="http://localhost:9100/metrics"
          aria-label="Exporter URL"
          value={form.url}
          onChange={(e) => set('url', e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !form.url.trim()}>
          {busy ? 'Fetching…' : 'Fetch'}
        </button>
        <label className="check">
          <input type="checkbox" checked={auto} onChange={(e) => onAuto(e.target.checked)} />
          Auto-refresh
        </label>
        <select aria-label="Refresh every" value={every} onChange={(e) => onEvery(Number(e.target.value))}>
          {REFRESH_SECONDS.map((s) => (
            <option key={s} value={s}>
              every {s}s
            </option>
          ))}
        </select>
        <button
          type="button"
          className={`btn ${options ? 'on' : ''}`}
          aria-expanded={options}
          onClick={() => setOptions((o) => !o)}
        >
          Options
        </button>
        <span className="make-target">
          <input
            type="text"
            aria-label="Job for the new target"
            placeholder={`job: ${jobFromUrl(form.url) || 'from host'}`}
            value={job}
            onChange={(e) => setJob(e.target.value)}
          />
          <button
            type="button"
            className="btn"
            disabled={makingTarget || !form.url.trim()}
            onClick={() => onMakeTarget(job)}
            title="Scrape this URL as a target (default interval) and open the Targets view"
          >
            Make scrape target
          </button>
        </span>
      </div>
      {options && (
        <div className="source-options">
          <AuthFields auth={form.auth} onChange={(a) => set('auth', a)} />
          <label className="field headers-field">
            <span>Headers (one "Name: value" per line)</span>
            <textarea
              className="mono"
              rows={2}
              value={form.headers}
              placeholder="Accept: application/openmetrics-text"
              onChange={(e) => set('headers', e.target.value)}
            />
          </label>
          <label className="field">
            <span>Timeout (s)</span>
            <input
              type="text"
              inputMode="decimal"
              value={String(form.timeoutSeconds)}
              onChange={(e) => set('timeoutSeconds', Number(e.target.value) || 0)}
            />
          </label>
          <label className="field">
            <span>Parser</span>
            <FormatSelect value={format} onChange={onFormat} />
          </label>
          <label className="check field-check">
            <input
              type="checkbox"
              checked={form.tlsInsecureSkipVerify}
              onChange={(e) => set('tlsInsecureSkipVerify', e.target.checked)}
            />
            Skip TLS verification
          </label>
        </div>
      )}
    </form>
  );
}

/** Above this, a paste is kept out of the textarea: laying out megabytes of text takes seconds. */
const TEXTAREA_LIMIT = 256 * 1024;

export function PasteSource({
  text,
  onText,
  format,
  onFormat,
}: {
  text: string;
  onText: (t: string) => void;
  format: FormatChoice;
  onFormat: (f: FormatChoice) => void;
}) {
  const [editLarge, setEditLarge] = useState(false);
  const large = text.length > TEXTAREA_LIMIT && !editLarge;
  return (
    <div className="source-form">
      {large ? (
        <div className="pasted-large" aria-label="Pasted text">
          <strong>{formatBytes(text.length)}</strong> pasted ({countLines(text).toLocaleString()} lines), kept
          out of the editor so it stays responsive.
          <button type="button" className="btn btn-small" onClick={() => setEditLarge(true)}>
            Edit as text
          </button>
        </div>
      ) : (
        <textarea
          className="mono paste-input"
          aria-label="Exposition text"
          placeholder={
            '# HELP http_requests_total Requests served.\n# TYPE http_requests_total counter\nhttp_requests_total{code="200"} 1027'
          }
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => onText(e.target.value)}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text/plain');
            // A big paste replaces the text (an exporter body, not an edit) and skips the textarea.
            if (pasted.length > TEXTAREA_LIMIT) {
              e.preventDefault();
              setEditLarge(false);
              onText(pasted);
            }
          }}
        />
      )}
      <div className="source-row">
        <FormatSelect value={format} onChange={onFormat} />
        <span className="muted small">Analysed as you type or paste.</span>
        <div className="spacer" />
        {text && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setEditLarge(false);
              onText('');
            }}
          >
            Clear
          </button>
        )}
      </div>
    </div>
  );
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') || text === '' ? n : n + 1;
}
