// The body as text, virtualized: line numbers, problem lines highlighted with their findings
// inline, and the parse error's line and column marked.
import type { LintFinding } from '../../../../shared/exposition/lint/types';
import { lineText } from '../../lib/preview-lines';
import { VirtualRows, type ScrollRequest } from './VirtualRows';

const ROW = 20;
/** Lines longer than this are cut in the view (a 10 MB single-line body would not lay out). */
const MAX_SHOWN = 4000;

export interface ParseErrorAt {
  line: number;
  column: number;
  message: string;
}

function Line({ text, column }: { text: string; column: number | null }) {
  const t = text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text;
  if (column === null) return <span className="raw-text">{t}</span>;
  const c = Math.max(0, column - 1);
  return (
    <span className="raw-text">
      {t.slice(0, c)}
      <span className="raw-error-at">{t.slice(c, c + 1) || ' '}</span>
      {t.slice(c + 1)}
    </span>
  );
}

export function RawText({
  body,
  lineStarts,
  maxLineLength,
  findingsByLine,
  error,
  scrollTo,
}: {
  body: string;
  lineStarts: Uint32Array;
  maxLineLength: number;
  findingsByLine: Map<number, LintFinding[]>;
  error: ParseErrorAt | null;
  scrollTo: ScrollRequest | null;
}) {
  const count = lineStarts.length;
  const gutter = String(count).length + 2;
  const width = Math.min(maxLineLength, MAX_SHOWN) + gutter + 6;
  return (
    <div className="pane-body">
      <VirtualRows
        label="Raw text"
        className="raw"
        count={count}
        rowHeight={ROW}
        minWidth={`${width}ch`}
        scrollTo={scrollTo}
        empty={<p className="hint pad">The body is empty.</p>}
        renderRow={(i) => {
          const n = i + 1;
          const found = findingsByLine.get(n);
          const isError = error?.line === n;
          const sev =
            isError || found?.some((f) => f.severity === 'error') ? 'error' : found ? 'warning' : null;
          return (
            <div
              key={n}
              className={`vrow raw-line${sev ? ` raw-${sev}` : ''}`}
              role="row"
              style={{ height: ROW }}
              data-line={n}
            >
              <span className="raw-gutter" style={{ width: `${gutter}ch` }}>
                {n}
              </span>
              <Line text={lineText(body, lineStarts, n)} column={isError ? error.column : null} />
              {(isError || found) && (
                <span className="raw-notes">
                  {isError && (
                    <span className="raw-note sev-error">
                      column {error.column}: {error.message}
                    </span>
                  )}
                  {found?.map((f, k) => (
                    <span key={k} className={`raw-note sev-${f.severity}`} title={f.hint}>
                      {f.message}
                    </span>
                  ))}
                </span>
              )}
            </div>
          );
        }}
      />
    </div>
  );
}
