// One line about the last body: where it came from, its size and timing, what it holds and what
// changed since the one before.
import type { FetchExpositionResult } from '../../../../shared/api';
import { formatBytes, formatMs } from '../../lib/format';
import type { PreviewAnalysis } from '../../lib/preview-analyze';

export type FetchMeta = Omit<FetchExpositionResult, 'body'>;

export function ResultSummary({ a, fetched }: { a: PreviewAnalysis; fetched: FetchMeta | null }) {
  const errors = a.findings.filter((f) => f.severity === 'error').length + (a.error ? 1 : 0);
  const warnings = a.findings.filter((f) => f.severity === 'warning').length;
  const d = a.diff;
  return (
    <div className="result-summary" aria-label="Summary">
      {fetched && (
        <>
          {fetched.status !== null && (
            <span className={`state ${fetched.status < 300 ? 'state-up' : 'state-down'}`}>
              HTTP {fetched.status}
            </span>
          )}
          {fetched.contentType && <code className="small">{fetched.contentType}</code>}
          <span>{formatBytes(fetched.bytes)}</span>
          <span>{formatMs(fetched.durationMs)}</span>
        </>
      )}
      <span className="fmt">{a.format === 'openmetrics' ? 'OpenMetrics' : 'Prometheus text'}</span>
      <span className="stat">
        <strong>{a.families.length}</strong> {a.families.length === 1 ? 'family' : 'families'}
      </span>
      <span className="stat">
        <strong>{a.series.filter((s) => s.status !== 'vanished').length}</strong> series
      </span>
      <span className={`stat ${errors ? 'stat-down' : ''}`}>
        <strong>{errors}</strong> error{errors === 1 ? '' : 's'}
      </span>
      <span className={`stat ${warnings ? 'stat-warn' : ''}`}>
        <strong>{warnings}</strong> warning{warnings === 1 ? '' : 's'}
      </span>
      {d.compared && (
        <span className="diff-summary" aria-label="Changes since the last fetch">
          <span className="muted">
            since last{d.intervalMs !== null ? ` (${formatMs(d.intervalMs)} ago)` : ''}:
          </span>
          <span className="up">{d.changed} changed</span>
          <span className={d.added ? 'bs-new badge-status' : 'muted'}>+{d.added} new</span>
          <span className={d.vanished ? 'bs-vanished badge-status' : 'muted'}>−{d.vanished} vanished</span>
          {d.resets > 0 && <span className="bs-reset badge-status">{d.resets} reset</span>}
        </span>
      )}
      <span className="muted small" title="Parse, lint and diff time in the worker">
        analysed in {formatMs(a.analyzeMs)}
      </span>
    </div>
  );
}
