// The dashboard's variables, resolved by shared/dashboards/templating (Grafana's rules) against
// the local store through the Api: label values, label names and instant queries.
import type { Api } from '../../../../shared/api';
import type { Variable } from '../../../../shared/dashboards/model';
import {
  resolveVariables as resolve,
  type ResolvedVariable,
} from '../../../../shared/dashboards/templating/resolve';
import type { InstantResult, TemplateClient } from '../../../../shared/dashboards/templating/variable-query';

export type { ResolvedVariable };

function templateClient(api: Api): TemplateClient {
  return {
    labelValues: (label, match) => api.labelValues(label, match),
    labelNames: (match) => api.labelNames(match),
    queryInstant: async (expr, timeS): Promise<InstantResult> => {
      const r = await api.queryInstant({ query: expr, timeMs: timeS * 1000 });
      if (r.resultType === 'scalar') return { resultType: 'scalar', result: [timeS, String(r.scalar)] };
      if (r.resultType === 'string') return { resultType: 'string', result: [timeS, r.string ?? ''] };
      if (r.resultType === 'matrix') return { resultType: 'matrix', result: r.series };
      return {
        resultType: 'vector',
        result: r.series.map((s) => ({
          metric: s.labels,
          value: [s.timestamps[0] / 1000, String(s.values[0])] as [number, string],
        })),
      };
    },
  };
}

/** Resolves `list` in order; the URL's var-<name> values win over the saved ones. */
export function resolveDashboardVariables(
  api: Api,
  list: readonly Variable[],
  params: URLSearchParams,
  range: { startMs: number; endMs: number },
  scrapeMs: number,
): Promise<ResolvedVariable[]> {
  const urlValues: Record<string, string[]> = {};
  for (const [k, v] of params) if (k.startsWith('var-')) (urlValues[k.slice(4)] ??= []).push(v);
  return resolve(list, {
    client: templateClient(api),
    fromMs: range.startMs,
    toMs: range.endMs,
    urlValues,
    scrapeIntervalS: scrapeMs / 1000,
  });
}
