// Optional downsampling of old data: closed raw chunks that ended before `afterMs` ago are
// replaced by chunks at a coarser resolution (5 minutes by default). Each resolution bucket keeps
// its last sample, which is what a chart of that range draws. Counter-like series (_total,
// _count, _sum, _bucket) also keep the sample just before every drop, so a counter reset stays
// visible and rate()/increase() over the downsampled range add up as before; staleness markers
// are kept so series still end where they ended. Queries over downsampled ranges need range
// windows of at least two resolutions (e.g. rate(x[10m]) at 5m).
// Work is split into small transactions, one per event-loop turn, like retention.
import type Database from 'better-sqlite3';
import type { ChunkSeries } from './chunk-series';
import { decodeChunk, encodeChunk, type DecodedChunk } from './chunk-codec/chunk';
import type { ChunkDamage } from './chunk-damage';

export interface DownsampleOptions {
  /** Downsample closed chunks that ended more than this long ago. */
  afterMs: number;
  /** Resolution of the downsampled data (default 5 minutes). */
  resolutionMs?: number;
  /** "Now" for the age cut (default Date.now()). */
  now?: number;
}

export interface DownsampleResult {
  /** Raw chunks replaced. */
  replacedChunks: number;
  samplesBefore: number;
  samplesAfter: number;
}

export const DEFAULT_RESOLUTION_MS = 5 * 60_000;
const STEP_CHUNKS = 64;
const MAX_CHUNK_SAMPLES = 480;
const COUNTER_LIKE = /_(total|count|sum|bucket)$/;

/** Indexes of the samples to keep when downsampling [0, n) to `resolutionMs`. */
export function samplesToKeep(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  stale: ArrayLike<number> | undefined,
  n: number,
  resolutionMs: number,
  counterLike: boolean,
): number[] {
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const lastInBucket =
      i === n - 1 || Math.floor(t[i + 1] / resolutionMs) !== Math.floor(t[i] / resolutionMs);
    const isStale = stale?.[i] === 1;
    const beforeReset = counterLike && i + 1 < n && !isStale && stale?.[i + 1] !== 1 && v[i + 1] < v[i];
    if (lastInBucket || isStale || beforeReset) keep.push(i);
  }
  return keep;
}

interface StoreView {
  allSeries(): IterableIterator<ChunkSeries>;
  readonly damage: ChunkDamage;
  checksummed(id: number): boolean;
}

export class Downsampler {
  private readonly rawChunks;
  private readonly insert;
  private readonly del;
  private running: Promise<DownsampleResult> | null = null;
  private stopped = false;
  /** Damaged chunks are left where they are, and left out of later steps (JSON array of ids). */
  private readonly damaged: number[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly store: StoreView,
  ) {
    this.rawChunks = db.prepare(
      'SELECT id, data FROM chunks WHERE series_id = ? AND res = 0 AND max_t < ? ' +
        'AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY min_t LIMIT ?',
    );
    this.insert = db.prepare(
      'INSERT INTO chunks (series_id, min_t, max_t, data, res) VALUES (?, ?, ?, ?, ?)',
    );
    this.del = db.prepare('DELETE FROM chunks WHERE id = ?');
  }

  run(opts: DownsampleOptions): Promise<DownsampleResult> {
    this.running ??= this.loop(opts).finally(() => (this.running = null));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(opts: DownsampleOptions): Promise<DownsampleResult> {
    const result: DownsampleResult = { replacedChunks: 0, samplesBefore: 0, samplesAfter: 0 };
    const cut = (opts.now ?? Date.now()) - opts.afterMs;
    const res = opts.resolutionMs ?? DEFAULT_RESOLUTION_MS;
    for (;;) {
      if (this.stopped) return result;
      const done = this.step(cut, res, result);
      if (done === 0) break;
      await new Promise((r) => setImmediate(r));
    }
    if (result.replacedChunks > 0 && !this.stopped) this.db.pragma('incremental_vacuum');
    return result;
  }

  /** Replaces up to STEP_CHUNKS raw chunks in one transaction; returns how many. */
  private step(cut: number, res: number, result: DownsampleResult): number {
    let budget = STEP_CHUNKS;
    this.db.transaction(() => {
      for (const s of this.store.allSeries()) {
        if (budget === 0) break;
        if (!(s.minT < cut) || s.closedMaxT === -Infinity) continue;
        const fetched = this.rawChunks.all(s.id, cut, JSON.stringify(this.damaged), budget) as {
          id: number;
          data: Uint8Array;
        }[];
        if (fetched.length === 0) continue;
        budget -= fetched.length;
        const rows: typeof fetched = [];
        const decoded: DecodedChunk[] = [];
        for (const r of fetched) {
          try {
            decoded.push(decodeChunk(r.data, this.store.checksummed(r.id)));
            rows.push(r);
          } catch (err) {
            this.store.damage.report('chunks', r.id, s.labels, err);
            this.damaged.push(r.id);
          }
        }
        if (rows.length === 0) continue;
        const total = decoded.reduce((a, c) => a + c.n, 0);
        const t = new Float64Array(total);
        const v = new Float64Array(total);
        const stale = new Uint8Array(total);
        let at = 0;
        for (const c of decoded) {
          t.set(c.t.subarray(0, c.n), at);
          v.set(c.v.subarray(0, c.n), at);
          if (c.stale) stale.set(c.stale.subarray(0, c.n), at);
          at += c.n;
        }
        const keep = samplesToKeep(t, v, stale, total, res, COUNTER_LIKE.test(s.labels.__name__ ?? ''));
        for (const r of rows) this.del.run(r.id);
        for (let from = 0; from < keep.length; from += MAX_CHUNK_SAMPLES) {
          const idx = keep.slice(from, from + MAX_CHUNK_SAMPLES);
          const ct = idx.map((i) => t[i]);
          const data = encodeChunk(
            ct,
            idx.map((i) => v[i]),
            idx.map((i) => stale[i]),
            idx.length,
          );
          this.insert.run(s.id, ct[0], ct[ct.length - 1], data, res);
        }
        result.replacedChunks += rows.length;
        result.samplesBefore += total;
        result.samplesAfter += keep.length;
      }
    })();
    return STEP_CHUNKS - budget;
  }
}
