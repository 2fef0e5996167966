// One PromQL panel: an expression editor and its live chart; removable, openable in Explore.
import { useState } from 'react';
import { LiveChart } from '../../charts/LiveChart';
import { exploreHash } from '../../lib/explore-state';
import type { TimeRange } from '../../lib/time-range';
import { ExpressionBar } from './ExpressionBar';

export function PromQLPanel({
  index,
  expr,
  range,
  onRun,
  onRemove,
  onZoom,
  onResetZoom,
}: {
  index: number;
  expr: string;
  range: TimeRange;
  onRun: (expr: string) => void;
  onRemove: () => void;
  onZoom: (startMs: number, endMs: number) => void;
  onResetZoom: () => void;
}) {
  const [draft, setDraft] = useState(expr);
  const title = `Panel ${index + 1}`;
  return (
    <section className="card promql-panel" aria-label={title}>
      <header className="panel-header">
        <h2>{title}</h2>
        <span className="panel-actions">
          {expr && (
            <a
              className="btn-link"
              href={exploreHash({ query: expr, tab: 'graph', range, stacked: false, timeMs: null })}
            >
              Open in Explore
            </a>
          )}
          <button
            type="button"
            className="btn-icon"
            aria-label={`Remove ${title}`}
            title="Remove"
            onClick={onRemove}
          >
            ×
          </button>
        </span>
      </header>
      <ExpressionBar
        value={draft}
        onChange={setDraft}
        onRun={(v) => onRun(v.trim())}
        label={`${title} expression`}
        autoFocus={!expr}
      />
      {expr ? (
        <LiveChart
          query={expr}
          range={range}
          height={260}
          onZoom={onZoom}
          onResetZoom={onResetZoom}
          legendLimit={12}
        />
      ) : (
        <p className="hint">Type an expression and press Enter to chart it.</p>
      )}
    </section>
  );
}
