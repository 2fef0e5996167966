// One scrape's batch for the chunk store. Checks Prometheus's rules at append time against the
// stored head and the batch itself: an older timestamp is out of order, the same timestamp with a
// different value (or stale-ness) a duplicate; an identical repeat is a no-op. Each is counted.
import type { LabelSet } from '../../../shared/api';
import { labelsKey, normalizeLabels } from './labels-key';
import type { AppendOutcome, Appender, CommitResult } from './types';
import { checkAppend } from './append-rules';

export interface PendingSample {
  key: string;
  labels: LabelSet;
  t: number;
  v: number;
  stale: boolean;
}

export interface LastSample {
  t: number;
  v: number;
  stale: boolean;
}

export interface AppendTarget {
  readonly stats: { outOfOrder: number; duplicates: number };
  /** Newest stored sample of the series with this key, if the series exists and has one. */
  lastSample(key: string): LastSample | undefined;
  isKnown(key: string): boolean;
  commitBatch(batch: PendingSample[]): CommitResult;
}

/** Timestamps are integer ms within ±2^49 (≈ ±17,800 years) so the codecs stay exact. */
const MAX_ABS_T = 2 ** 49;

export class ChunkAppender implements Appender {
  private batch: PendingSample[] = [];
  private pending = new Map<string, LastSample>();

  constructor(private readonly store: AppendTarget) {}

  append(labels: LabelSet, t: number, v: number, key?: string): AppendOutcome {
    return this.add(labels, t, v, false, key);
  }

  appendStale(labels: LabelSet, t: number): AppendOutcome {
    return this.add(labels, t, NaN, true);
  }

  private add(labels: LabelSet, t: number, v: number, stale: boolean, knownKey?: string): AppendOutcome {
    if (!Number.isFinite(t) || Math.abs(t) > MAX_ABS_T) return 'out_of_bounds';
    t = Math.round(t);
    const key = knownKey ?? labelsKey(labels);
    let last = this.pending.get(key);
    if (!last) {
      if (this.store.isKnown(key)) last = this.store.lastSample(key);
      else labels = normalizeLabels(labels);
    }
    const rejected = checkAppend(last, t, v, stale, this.store.stats);
    if (rejected) return rejected;
    this.pending.set(key, { t, v, stale });
    this.batch.push({ key, labels, t, v, stale });
    return 'ok';
  }

  commit(): CommitResult {
    const batch = this.batch;
    this.batch = [];
    this.pending.clear();
    if (batch.length === 0) return { samples: 0, newSeries: 0, committed: [] };
    return this.store.commitBatch(batch);
  }

  rollback(): void {
    this.batch = [];
    this.pending.clear();
  }
}
