// One scrape's batch for the chunk store. Checks Prometheus's rules at append time against the
// stored head and the batch itself: an older timestamp is out of order, the same timestamp with a
// different value (or stale-ness) a duplicate; an identical repeat is a no-op. Each is counted.
// The newest batch sample of a series is found through its index, kept on the series object
// (tagged with this appender's serial), and the batch is columnar, so a sample costs no
// allocation of its own.
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import type { AppendOutcome, Appender, CommitResult, SeriesRef } from './types';
import { checkNewest, type AppendStats } from './append-rules';
import { ABANDONED, UNCOMMITTED, type ChunkSeries } from './chunk-series';
import { NO_SAMPLES, SampleBatch } from './sample-batch';

/** What the appender needs of the store. */
export interface ChunkAppendTarget {
  readonly stats: AppendStats;
  /** The series with this key: stored, or uncommitted (shared by open batches), or a new one. */
  resolve(key: string, labels: LabelSet): ChunkSeries;
  /** Fills lastV / lastStale of a stored series after a reopen. */
  loadLast(s: ChunkSeries): void;
  commitBatch(batch: SampleBatch<ChunkSeries>): CommitResult;
  /** A rolled-back batch's uncommitted series: forget them unless another batch commits them. */
  abandon(s: ChunkSeries): void;
}

/** Timestamps are integer ms within ±2^49 (≈ ±17,800 years) so the codecs stay exact. */
const MAX_ABS_T = 2 ** 49;

let serials = 0;

export class ChunkAppender implements Appender {
  private serial = ++serials;
  private batch: SampleBatch<ChunkSeries>;

  /** `expected`: about how many samples the batch will hold (sizes its arrays). */
  constructor(
    private readonly store: ChunkAppendTarget,
    expected = 0,
  ) {
    this.batch = new SampleBatch<ChunkSeries>(expected);
  }

  append(labels: LabelSet, t: number, v: number, key?: string): AppendOutcome {
    return this.add(this.store.resolve(key ?? labelsKey(labels), labels), t, v, false);
  }

  appendStale(labels: LabelSet, t: number, key?: string): AppendOutcome {
    return this.add(this.store.resolve(key ?? labelsKey(labels), labels), t, NaN, true);
  }

  appendRef(ref: SeriesRef, t: number, v: number, stale: boolean): AppendOutcome {
    let s = ref.slot as ChunkSeries | undefined;
    if (s === undefined || s.owner !== this.store || s.id === ABANDONED) {
      s = this.store.resolve(ref.key, ref.labels);
      ref.slot = s;
    }
    return this.add(s, t, stale ? NaN : v, stale);
  }

  private add(s: ChunkSeries, t: number, v: number, stale: boolean): AppendOutcome {
    if (!(t >= -MAX_ABS_T && t <= MAX_ABS_T)) return 'out_of_bounds';
    t = Math.round(t);
    let rejected: AppendOutcome | null = null;
    if (s.batch === this.serial) {
      const b = this.batch;
      const i = s.batchIndex;
      rejected = checkNewest(b.t[i], b.v[i], b.stale[i] === 1, t, v, stale, this.store.stats);
    } else if (s.maxT !== -Infinity) {
      if (!s.lastKnown) this.store.loadLast(s);
      rejected = checkNewest(s.maxT, s.lastV, s.lastStale, t, v, stale, this.store.stats);
    }
    if (rejected !== null) return rejected;
    s.batch = this.serial;
    s.batchIndex = this.batch.length;
    this.batch.push(s, t, v, stale);
    return 'ok';
  }

  commit(): CommitResult {
    const batch = this.reset();
    if (batch.length === 0) return { samples: 0, newSeries: 0, committed: NO_SAMPLES };
    return this.store.commitBatch(batch);
  }

  rollback(): void {
    const batch = this.reset();
    for (let i = 0; i < batch.length; i++) {
      if (batch.series[i].id === UNCOMMITTED) this.store.abandon(batch.series[i]);
    }
  }

  /** Hands over the batch and starts a new one (a new serial invalidates per-series batch state). */
  private reset(): SampleBatch<ChunkSeries> {
    const batch = this.batch;
    this.batch = new SampleBatch<ChunkSeries>();
    this.serial = ++serials;
    return batch;
  }
}
