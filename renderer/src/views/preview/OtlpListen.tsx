// The Preview's "listen for OTLP": asks the engine every second for the pushes that reached
// POST /api/v1/otlp/v1/metrics (listenOtlp keeps them only while a pane asks), lists the last
// ones with the answer each pusher got, and hands the chosen push's translation (Prometheus
// text) to the Preview, which shows its families and series as it shows a scrape. The newest
// push is followed until the user picks an older one.
import { useEffect, useRef, useState } from 'react';
import type { OtlpPushView } from '../../../../shared/api';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { errorMessage } from '../../lib/error-message';
import { formatBytes } from '../../lib/format';
import { selfMetricsUrl } from '../dashboards/starters';

const POLL_MS = 1000;
/** Pushes the list keeps (the engine keeps as many). */
const KEEP = 10;
const OTLP_PATH = '/api/v1/otlp/v1/metrics';

export function OtlpListen({ onShow }: { onShow: (push: OtlpPushView) => void }) {
  const api = useApi();
  const [pushes, setPushes] = useState<OtlpPushView[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  /** The engine has been asked once: pushes from now on are kept. */
  const [listening, setListening] = useState(false);
  const lastSeq = useRef(0);

  useEffect(() => {
    let stale = false;
    selfMetricsUrl(api).then(
      (u) => !stale && setEndpoint(u ? u.replace(/\/metrics$/, OTLP_PATH) : null),
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [api]);

  // One call at a time: the next starts a second after the last one ended.
  useEffect(() => {
    let stale = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const fresh = await api.listenOtlp(lastSeq.current);
        if (stale) return;
        setError(null);
        setListening(true);
        if (fresh.length > 0) {
          lastSeq.current = fresh[fresh.length - 1].seq;
          setPushes((old) => [...old, ...fresh].slice(-KEEP));
        }
      } catch (e) {
        if (!stale) setError(`Listening for OTLP: ${errorMessage(e)}`);
      }
      if (!stale) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api]);

  const shown = pushes.find((p) => p.seq === chosen) ?? pushes.filter((p) => p.status === 200).at(-1) ?? null;
  const onShowRef = useRef(onShow);
  onShowRef.current = onShow;
  const shownSeq = shown?.seq ?? null;
  useEffect(() => {
    if (shown && shown.text !== '') onShowRef.current(shown);
    // The push's identity is its seq.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownSeq]);

  return (
    <section className="card otlp-listen" aria-label="OTLP pushes" data-listening={listening}>
      <p className="hint" role="status">
        Listening for OTLP metrics: point an OpenTelemetry exporter (OTLP/HTTP, protobuf or JSON, cumulative
        temporality) at <code>{endpoint ?? OTLP_PATH}</code>. Pushes are stored as they arrive, and shown here
        as Prometheus would name them.
      </p>
      <ErrorNote error={error} onDismiss={() => setError(null)} />
      {pushes.length === 0 ? (
        <p className="hint">No push yet.</p>
      ) : (
        <table className="table otlp-pushes">
          <thead>
            <tr>
              <th>Received</th>
              <th>Answer</th>
              <th>Body</th>
              <th>Series</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...pushes].reverse().map((p) => (
              <tr key={p.seq} data-push-seq={p.seq} className={p === shown ? 'selected' : undefined}>
                <td>{new Date(p.receivedAtMs).toLocaleTimeString()}</td>
                <td>
                  {p.status === 200 ? (
                    '200 stored'
                  ) : (
                    <span className="field-error" role="alert">
                      {p.status}: {p.error}
                    </span>
                  )}
                </td>
                <td>
                  {formatBytes(p.bytes)} {p.contentType ?? ''}
                </td>
                <td>
                  {p.series}
                  {p.skippedPoints > 0 && ` (${p.skippedPoints} exponential histogram points not stored)`}
                  {p.truncated && ' (text cut short)'}
                </td>
                <td>
                  {p.text !== '' && p !== shown && (
                    <button type="button" className="btn btn-small" onClick={() => setChosen(p.seq)}>
                      Show
                    </button>
                  )}
                  {p === shown && <span className="hint">shown</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen !== null && (
        <button type="button" className="btn btn-small" onClick={() => setChosen(null)}>
          Follow the newest push
        </button>
      )}
    </section>
  );
}
