// Retention for the chunk store: drops closed chunks older than an age, then the oldest while the
// data is over a size. Work is split into small transactions (at most STEP_CHUNKS deletions each)
// run one per event-loop turn, so a scrape commit never waits behind a long delete.
import type Database from 'better-sqlite3';
import type { ChunkSeries } from './chunk-series';
import { COMPACT_SPAN_MS } from './compaction';
import { CHUNK_SPAN_MS } from './head-pool';

export interface RetentionOptions {
  /** Keep this much history (default 30 days). */
  maxAgeMs?: number;
  /** Keep the data under this many bytes (sizeBytes()). */
  maxBytes?: number;
  /** "Now" for the age cut (default Date.now()). */
  now?: number;
}

export interface RetentionResult {
  deletedChunks: number;
  steps: number;
}

/** What the engine keeps: by age, by size, and optionally old data downsampled to 5 minutes. */
export interface KeepPolicy {
  maxAgeMs?: number;
  maxBytes?: number;
  /** Downsample data older than this (off when absent). */
  downsampleAfterMs?: number;
}

export const DEFAULT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const STEP_CHUNKS = 256;

interface StoreView {
  allSeries(): IterableIterator<ChunkSeries>;
  /** Timestamp of the first sample of s's open chunk (headLen > 0). */
  headMinT(s: ChunkSeries): number;
  sizeBytes(): number;
}

export class RetentionRunner {
  private readonly del;
  private readonly firstMin;
  private stopped = false;
  private running: Promise<RetentionResult> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly store: StoreView,
  ) {
    this.del = db.prepare(
      'DELETE FROM chunks WHERE id IN (SELECT id FROM chunks WHERE series_id = ? AND max_t < ? ORDER BY max_t LIMIT ?)',
    );
    this.firstMin = db.prepare('SELECT min_t FROM chunks WHERE series_id = ? ORDER BY max_t LIMIT 1').pluck();
  }

  run(opts: RetentionOptions): Promise<RetentionResult> {
    // One pass at a time; a second caller shares the running one.
    this.running ??= this.loop(opts).finally(() => (this.running = null));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(opts: RetentionOptions): Promise<RetentionResult> {
    const result: RetentionResult = { deletedChunks: 0, steps: 0 };
    const ageCut = (opts.now ?? Date.now()) - (opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
    for (;;) {
      if (this.stopped) return result;
      let cut = ageCut;
      let oldest = Infinity;
      if (opts.maxBytes !== undefined && this.store.sizeBytes() > opts.maxBytes) {
        // Over the size: drop the oldest chunk window across all series.
        for (const s of this.store.allSeries())
          if (s.closedMaxT > -Infinity && s.minT < oldest) oldest = s.minT;
        if (oldest !== Infinity) cut = Math.max(cut, oldest + CHUNK_SPAN_MS);
      }
      let deleted = this.step(cut);
      // A compacted row spans up to COMPACT_SPAN_MS: when the window frees none, its span goes.
      if (deleted === 0 && oldest !== Infinity)
        deleted = this.step(Math.max(ageCut, oldest + COMPACT_SPAN_MS));
      result.steps++;
      result.deletedChunks += deleted;
      if (deleted === 0) break;
      await new Promise((r) => setImmediate(r));
    }
    if (result.deletedChunks > 0 && !this.stopped) this.db.pragma('incremental_vacuum');
    return result;
  }

  /** Deletes up to STEP_CHUNKS chunks with max_t < cut, in one transaction. */
  private step(cut: number): number {
    let budget = STEP_CHUNKS;
    this.db.transaction(() => {
      for (const s of this.store.allSeries()) {
        if (budget === 0) break;
        // Only closed chunks are deleted, and only series with some older than the cut.
        if (!(s.minT < cut) || s.closedMaxT === -Infinity || !(this.firstMinOf(s) < cut)) continue;
        const n = this.del.run(s.id, cut, budget).changes;
        budget -= n;
        const first = this.firstMin.get(s.id) as number | undefined;
        s.minT = first ?? (s.headLen > 0 ? this.store.headMinT(s) : Infinity);
      }
    })();
    return STEP_CHUNKS - budget;
  }

  private firstMinOf(s: ChunkSeries): number {
    return (this.firstMin.get(s.id) as number | undefined) ?? Infinity;
  }
}
