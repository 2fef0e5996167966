// Rules' PromQL, as Prometheus's EngineQueryFunc: an instant query whose vector is the result, a
// scalar one sample without labels, anything else an error. Parsed expressions are kept, since a
// rule runs the same text at every evaluation.
import { QueryEngine, type QueryEngineOptions } from '../query/engine';
import { parseExpr } from '../query/parser';
import type { Expr } from '../query/ast';
import type { Querier } from '../store/types';
import type { RuleQueryFunc } from './types';

export function engineQueryFunc(querier: Querier, opts: QueryEngineOptions): RuleQueryFunc {
  return queryEngineFunc(new QueryEngine(querier, opts));
}

/** The same over an engine that already runs (the running engine's QueryEngine, its limits). */
export function queryEngineFunc(engine: QueryEngine): RuleQueryFunc {
  const parsed = new Map<string, Expr>();
  return (expr, timeMs) => {
    let e = parsed.get(expr);
    if (!e) {
      e = parseExpr(expr);
      if (parsed.size > 10_000) parsed.clear();
      parsed.set(expr, e);
    }
    const r = engine.instantExpr(e, timeMs);
    if (r.resultType === 'vector') return r.result.map((s) => ({ labels: s.labels, v: s.v }));
    if (r.resultType === 'scalar') return [{ labels: {}, v: r.v }];
    throw new Error('rule result is not a vector or scalar');
  };
}
