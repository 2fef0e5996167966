// Runtime values of the step-wise evaluator.
import type { LabelSet } from '../../../shared/api';

/** One element of an instant vector at the current step. */
export interface Sample {
  metric: LabelSet;
  v: number;
  /** Delayed __name__ removal (Prometheus 3 semantics): dropped when the query finishes. */
  dropName: boolean;
  /** The sample's own timestamp; only set by plain vector selectors (for timestamp()). */
  t?: number;
}

/** One series' window of a range vector: points t[lo..hi) / v[lo..hi) (no copies). */
export interface RangeSeries {
  metric: LabelSet;
  t: Float64Array;
  v: Float64Array;
  lo: number;
  hi: number;
  dropName: boolean;
}

export type Value =
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'matrix'; series: RangeSeries[] }
  | { kind: 'scalar'; v: number }
  | { kind: 'string'; v: string };

/** A series evaluated over many steps (range query results, subquery inputs). */
export interface StepSeries {
  metric: LabelSet;
  dropName: boolean;
  t: number[];
  v: number[];
}
