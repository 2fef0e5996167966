// One series of the chunk store in memory: identity, time bounds, the open chunk, its newest
// sample, and the scratch fields the appender and commit use so that appending a sample
// allocates nothing (a class, so every series has one hidden class and the hot path stays
// monomorphic).
import type { LabelSet } from '../../../shared/api';
import type { IndexedSeries } from './label-index';
import type { HeadChunk } from './head';

/** `id` of a series first seen in an open batch, before its commit gives it a row. */
export const UNCOMMITTED = 0;
/** `id` of an uncommitted series whose batch was rolled back: holders must look it up again. */
export const ABANDONED = -1;
/** `id` while a commit inserts the series' row (never seen outside ChunkStore.commitBatch). */
export const CREATING = -2;

export class ChunkSeries implements IndexedSeries {
  minT = Infinity;
  maxT = -Infinity;
  head: HeadChunk | null = null;
  /** max_t of the newest closed chunk (-Infinity when none). */
  closedMaxT = -Infinity;
  /** Value and staleness of the newest sample; lastKnown is false until loaded after a reopen. */
  lastV = NaN;
  lastStale = false;
  lastKnown = false;
  /** Head changed since the last checkpoint. */
  dirty = false;

  /** Serial of the appender that last took a sample for it, and that sample. */
  batch = 0;
  batchT = -Infinity;
  batchV = NaN;
  batchStale = false;

  /** Serial of the commit that saved the undo state below (restored if its transaction fails). */
  undoSeq = 0;
  undoHead: HeadChunk | null = null;
  undoLen = 0;
  undoMinT = Infinity;
  undoMaxT = -Infinity;
  undoClosedMaxT = -Infinity;
  undoLastV = NaN;
  undoLastStale = false;
  undoLastKnown = false;
  undoDirty = false;

  constructor(
    public id: number,
    readonly key: string,
    readonly labels: LabelSet,
    /** The store it belongs to (a SeriesRef's cached slot is only trusted for that store). */
    readonly owner: object,
  ) {}

  saveUndo(seq: number): void {
    this.undoSeq = seq;
    this.undoHead = this.head;
    this.undoLen = this.head ? this.head.len : 0;
    this.undoMinT = this.minT;
    this.undoMaxT = this.maxT;
    this.undoClosedMaxT = this.closedMaxT;
    this.undoLastV = this.lastV;
    this.undoLastStale = this.lastStale;
    this.undoLastKnown = this.lastKnown;
    this.undoDirty = this.dirty;
  }

  restoreUndo(): void {
    this.head = this.undoHead;
    if (this.head) this.head.len = this.undoLen;
    this.minT = this.undoMinT;
    this.maxT = this.undoMaxT;
    this.closedMaxT = this.undoClosedMaxT;
    this.lastV = this.undoLastV;
    this.lastStale = this.undoLastStale;
    this.lastKnown = this.undoLastKnown;
    this.dirty = this.undoDirty;
    this.undoHead = null;
  }
}
