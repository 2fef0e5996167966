// The desktop app's "port in use" notice: its HTTP API (for Grafana, promtool, scripts) could
// not listen, say where and why, and offer another port, saved as the `listen` setting; the host
// moves the API there at once. Never shown under `promdesk serve`, which serves this page.
import { useEffect, useRef, useState } from 'react';
import type { EngineInfo } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';
import { listenOnPort, parsePort } from '../lib/settings-form';

/** While the notice shows, how often to ask again (a change in Settings may have fixed it). */
const RECHECK_MS = 5000;

export function HttpListenBanner() {
  const api = useApi();
  const [failure, setFailure] = useState<EngineInfo['httpListenError'] | null>(null);
  const [port, setPort] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState(0);
  const suggestedFor = useRef<number | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api.info().then(
      (info) => {
        if (!live) return;
        const f = info.httpListenError ?? null;
        setFailure(f);
        // Suggest the next port, once per failed port (not over what the user is typing).
        if (f && f.port !== suggestedFor.current) {
          suggestedFor.current = f.port;
          setPort(String(f.port === 65535 ? 9100 : f.port + 1));
        }
        if (f) timer = setTimeout(() => setCheck((c) => c + 1), RECHECK_MS);
      },
      () => undefined, // the connection banner speaks for a dead connection
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, check]);

  if (!failure) return null;
  const typed = parsePort(port);
  const move = async () => {
    if (typeof typed === 'string') return;
    setBusy(true);
    setProblem(null);
    try {
      const patch = listenOnPort(await api.getSettings(), typed);
      if (typeof patch === 'string') setProblem(patch);
      else {
        await api.putSettings(patch);
        setCheck((c) => c + 1);
      }
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="listen-banner" role="alert">
      <p>
        <strong>The HTTP API is off:</strong> {failure.error}. Grafana, promtool and scripts cannot reach this
        app until it listens on another port.
      </p>
      <form
        className="listen-form"
        onSubmit={(e) => {
          e.preventDefault();
          void move();
        }}
      >
        <label>
          Port{' '}
          <input
            type="text"
            inputMode="numeric"
            className="mono"
            size={6}
            value={port}
            aria-invalid={typeof typed === 'string' ? true : undefined}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy || typeof typed === 'string'}>
          Listen on this port
        </button>
        <a href="#/settings">Settings</a>
      </form>
      {(typeof typed === 'string' || problem) && (
        <div className="listen-problem">{typeof typed === 'string' ? typed : problem}</div>
      )}
    </div>
  );
}
