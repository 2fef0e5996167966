// The outcome of a datasource connection test: the server's version, or the error.
import type { DatasourceTestResult } from '../../../shared/api';

export function DatasourceTestNote({ result }: { result: DatasourceTestResult }) {
  const ms = `${Math.round(result.durationMs)} ms`;
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'failed'}`} role="status">
      {result.ok ? (
        <div className="test-summary">
          <span className="state state-up">CONNECTED</span>
          <span>{result.version ? `version ${result.version}` : 'the server does not report a version'}</span>
          <span className="muted">{ms}</span>
        </div>
      ) : (
        <>
          <div className="test-summary">
            <span className="state state-down">FAILED</span>
            <span className="muted">{ms}</span>
          </div>
          <pre className="error-pre">{result.error}</pre>
        </>
      )}
    </div>
  );
}
