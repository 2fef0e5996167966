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

/**
 * A caller's handle on a series it appends to again and again (a scrape target's series): the
 * store caches its own series object in `slot`, so the hot path skips the label-key lookup.
 */
export interface SeriesRef {
  /** labelsKey(labels). */
  readonly key: string;
  readonly labels: LabelSet;
  /** Owned by the store; starts undefined. */
  slot: unknown;
}

/** Collects one scrape's samples; commit() stores them as one batch (all or nothing). */
export interface Appender {
  /**
   * labels must include __name__; values NaN/±Inf are kept as such. `key` is labelsKey(labels),
   * passed by callers that cache it so the hot path does not recompute it.
   */
  append(labels: LabelSet, t: number, v: number, key?: string): AppendOutcome;
  /** A staleness marker: the series ended at t. */
  appendStale(labels: LabelSet, t: number, key?: string): AppendOutcome;
  /** append / appendStale for a kept SeriesRef (the scrape hot path). */
  appendRef(ref: SeriesRef, t: number, v: number, stale: boolean): AppendOutcome;
  commit(): CommitResult;
  rollback(): void;
}

/** A stored series as commit consumers see it. */
export interface StoredSeries {
  readonly id: number;
  readonly labels: LabelSet;
}

/**
 * The samples of one commit, columnar (no object per sample): sample i is series[i] at t[i] with
 * value v[i]; stale[i] is 1 for a staleness marker (v[i] is NaN).
 */
export interface CommittedSamples {
  readonly length: number;
  readonly series: readonly StoredSeries[];
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
  readonly stale: ArrayLike<number>;
}

export interface CommitResult {
  samples: number;
  newSeries: number;
  committed: CommittedSamples;
}

/**
 * A bound on what one select may read into memory: the store counts samples as it finds them,
 * before decoding, and throws SampleBudgetError once `samples` would be passed.
 */
export interface SelectBudget {
  samples: number;
}

export class SampleBudgetError extends Error {
  override name = 'SampleBudgetError';
}

export interface Querier {
  /** Series matching every matcher, with their samples in [mint, maxt] (inclusive). */
  select(matchers: Matcher[], mint: number, maxt: number, budget?: SelectBudget): SeriesSamples[];
  /** Label sets of series matching any of the matcher lists, with samples in [mint, maxt]. */
  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[];
  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[];
  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[];
}
