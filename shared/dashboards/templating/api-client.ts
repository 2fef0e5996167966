// The TemplateClient of the app: variable queries through the Api (the local store, or a remote
// datasource by id). Label calls are asked for the dashboard's range, as Grafana sends start/end:
// a series with no samples in it gives no values. Values are written as
// Prometheus's JSON API writes them (Go's 'f' format), so query_result regexes match alike.
import type { Api, QueryInstantResult } from '../../api';
import { formatFloatF } from '../../format/go-float';
import type { InstantResult, TemplateClient } from './variable-query';

function toInstant(r: QueryInstantResult, timeS: number): InstantResult {
  switch (r.resultType) {
    case 'scalar':
      return { resultType: 'scalar', result: [timeS, formatFloatF(r.scalar ?? NaN)] };
    case 'string':
      return { resultType: 'string', result: [timeS, r.string ?? ''] };
    case 'matrix':
      return { resultType: 'matrix', result: r.series };
    case 'vector':
      return {
        resultType: 'vector',
        result: r.series.map((s) => ({
          metric: { ...s.labels },
          value: [(s.timestamps[0] ?? timeS * 1000) / 1000, formatFloatF(s.values[0] ?? NaN)],
        })),
      };
  }
}

/** Variable queries over `api`; `datasource` is a remote datasource's id (absent: local). */
export function apiTemplateClient(
  api: Pick<Api, 'labelNames' | 'labelValues' | 'queryInstant'>,
  datasource?: string,
): TemplateClient {
  return {
    labelValues: (label, match, startS, endS) =>
      api.labelValues(label, match, datasource, { startMs: startS * 1000, endMs: endS * 1000 }),
    labelNames: (match, startS, endS) =>
      api.labelNames(match, datasource, { startMs: startS * 1000, endMs: endS * 1000 }),
    queryInstant: async (expr, timeS) =>
      toInstant(await api.queryInstant({ query: expr, timeMs: timeS * 1000, datasource }), timeS),
  };
}
