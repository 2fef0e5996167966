// Every series of the body (or of one family) with its value and what changed since the last
// fetch: delta, per-second rate for counters, new/vanished/reset, a sparkline of recent values.
import { useMemo, useState } from 'react';
import type { LintFinding } from '../../../../shared/exposition/lint/types';
import type { SeriesRow } from '../../lib/preview-diff';
import { formatNumber } from '../../lib/format';
import { formatSampleValue } from '../../lib/preview-series';
import { Sparkline } from './Sparkline';
import { VirtualRows } from './VirtualRows';

const ROW = 30;

function signed(v: number): string {
  return (v > 0 ? '+' : '') + formatNumber(v, 4);
}

const statusText: Partial<Record<SeriesRow['status'], string>> = {
  new: 'new',
  vanished: 'vanished',
  reset: 'reset',
};

export function SeriesTable({
  series,
  family,
  onFamily,
  findingsByLine,
  onLine,
}: {
  series: SeriesRow[];
  family: string | null;
  onFamily: (f: string | null) => void;
  findingsByLine: Map<number, LintFinding[]>;
  onLine: (line: number) => void;
}) {
  const [filter, setFilter] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);
  const shown = useMemo(() => {
    const q = filter.trim();
    return series.filter(
      (s) =>
        (family === null || s.family === family) &&
        (!changedOnly || (s.status !== 'same' && s.status !== 'first')) &&
        (!q || s.name.includes(q) || s.labels.includes(q)),
    );
  }, [series, family, filter, changedOnly]);

  return (
    <div className="pane-body">
      <div className="pane-tools">
        {family !== null && (
          <span className="chip">
            <span className="mono">{family}</span>
            <button
              type="button"
              className="btn-link"
              aria-label="Show all families"
              onClick={() => onFamily(null)}
            >
              ×
            </button>
          </span>
        )}
        <input
          type="search"
          placeholder="Filter series by name or label"
          aria-label="Filter series"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check small">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
          Changed only
        </label>
        <span className="muted small">
          {shown.length === series.length
            ? `${series.length} series`
            : `${shown.length} of ${series.length} series`}
        </span>
      </div>
      <VirtualRows
        label="Series"
        className="grid-series"
        count={shown.length}
        rowHeight={ROW}
        header={
          <div className="vrow vhead" role="row">
            <span role="columnheader">Series</span>
            <span role="columnheader" className="num">
              Value
            </span>
            <span role="columnheader" className="num">
              Δ
            </span>
            <span role="columnheader" className="num">
              Rate
            </span>
            <span role="columnheader">Recent</span>
            <span role="columnheader" className="num">
              Line
            </span>
          </div>
        }
        empty={<p className="hint pad">No series{filter || changedOnly ? ' match the filter' : ''}.</p>}
        renderRow={(i) => {
          const s = shown[i];
          const found = s.line !== null ? findingsByLine.get(s.line) : undefined;
          return (
            <div key={s.key} className={`vrow status-${s.status}`} role="row" style={{ height: ROW }}>
              <span role="cell" className="mono ellipsis series-cell" title={s.name + s.labels}>
                {statusText[s.status] && (
                  <span className={`badge-status bs-${s.status}`}>{statusText[s.status]}</span>
                )}
                {found && (
                  <span
                    className={`sev-dot sev-${found.some((f) => f.severity === 'error') ? 'error' : 'warning'}`}
                    title={found.map((f) => f.message).join('\n')}
                  />
                )}
                <span className="strong">{s.name}</span>
                <span className="muted">{s.labels}</span>
                {s.exemplar && (
                  <span className="exemplar" title={`exemplar: ${s.exemplar}`}>
                    # {s.exemplar}
                  </span>
                )}
              </span>
              <span role="cell" className="num mono">
                {formatSampleValue(s.value)}
              </span>
              <span
                role="cell"
                className={`num mono ${s.delta ? (s.delta > 0 ? 'up' : 'down') : 'muted'}`}
                title={s.prev !== null ? `previous: ${formatSampleValue(s.prev)}` : undefined}
              >
                {s.delta === null ? '' : s.delta === 0 ? '0' : signed(s.delta)}
              </span>
              <span role="cell" className="num mono rate">
                {s.rate === null ? '' : `${formatNumber(s.rate, 4)}/s`}
              </span>
              <span role="cell">
                <Sparkline values={s.spark} />
              </span>
              <span role="cell" className="num">
                {s.line !== null && (
                  <button type="button" className="btn-link mono small" onClick={() => onLine(s.line!)}>
                    {s.line}
                  </button>
                )}
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}
