// The narrow interface between the series store and everything above it (scrape, query, API).
// A later store (compressed chunks) replaces the implementation behind it, not this file.
import type { LabelSet } from '../../../shared/api';

export type MatchType = '=' | '!=' | '=~' | '!~';

/** A label matcher as PromQL writes it; regexes are fully anchored, like Prometheus's. */
export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

/** One series' samples in a time range, columnar. Timestamps are integer milliseconds. */
export interface SeriesSamples {
  labels: LabelSet;
  t: Float64Array;
  v: Float64Array;
  /** 1 where the sample is a staleness marker (its v is NaN); absent when none is. */
  stale?: Uint8Array;
}

export type AppendOutcome = 'ok' | 'duplicate' | 'out_of_order' | 'out_of_bounds';

/** Collects one scrape's samples; commit() stores them as one batch (all or nothing). */
export interface Appender {
  /**
   * labels must include __name__; values NaN/±Inf are kept as such. `key` is labelsKey(labels),
   * passed by callers that cache it (the scrape loop) so the hot path does not recompute it.
   */
  append(labels: LabelSet, t: number, v: number, key?: string): AppendOutcome;
  /** A staleness marker: the series ended at t. */
  appendStale(labels: LabelSet, t: number): AppendOutcome;
  commit(): CommitResult;
  rollback(): void;
}

export interface CommittedSample {
  seriesId: number;
  labels: LabelSet;
  t: number;
  v: number;
  stale: boolean;
}

export interface CommitResult {
  samples: number;
  newSeries: number;
  committed: CommittedSample[];
}

export interface Querier {
  /** Series matching every matcher, with their samples in [mint, maxt] (inclusive). */
  select(matchers: Matcher[], mint: number, maxt: number): SeriesSamples[];
  /** Label sets of series matching any of the matcher lists, with samples in [mint, maxt]. */
  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[];
  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[];
  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[];
}
