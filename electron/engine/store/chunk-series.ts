// One series of the chunk store in memory: identity, time bounds, the open chunk, its newest
// sample, and the fields the appender uses so that appending a sample allocates nothing (a
// class, so every series has one hidden class and the hot path stays monomorphic).
import type { LabelSet } from '../../../shared/api';
import type { IndexedSeries } from './label-index';
import type { OpenChunk } from './head-pool';

/** `id` of a series first seen in an open batch, before its commit gives it a row. */
export const UNCOMMITTED = 0;
/** `id` of an uncommitted series whose batch was rolled back: holders must look it up again. */
export const ABANDONED = -1;
/** `id` while a commit inserts the series' row (never seen outside ChunkStore.commitBatch). */
export const CREATING = -2;

export class ChunkSeries implements IndexedSeries, OpenChunk {
  minT = Infinity;
  maxT = -Infinity;
  /** The open chunk's place in the store's HeadPool (small integers: no objects, no boxes). */
  headLen = 0;
  headWindow = 0;
  headSlot = -1;
  /** max_t of the newest closed chunk (-Infinity when none). */
  closedMaxT = -Infinity;
  /** Value and staleness of the newest sample; lastKnown is false until loaded after a reopen. */
  lastV = NaN;
  lastStale = false;
  lastKnown = false;
  /** Head changed since the last checkpoint. */
  dirty = false;

  /** Serial of the appender that last took a sample for it, and that sample's index there. */
  batch = 0;
  batchIndex = 0;

  constructor(
    public id: number,
    readonly key: string,
    readonly labels: LabelSet,
    /** The store it belongs to (a SeriesRef's cached slot is only trusted for that store). */
    readonly owner: object,
  ) {}
}
