// The Targets view's "Remote write" card: each remote_write destination of the config file, how
// sending goes (state, last error), the counters of /metrics and the disk queue's backlog.
// Shows nothing when the config has no remote_write.
import type { RemoteWriteStatus } from '../../../shared/api';
import { ErrorNote } from '../components/ErrorNote';
import { useNow } from '../hooks/useNow';
import { useRemoteWriteStatus } from '../hooks/useRemoteWriteStatus';
import { formatBytes, formatMs, formatNumber, formatRelativeTime, formatTimestamp } from '../lib/format';

const stateClass: Record<RemoteWriteStatus['state'], string> = {
  ok: 'state-up',
  retrying: 'state-unknown',
  failing: 'state-down',
};

export function RemoteWriteSection() {
  const { remotes, error } = useRemoteWriteStatus();
  const now = useNow(1000);
  if (!error && (!remotes || remotes.length === 0)) return null;
  return (
    <section className="card remote-write" aria-labelledby="remote-write-title">
      <header className="group-header">
        <h2 id="remote-write-title">Remote write</h2>
        <span className="muted small">remote_write of the config file; a disk queue keeps what waits</span>
      </header>
      <ErrorNote error={error} />
      {remotes && remotes.length > 0 && (
        <div className="table-scroll">
          <table className="table remote-write-table">
            <thead>
              <tr>
                <th>Remote</th>
                <th>State</th>
                <th className="num">Sent</th>
                <th className="num">Failed</th>
                <th className="num">Dropped</th>
                <th className="num">Retried</th>
                <th className="num">Pending</th>
                <th className="num">Shards</th>
                <th>Last send</th>
              </tr>
            </thead>
            <tbody>
              {remotes.map((r) => (
                <RemoteRow key={r.url + r.name} r={r} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RemoteRow({ r, now }: { r: RemoteWriteStatus; now: number }) {
  const showError = r.state !== 'ok' && r.lastError;
  return (
    <>
      <tr className={showError ? 'has-error' : undefined} data-remote={r.name}>
        <td>
          <strong>{r.name}</strong>
          {r.name !== r.url && <div className="mono small muted">{r.url}</div>}
        </td>
        <td>
          <span className={`state ${stateClass[r.state]}`}>{r.state.toUpperCase()}</span>
        </td>
        <td className="num" data-field="sent" title={r.samplesSent.toLocaleString()}>
          {formatNumber(r.samplesSent)}
        </td>
        <td className="num" title="Rejected by the receiver (4xx), not retried">
          {formatNumber(r.samplesFailed)}
        </td>
        <td className="num" title="Dropped from the queue: older than its max age, or over its max size">
          {formatNumber(r.samplesDropped)}
        </td>
        <td className="num" title="Samples in sends that failed and were tried again">
          {formatNumber(r.samplesRetried)}
        </td>
        <td className="num" data-field="pending">
          {formatNumber(r.pendingSamples)}
          <div className="muted small">
            {formatBytes(r.pendingBytes)}
            {r.oldestPendingAgeMs !== null && r.oldestPendingAgeMs >= 1000 && (
              <> · oldest {formatMs(r.oldestPendingAgeMs)}</>
            )}
          </div>
        </td>
        <td className="num" title={`Resharded between ${r.minShards} and ${r.maxShards}`}>
          {r.shards}
          <div className="muted small">
            {r.minShards}–{r.maxShards}
          </div>
        </td>
        <td title={r.lastSendMs ? formatTimestamp(r.lastSendMs) : undefined}>
          {r.lastSendMs ? formatRelativeTime(r.lastSendMs, now) : <span className="muted">never</span>}
        </td>
      </tr>
      {showError && (
        <tr className="error-row">
          <td colSpan={9}>
            <pre className="error-pre">
              {r.lastError}
              {r.lastErrorMs !== null && ` (${formatRelativeTime(r.lastErrorMs, now)})`}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
