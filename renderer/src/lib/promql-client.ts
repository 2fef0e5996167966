// The completion source of the PromQL editor: codemirror-promql's PrometheusClient implemented
// on our Api (metric names are the values of `__name__`), with a short-lived cache so typing does
// not ask the engine again per key.
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { Api } from '../../../shared/api';
import { buildSelector, isValidMetricName, type MatchOp } from './selector';

/** codemirror-promql's matcher: `type` is the parser's node id of the operator. */
export type PromQLMatcher = NonNullable<Parameters<PrometheusClient['labelValues']>[2]>[number];

const CACHE_MS = 10_000;

/**
 * A selector for `metric` and `matchers`, leaving out the label being completed and matchers
 * still empty; '' when nothing restricts.
 */
export function completionSelector(
  metric: string | undefined,
  matchers: PromQLMatcher[] | undefined,
  opOf: (type: number) => MatchOp,
  skipLabel?: string,
): string {
  const ms = (matchers ?? [])
    .filter((m) => m.name !== skipLabel && m.name !== '__name__' && m.value !== '')
    .map((m) => ({ name: m.name, op: opOf(m.type), value: m.value }));
  const name = metric && isValidMetricName(metric) ? metric : '';
  return buildSelector({ metric: name, matchers: ms });
}

/**
 * `datasource` is read per look-up (the editor outlives a change of datasource); the cache is
 * keyed by it, so names from one server never complete a query for another.
 */
export function createPromQLClient(
  api: Pick<Api, 'labelNames' | 'labelValues'>,
  opOf: (type: number) => MatchOp,
  nowMs: () => number = Date.now,
  datasource: () => string | undefined = () => undefined,
): PrometheusClient {
  const cache = new Map<string, { atMs: number; value: Promise<string[]> }>();
  const cached = (k: string, load: (ds: string | undefined) => Promise<string[]>): Promise<string[]> => {
    const ds = datasource();
    const key = `${ds ?? ''}\u0000${k}`;
    const hit = cache.get(key);
    if (hit && nowMs() - hit.atMs < CACHE_MS) return hit.value;
    // A failed look-up completes nothing rather than breaking the editor; it is not cached.
    const value = load(ds).catch(() => {
      cache.delete(key);
      return [];
    });
    cache.set(key, { atMs: nowMs(), value });
    return value;
  };
  return {
    labelNames: (metricName) => {
      const sel = completionSelector(metricName, undefined, opOf);
      return cached(`n\u0000${sel}`, (ds) => api.labelNames(sel || undefined, ds)).then((names) =>
        names.filter((n) => n !== '__name__'),
      );
    },
    labelValues: (labelName, metricName, matchers) => {
      const sel = completionSelector(metricName, matchers, opOf, labelName);
      return cached(`v\u0000${labelName}\u0000${sel}`, (ds) =>
        api.labelValues(labelName, sel || undefined, ds),
      );
    },
    metricNames: () => cached('m', (ds) => api.labelValues('__name__', undefined, ds)),
    // The engine keeps no metadata (HELP/TYPE) or flags; completion works without them.
    metricMetadata: () => Promise.resolve({}),
    series: () => Promise.resolve([]),
    flags: () => Promise.resolve({}),
    destroy: () => cache.clear(),
  };
}
