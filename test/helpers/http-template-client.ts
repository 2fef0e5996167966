// A TemplateClient over a Prometheus-compatible HTTP API (promdesk serve, or Prometheus itself):
// the same endpoints Grafana's Prometheus datasource calls for variable queries.
import type { InstantResult, TemplateClient } from '../../shared/dashboards/templating/variable-query';

export function httpTemplateClient(base: string): TemplateClient {
  const get = async <T>(path: string, params: [string, string][]): Promise<T> => {
    const u = new URL(path, base);
    for (const [k, v] of params) u.searchParams.append(k, v);
    const res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${u.pathname}: ${body.error ?? `HTTP ${res.status}`}`);
    return body.data;
  };
  const range = (start: number, end: number): [string, string][] => [
    ['start', start.toFixed(3)],
    ['end', end.toFixed(3)],
  ];
  return {
    labelValues: (label, match, start, end) =>
      get(`/api/v1/label/${encodeURIComponent(label)}/values`, [
        ...(match ? ([['match[]', match]] as [string, string][]) : []),
        ...range(start, end),
      ]),
    labelNames: (match, start, end) =>
      get('/api/v1/labels', [
        ...(match ? ([['match[]', match]] as [string, string][]) : []),
        ...range(start, end),
      ]),
    queryInstant: (expr, time) =>
      get<InstantResult>('/api/v1/query', [
        ['query', expr],
        ['time', String(time)],
      ]),
  };
}
