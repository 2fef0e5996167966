// One PromQL panel: an expression editor and its live chart (from the local store or a remote
// datasource); removable, openable in Explore.
import { useState } from 'react';
import type { DatasourceView } from '../../../../shared/api';
import { LiveChart } from '../../charts/LiveChart';
import { DatasourcePicker } from '../../components/DatasourcePicker';
import { exploreHash } from '../../lib/explore-state';
import type { TimeRange } from '../../lib/time-range';
import { ExpressionBar } from './ExpressionBar';

export function PromQLPanel({
  index,
  expr,
  datasource,
  datasources,
  onDatasource,
  range,
  onRun,
  onRemove,
  onZoom,
  onResetZoom,
}: {
  index: number;
  expr: string;
  /** '' = the local store. */
  datasource: string;
  datasources: DatasourceView[] | null;
  onDatasource: (id: string) => void;
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
        <DatasourcePicker
          value={datasource}
          onChange={onDatasource}
          datasources={datasources}
          label={`${title} datasource`}
        />
        <span className="panel-actions">
          {expr && (
            <a
              className="btn-link"
              href={exploreHash({
                query: expr,
                tab: 'graph',
                range,
                stacked: false,
                timeMs: null,
                datasource,
              })}
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
        datasource={datasource || undefined}
      />
      {expr ? (
        <LiveChart
          query={expr}
          range={range}
          height={260}
          onZoom={onZoom}
          onResetZoom={onResetZoom}
          legendLimit={12}
          datasource={datasource || undefined}
        />
      ) : (
        <p className="hint">Type an expression and press Enter to chart it.</p>
      )}
    </section>
  );
}
