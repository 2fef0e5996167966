// The dashboard's variables, resolved by shared/dashboards/templating (Grafana's rules) against
// the local store through the Api: label values, label names and instant queries.
import type { Api } from '../../../../shared/api';
import type { Variable } from '../../../../shared/dashboards/model';
import {
  resolveVariables as resolve,
  type ResolvedVariable,
} from '../../../../shared/dashboards/templating/resolve';
import { apiTemplateClient } from '../../../../shared/dashboards/templating/api-client';

export type { ResolvedVariable };

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
    client: apiTemplateClient(api),
    fromMs: range.startMs,
    toMs: range.endMs,
    urlValues,
    scrapeIntervalS: scrapeMs / 1000,
  });
}
