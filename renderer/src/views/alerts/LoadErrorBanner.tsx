// The last load or reload of the rule files failed: the previous rules keep running.
export function LoadErrorBanner({ error }: { error: string }) {
  return (
    <div className="error-note rules-load-error" role="alert">
      <span className="error-text">
        <strong>The rule files did not load; the previous rules keep running.</strong>
        <pre>{error}</pre>
      </span>
    </div>
  );
}
