// Bulk path for backfill (`promdesk import`): samples of series the store does not hold yet are
// gathered per series and written straight as closed chunks, in a few large SQLite transactions,
// without the open chunks (head) and the sample log. Each series is cut into chunks where the
// head would close them (a new aligned 2 h window, or maxChunkSamples), and samples are kept or
// dropped by the head's own rule (checkNewest), so a query over a bulk import returns exactly
// what the slow path stores. Crash safety: every transaction leaves whole chunks and their
// series' closed_max_t in step, so a kill loses at most the part of the import not yet written.
// The writer must be the only one appending to its series: the caller sends series the store
// held before the import to the ordinary appender instead (see import-command.ts).
import type Database from 'better-sqlite3';
import { checkNewest, type AppendStats } from './append-rules';
import { encodeChunk } from './chunk-codec/chunk';
import { CHUNK_SPAN_MS, windowOf } from './head-pool';
import type { AppendOutcome } from './types';

/** Timestamps are integer ms within ±2^49, as the appender checks (the codecs stay exact). */
const MAX_ABS_T = 2 ** 49;

/** One series of the import; opaque to callers. */
export interface BulkSeries {
  readonly key: string;
  /** Row id once written; 0 before. */
  id: number;
  /** Newest accepted sample (checkNewest's reference). */
  lastT: number;
  lastV: number;
  /** Samples not written yet. */
  t: Float64Array;
  v: Float64Array;
  n: number;
}

export interface BulkWriterOptions {
  /** Same as the store's (ChunkStoreOptions.maxChunkSamples). */
  maxChunkSamples?: number;
  /** Buffered samples at which the finished chunks of every series are written. */
  flushSamples?: number;
}

export class BulkWriter {
  readonly stats: AppendStats & { chunksWritten: number; transactions: number } = {
    outOfOrder: 0,
    duplicates: 0,
    chunksWritten: 0,
    transactions: 0,
  };
  private readonly bySeriesKey = new Map<string, BulkSeries>();
  private readonly maxChunkSamples: number;
  private readonly flushSamples: number;
  private buffered = 0;
  private readonly noStale: Uint8Array;
  private readonly stmts;

  constructor(
    private readonly db: Database.Database,
    opts: BulkWriterOptions = {},
  ) {
    this.maxChunkSamples = opts.maxChunkSamples ?? 240;
    this.flushSamples = opts.flushSamples ?? 4_000_000;
    this.noStale = new Uint8Array(this.maxChunkSamples);
    this.stmts = {
      insertSeries: db.prepare('INSERT INTO series (labels) VALUES (?)'),
      insertChunk: db.prepare('INSERT INTO chunks (series_id, min_t, max_t, data) VALUES (?, ?, ?, ?)'),
      setClosedMax: db.prepare('UPDATE series SET closed_max_t = ? WHERE id = ?'),
    };
  }

  /** The import's series with this key (labelsKey), created on first use. */
  series(key: string): BulkSeries {
    let s = this.bySeriesKey.get(key);
    if (s === undefined) {
      s = {
        key,
        id: 0,
        lastT: -Infinity,
        lastV: NaN,
        t: new Float64Array(64),
        v: new Float64Array(64),
        n: 0,
      };
      this.bySeriesKey.set(key, s);
    }
    return s;
  }

  /** Appends one sample by the appender's rules; 'ok' also for an exact repeat (stored once). */
  append(s: BulkSeries, t: number, v: number): AppendOutcome {
    if (!(t >= -MAX_ABS_T && t <= MAX_ABS_T)) return 'out_of_bounds';
    t = Math.round(t);
    if (t <= s.lastT) return checkNewest(s.lastT, s.lastV, false, t, v, false, this.stats) ?? 'ok';
    if (s.n === s.t.length) {
      const t2 = new Float64Array(s.n * 2);
      t2.set(s.t);
      s.t = t2;
      const v2 = new Float64Array(s.n * 2);
      v2.set(s.v);
      s.v = v2;
    }
    s.t[s.n] = t;
    s.v[s.n] = v;
    s.n++;
    s.lastT = t;
    s.lastV = v;
    if (++this.buffered >= this.flushSamples) this.flush(false);
    return 'ok';
  }

  /**
   * Writes the buffered samples as closed chunks in one transaction. Unless `all`, each series'
   * last chunk stays buffered while more samples could still join it.
   */
  flush(all: boolean): void {
    const rest: [BulkSeries, number][] = [];
    const created: BulkSeries[] = [];
    try {
      this.db.transaction(() => {
        for (const s of this.bySeriesKey.values()) {
          if (s.n === 0) continue;
          const isNew = s.id === 0;
          const done = this.writeSeries(s, all);
          if (isNew && s.id !== 0) created.push(s);
          rest.push([s, done]);
        }
      })();
    } catch (err) {
      // Rolled back: the series rows made in it are gone too.
      for (const s of created) s.id = 0;
      throw err;
    }
    this.stats.transactions++;
    // Only once the transaction committed: drop what it wrote from the buffers.
    let left = 0;
    for (const [s, done] of rest) {
      if (done > 0) {
        s.t.copyWithin(0, done, s.n);
        s.v.copyWithin(0, done, s.n);
        s.n -= done;
      }
      left += s.n;
    }
    this.buffered = left;
  }

  /** Writes s's finished chunks (all of them if `all`); returns how many samples they hold. */
  private writeSeries(s: BulkSeries, all: boolean): number {
    const { t, v, n } = s;
    const max = this.maxChunkSamples;
    let start = 0;
    let written = 0;
    while (start < n) {
      // The first timestamp past t[start]'s aligned window.
      const windowEnd = (windowOf(t[start]) + 1) * CHUNK_SPAN_MS;
      const last = Math.min(n, start + max);
      let end = start + 1;
      while (end < last && t[end] < windowEnd) end++;
      // The last chunk may still grow unless it is full or everything is to be written.
      if (end === n && !all && end - start < max) break;
      if (s.id === 0) s.id = Number(this.stmts.insertSeries.run(s.key).lastInsertRowid);
      const data = encodeChunk(t.subarray(start, end), v.subarray(start, end), this.noStale, end - start);
      this.stmts.insertChunk.run(s.id, t[start], t[end - 1], data);
      this.stats.chunksWritten++;
      written = end;
      start = end;
    }
    if (written > 0) this.stmts.setClosedMax.run(t[written - 1], s.id);
    return written;
  }
}
