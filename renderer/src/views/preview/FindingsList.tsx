// Every lint finding with its line (a link into the raw text), severity, code, message and hint.
import type { LintFinding } from '../../../../shared/exposition/lint/types';
import { VirtualRows } from './VirtualRows';

const ROW = 48;

export function FindingsList({
  findings,
  onLine,
}: {
  findings: LintFinding[];
  onLine: (line: number) => void;
}) {
  return (
    <div className="pane-body">
      <VirtualRows
        label="Findings"
        className="grid-findings"
        count={findings.length}
        rowHeight={ROW}
        empty={<p className="hint pad">No findings: the linter has nothing to say about this body.</p>}
        renderRow={(i) => {
          const f = findings[i];
          return (
            <div key={i} className={`vrow finding sev-row-${f.severity}`} role="row" style={{ height: ROW }}>
              <span role="cell">
                <span className={`sev sev-${f.severity}`}>{f.severity}</span>
              </span>
              <span role="cell" className="num">
                {f.line !== null ? (
                  <button type="button" className="btn-link mono small" onClick={() => onLine(f.line!)}>
                    line {f.line}
                  </button>
                ) : (
                  <span className="muted small">body</span>
                )}
              </span>
              <span role="cell" className="finding-text">
                <span className="ellipsis">
                  <code className="finding-code">{f.code}</code> {f.message}
                  {f.family && <span className="muted mono small"> · {f.family}</span>}
                </span>
                <span className="ellipsis muted small">{f.hint}</span>
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}
