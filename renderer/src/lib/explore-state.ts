// The Explore view's state in the URL hash, so a view can be shared or bookmarked:
// `#/explore?q=<expr>&tab=graph|heatmap|table&range=1h&stacked=1&time=<ms>&ds=<datasource id>`.
import { formatHash } from './route';
import { rangeFromParam, rangeToParam, type TimeRange } from './time-range';

export type ExploreTab = 'graph' | 'heatmap' | 'table';

export interface ExploreState {
  query: string;
  tab: ExploreTab;
  range: TimeRange;
  stacked: boolean;
  /** Evaluation time of the table (ms); null = now. */
  timeMs: number | null;
  /** A remote datasource's id; '' (or absent) = the local store. */
  datasource?: string;
}

export const defaultExploreRange: TimeRange = { kind: 'relative', durationMs: 3_600_000 };

export function exploreStateFromParams(params: URLSearchParams): ExploreState {
  const time = Number(params.get('time'));
  const ds = params.get('ds');
  return {
    query: params.get('q') ?? '',
    tab: params.get('tab') === 'table' ? 'table' : params.get('tab') === 'heatmap' ? 'heatmap' : 'graph',
    range: rangeFromParam(params.get('range')) ?? defaultExploreRange,
    stacked: params.get('stacked') === '1',
    timeMs: params.get('time') && Number.isFinite(time) && time > 0 ? Math.round(time) : null,
    ...(ds ? { datasource: ds } : {}),
  };
}

export function exploreHash(s: ExploreState): string {
  return formatHash('explore', {
    q: s.query,
    tab: s.tab === 'graph' ? null : s.tab,
    range: rangeToParam(s.range),
    stacked: s.stacked ? '1' : null,
    time: s.timeMs === null ? null : String(s.timeMs),
    ds: s.datasource || null,
  });
}

// The last Explore hash, so the nav link returns to the query a user had open.
let lastHash = '#/explore';

export function rememberExploreHash(hash: string): void {
  lastHash = hash;
}

export function lastExploreHash(): string {
  return lastHash;
}
