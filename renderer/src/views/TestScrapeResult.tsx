// What a test scrape returned: counts, timing, content type and the first samples — or the error.
import type { TestScrapeResult as Result } from '../../../shared/api';
import { formatBytes, formatMs, formatTimestamp } from '../lib/format';
import { formatSeriesLabels } from '../lib/selector';

const SHOWN = 50;

export function TestScrapeResult({ result }: { result: Result }) {
  return (
    <div className={result.ok ? 'test-result ok' : 'test-result failed'}>
      <div className="test-summary">
        <span className={result.ok ? 'state state-up' : 'state state-down'}>
          {result.ok ? 'OK' : 'FAILED'}
        </span>
        <span>
          <strong>{result.totalSamples}</strong> samples
        </span>
        <span>
          <strong>{formatMs(result.durationMs)}</strong>
        </span>
        <span>{formatBytes(result.bytes)}</span>
        {result.contentType && <code>{result.contentType}</code>}
      </div>
      {result.error && <pre className="error-pre">{result.error}</pre>}
      {result.samples.length > 0 && (
        <div className="table-scroll">
          <table className="table samples-table">
            <thead>
              <tr>
                <th>Series</th>
                <th className="num">Value</th>
                <th>Timestamp</th>
              </tr>
            </thead>
            <tbody>
              {result.samples.slice(0, SHOWN).map((s, i) => (
                <tr key={i}>
                  <td className="mono">{formatSeriesLabels(s.labels)}</td>
                  <td className="num mono">{String(s.value)}</td>
                  <td className="muted">
                    {s.timestampMs === null ? '—' : formatTimestamp(s.timestampMs, true)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.totalSamples > SHOWN && (
            <p className="hint">
              First {Math.min(SHOWN, result.samples.length)} of {result.totalSamples} samples.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
