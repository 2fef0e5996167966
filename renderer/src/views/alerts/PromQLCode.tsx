// A PromQL expression shown read-only with the editor's token colours (Prometheus's own PromQL
// grammar and the same highlight classes), without an editor instance per rule.
import { highlightTree } from '@lezer/highlight';
import { LanguageType, promQLLanguage } from '@prometheus-io/codemirror-promql';
import { useMemo, type ReactNode } from 'react';
import { promqlHighlighter } from '../explore/promql-highlight';

const parser = promQLLanguage(LanguageType.PromQL).parser;

/** The expression cut into plain and classed pieces, in order. */
function pieces(expr: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  highlightTree(parser.parse(expr), promqlHighlighter, (from, to, cls) => {
    if (from > at) out.push(expr.slice(at, from));
    out.push(
      <span key={from} className={cls}>
        {expr.slice(from, to)}
      </span>,
    );
    at = to;
  });
  if (at < expr.length) out.push(expr.slice(at));
  return out;
}

export function PromQLCode({ expr }: { expr: string }) {
  const content = useMemo(() => pieces(expr), [expr]);
  return <code className="promql-code mono">{content}</code>;
}
