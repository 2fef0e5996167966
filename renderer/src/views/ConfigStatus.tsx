// The Targets view's config file line (only with --config): which file, when it loaded, whether
// the last reload worked (its error when not: the previous config stays in force), its warnings
// (keys not acted on, file_sd files missing), and a Reload button, the desktop's SIGHUP.
import { useCallback, useEffect, useState } from 'react';
import type { ConfigStatus as Status } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { useNow } from '../hooks/useNow';
import { errorMessage } from '../lib/error-message';
import { formatRelativeTime, formatTimestamp } from '../lib/format';
import '../styles/config-status.css';

/** A watched file may be reloaded at any time: the line is polled while shown. */
const POLL_MS = 3000;

export function ConfigStatus() {
  const api = useApi();
  const now = useNow(5000);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.configStatus().then(
        (s) => {
          setStatus(s);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      ),
    [api],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (!document.hidden) void load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const reload = async () => {
    setBusy(true);
    setDone(null);
    try {
      const r = await api.reloadConfig();
      setDone(r.ok ? 'Reloaded' : null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      await load();
    }
  };

  if (!status) return <ErrorNote error={error} />;
  return (
    <section className="card config-status" aria-label="Config file" data-ok={status.ok}>
      <div className="config-status-line">
        <span className="config-status-state" data-state={status.ok ? 'ok' : 'failed'}>
          {status.ok ? 'Config loaded' : 'Reload failed'}
        </span>
        <code className="config-status-file" title={status.file}>
          {status.file}
        </code>
        <span className="muted small" title={formatTimestamp(status.loadedMs)}>
          loaded {formatRelativeTime(status.loadedMs, now)}
          {status.watching ? ' · watched for changes' : ''}
        </span>
        <div className="spacer" />
        {done && (
          <span className="small" role="status">
            {done}
          </span>
        )}
        <button
          type="button"
          className="btn"
          disabled={busy}
          title="Read the config file again (as SIGHUP): an invalid file keeps the config in force"
          onClick={() => void reload()}
        >
          {busy ? 'Reloading…' : 'Reload'}
        </button>
      </div>
      {!status.ok && status.error && (
        <div className="error-note config-status-error" role="alert">
          <span className="error-text">{status.error} — the previous config stays in force.</span>
        </div>
      )}
      <ErrorNote error={error} />
      {status.warnings.length > 0 && (
        <details className="config-status-warnings">
          <summary>
            {status.warnings.length} config warning{status.warnings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {status.warnings.map((w) => (
              <li key={w}>
                <code>{w}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
