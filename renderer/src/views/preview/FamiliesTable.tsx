// The metric families of a body: name, type, unit, help, series count and lint findings.
// Clicking a family shows its series.
import { useMemo, useState } from 'react';
import type { FamilyRow } from '../../lib/preview-families';
import { VirtualRows } from './VirtualRows';

const ROW = 32;

function FindingCounts({ f }: { f: FamilyRow }) {
  if (f.errors + f.warnings + f.infos === 0) return <span className="muted">—</span>;
  return (
    <span className="finding-counts">
      {f.errors > 0 && (
        <span className="sev sev-error">
          {f.errors} error{f.errors > 1 ? 's' : ''}
        </span>
      )}
      {f.warnings > 0 && (
        <span className="sev sev-warning">
          {f.warnings} warning{f.warnings > 1 ? 's' : ''}
        </span>
      )}
      {f.infos > 0 && <span className="sev sev-info">{f.infos} info</span>}
    </span>
  );
}

export function FamiliesTable({
  families,
  onOpen,
}: {
  families: FamilyRow[];
  onOpen: (family: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return families;
    return families.filter(
      (f) => f.name.toLowerCase().includes(q) || (f.help ?? '').toLowerCase().includes(q) || f.type === q,
    );
  }, [families, filter]);
  return (
    <div className="pane-body">
      <div className="pane-tools">
        <input
          type="search"
          placeholder="Filter families by name, help or type"
          aria-label="Filter families"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted small">
          {shown.length === families.length
            ? `${families.length} ${families.length === 1 ? 'family' : 'families'}`
            : `${shown.length} of ${families.length}`}
        </span>
      </div>
      <VirtualRows
        label="Metric families"
        className="grid-families"
        count={shown.length}
        rowHeight={ROW}
        header={
          <div className="vrow vhead" role="row">
            <span role="columnheader">Name</span>
            <span role="columnheader">Type</span>
            <span role="columnheader">Unit</span>
            <span role="columnheader">Help</span>
            <span role="columnheader" className="num">
              Series
            </span>
            <span role="columnheader">Findings</span>
          </div>
        }
        empty={<p className="hint pad">No families{filter ? ' match the filter' : ''}.</p>}
        renderRow={(i) => {
          const f = shown[i];
          const worst = f.errors ? 'row-error' : f.warnings ? 'row-warning' : '';
          return (
            <div
              key={f.name}
              className={`vrow clickable ${worst}`}
              role="row"
              style={{ height: ROW }}
              tabIndex={0}
              onClick={() => onOpen(f.name)}
              onKeyDown={(e) => e.key === 'Enter' && onOpen(f.name)}
              title={`Show the series of ${f.name}`}
            >
              <span role="cell" className="mono ellipsis strong">
                {f.name}
              </span>
              <span role="cell">
                {f.type ? (
                  <span className={`type type-${f.type}`}>{f.type}</span>
                ) : (
                  <span className="muted">untyped</span>
                )}
              </span>
              <span role="cell" className="mono ellipsis">
                {f.unit ?? <span className="muted">—</span>}
              </span>
              <span role="cell" className="ellipsis" title={f.help ?? undefined}>
                {f.help ?? <span className="muted">no help</span>}
              </span>
              <span role="cell" className="num">
                {f.series}
              </span>
              <span role="cell">
                <FindingCounts f={f} />
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}
