// The TemplateClient of the app: variable queries through the Api (the local store, or a remote
// datasource by id). The Api's label calls take no time range: they answer from every series
// the store holds, a superset of what Grafana's ranged calls give. Values are written as
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
    labelValues: (label, match) => api.labelValues(label, match, datasource),
    labelNames: (match) => api.labelNames(match, datasource),
    queryInstant: async (expr, timeS) =>
      toInstant(await api.queryInstant({ query: expr, timeMs: timeS * 1000, datasource }), timeS),
  };
}
