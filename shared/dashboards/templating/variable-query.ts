// Grafana's Prometheus variable queries — label_values(selector, label), label_values(label),
// label_names(selector?), metrics(regex), query_result(expr) — run through an injected client,
// so the renderer (over the Api) and tests (over HTTP, or a fake) share one implementation.

/** One sample of an instant query answer, as /api/v1/query gives it. */
export interface InstantSample {
  metric: Record<string, string>;
  value: [number, string];
}

export type InstantResult =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'scalar' | 'string'; result: [number, string] }
  | { resultType: 'matrix'; result: unknown[] };

/** What variable resolution needs of a datasource; times in seconds since the epoch. */
export interface TemplateClient {
  labelValues(label: string, match: string | undefined, startS: number, endS: number): Promise<string[]>;
  labelNames(match: string | undefined, startS: number, endS: number): Promise<string[]>;
  queryInstant(expr: string, timeS: number): Promise<InstantResult>;
}

export type ParsedVariableQuery =
  | { kind: 'label_values'; label: string; match?: string }
  | { kind: 'label_names'; match?: string }
  | { kind: 'metrics'; regex: string }
  | { kind: 'query_result'; expr: string };

const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
const LABEL_VALUES_MATCH = new RegExp(`^label_values\\(\\s*(.+?)\\s*,\\s*(${LABEL})\\s*\\)$`, 's');
const LABEL_VALUES = new RegExp(`^label_values\\(\\s*(${LABEL})\\s*\\)$`);

/** Parses a variable query; throws an error naming what it could not read. */
export function parseVariableQuery(query: string): ParsedVariableQuery {
  const q = query.trim();
  let m: RegExpExecArray | null;
  if ((m = LABEL_VALUES.exec(q))) return { kind: 'label_values', label: m[1] };
  if ((m = LABEL_VALUES_MATCH.exec(q))) return { kind: 'label_values', label: m[2], match: m[1] };
  if ((m = /^label_names\(\s*(.*?)\s*\)$/s.exec(q))) return { kind: 'label_names', match: m[1] || undefined };
  if ((m = /^metrics\(\s*(.*?)\s*\)$/s.exec(q))) return { kind: 'metrics', regex: m[1] };
  if ((m = /^query_result\(\s*(.*)\s*\)$/s.exec(q))) return { kind: 'query_result', expr: m[1] };
  throw new Error(
    `variable query ${JSON.stringify(q)} is not one of label_values(selector, label), label_values(label), label_names(), metrics(regex), query_result(expr)`,
  );
}

/**
 * The query text of a variable's `query` field: a string, `{query}` (Grafana 9+), or the
 * structured `{qryType, label, metric}` form of newer Grafana.
 */
export function variableQueryText(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object') {
    const q = query as Record<string, unknown>;
    if (typeof q.query === 'string' && q.query.trim() !== '') return q.query;
    const metric = typeof q.metric === 'string' ? q.metric : '';
    switch (q.qryType) {
      case 0:
      case 1:
        return metric ? `label_names(${metric})` : 'label_names()';
      case 2:
        return metric
          ? `label_values(${metric}, ${String(q.label ?? '')})`
          : `label_values(${String(q.label ?? '')})`;
      case 3:
        return `metrics(${metric})`;
    }
  }
  return '';
}

// query_result's text per sample, as Grafana writes it: name{a="b",...} value timestamp_ms.
function sampleText(s: InstantSample): string {
  const { __name__: name = '', ...labels } = s.metric;
  const ls = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return `${name}{${ls}} ${s.value[1]} ${Math.round(s.value[0] * 1000)}`;
}

/** Runs a parsed variable query over [startS, endS]; values in the datasource's order. */
export async function runVariableQuery(
  q: ParsedVariableQuery,
  client: TemplateClient,
  startS: number,
  endS: number,
): Promise<string[]> {
  switch (q.kind) {
    case 'label_values':
      return client.labelValues(q.label, q.match, startS, endS);
    case 'label_names':
      return client.labelNames(q.match, startS, endS);
    case 'metrics': {
      let re: RegExp;
      try {
        re = new RegExp(q.regex);
      } catch (e) {
        throw new Error(`metrics(${q.regex}): not a valid regular expression: ${(e as Error).message}`, {
          cause: e,
        });
      }
      return (await client.labelValues('__name__', undefined, startS, endS)).filter((n) => re.test(n));
    }
    case 'query_result': {
      const r = await client.queryInstant(q.expr, endS);
      if (r.resultType === 'vector') return r.result.map(sampleText);
      if (r.resultType === 'scalar' || r.resultType === 'string')
        return [sampleText({ metric: {}, value: r.result })];
      return [];
    }
  }
}
