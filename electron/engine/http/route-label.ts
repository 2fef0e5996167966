// The `handler` label of promdesk_http_requests_total: a route pattern from a fixed set, never
// the raw path (`/*` is the UI's files and anything unknown), so a client requesting made-up paths cannot grow /metrics without bound.

const API_ROUTES = new Set(
  [
    'query',
    'query_range',
    'query_exemplars',
    'series',
    'labels',
    'targets',
    'metadata',
    'format_query',
    'write',
    'otlp/v1/metrics',
    'status/buildinfo',
    'status/flags',
    'status/config',
    'status/runtimeinfo',
    'status/tsdb',
  ].map((r) => `/api/v1/${r}`),
);

const OTHER_ROUTES = new Set(['/metrics', '/-/healthy', '/-/ready', '/-/reload', '/api/ws']);

/** The route pattern `path` belongs to; unknown paths share one label per area. */
export function routeLabel(path: string): string {
  if (path.startsWith('/api/v1/')) {
    if (API_ROUTES.has(path)) return path;
    if (/^\/api\/v1\/label\/[^/]+\/values$/.test(path)) return '/api/v1/label/:name/values';
    return '/api/v1/*';
  }
  if (path.startsWith('/metrics/job/') || path.startsWith('/metrics/job@base64/')) return '/metrics/job';
  if (OTHER_ROUTES.has(path)) return path;
  return '/*';
}
