// Bulk path for backfill (`promdesk import`): samples of series the store does not hold yet are
// gathered per series and written straight as closed chunks, in a few large SQLite transactions,
// without the open chunks (head) and the sample log. Each series is cut into rows of the size
// compaction.ts would merge the head's chunks into (so an imported directory is as small as a
// compacted one), and samples are kept or dropped by the head's own rule (checkNewest), so a
// query over a bulk import returns exactly what the slow path stores. Crash safety: every transaction leaves whole chunks and their
// series' closed_max_t in step, so a kill loses at most the part of the import not yet written.
// The writer must be the only one appending to its series: the caller sends series the store
// held before the import to the ordinary appender instead (see import-file.ts).
// acceptInPlace and cutRows are the same rules over a series' whole column at once, for the
// import's worker threads (import-worker.ts); writeEncoded stores the chunks those encode.
import type Database from 'better-sqlite3';
import { checkNewest, type AppendStats } from './append-rules';
import { encodeChunk } from './chunk-codec/chunk';
import { COMPACT_SPAN_MS } from './compaction';
import { chunkRowCellBytes, packedOrder } from './row-packing';
import type { AppendOutcome } from './types';

/** Timestamps are integer ms within ±2^49, as the appender checks (the codecs stay exact). */
const MAX_ABS_T = 2 ** 49;

/** The newest accepted sample of a series: the append rules' reference (lastT -Infinity: none). */
export interface SeriesTail {
  lastT: number;
  lastV: number;
}

/** A series' samples t/v[0, n), in columns with room to grow. */
export interface SampleColumns {
  t: Float64Array;
  v: Float64Array;
  n: number;
}

/** Appends one sample to `c`, its columns doubled when full. */
export function pushSample(c: SampleColumns, t: number, v: number): void {
  const n = c.n;
  if (n === c.t.length) {
    const t2 = new Float64Array(n * 2);
    t2.set(c.t);
    c.t = t2;
    const v2 = new Float64Array(n * 2);
    v2.set(c.v);
    c.v = v2;
  }
  c.t[n] = t;
  c.v[n] = v;
  c.n = n + 1;
}

/** One series of the import (its samples not written yet in the columns); opaque to callers. */
export interface BulkSeries extends SeriesTail, SampleColumns {
  readonly key: string;
  /** Row id once written; 0 before. */
  id: number;
}

/** What an import counts: accepted samples (exact repeats included) and the rejected ones. */
export interface ImportCounts extends AppendStats {
  samples: number;
}

/**
 * The append rules over a run of one series' samples at once: keeps, in place and in order, the
 * samples of t/v[0, n) that BulkWriter.append would take after `tail` (timestamps rounded),
 * advances `tail`, counts every outcome in `counts`, and returns how many were kept.
 */
export function acceptInPlace(
  tail: SeriesTail,
  t: Float64Array,
  v: Float64Array,
  n: number,
  counts: ImportCounts,
): number {
  let { lastT, lastV } = tail;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let ti = t[i];
    if (!(ti >= -MAX_ABS_T && ti <= MAX_ABS_T)) continue; // out of bounds: neither stored nor counted
    ti = Math.round(ti);
    const vi = v[i];
    if (ti <= lastT) {
      if (checkNewest(lastT, lastV, false, ti, vi, false, counts) === 'ok') counts.samples++; // an exact repeat
      continue;
    }
    t[kept] = ti;
    v[kept] = vi;
    kept++;
    lastT = ti;
    lastV = vi;
  }
  counts.samples += kept;
  tail.lastT = lastT;
  tail.lastV = lastV;
  return kept;
}

/** Rows the size compaction.ts merges closed chunks into: near 4 KiB or 2048 samples at most. */
const ROW_BYTES = 4096;
const ROW_SAMPLES = 2048;
/** A series' first row, before its bytes per sample are known. */
const FIRST_ROW_SAMPLES = 480;
/** No samples are stale in an import: encodeChunk's stale flags for any row. */
const NO_STALE = new Uint8Array(ROW_SAMPLES);

/** Encodes the samples t/v[start, end) (a row cutRows chose) as one closed chunk. */
export function encodeRow(t: Float64Array, v: Float64Array, start: number, end: number): Uint8Array {
  return encodeChunk(t.subarray(start, end), v.subarray(start, end), NO_STALE, end - start);
}

/**
 * Cuts the samples t[0, n) (strictly increasing) into rows as compaction would leave them: never
 * across an aligned COMPACT_SPAN_MS span, each near ROW_BYTES (sized by the bytes per sample of
 * the series' row before) and at most ROW_SAMPLES, the rows of a span of even length. `row(start,
 * end)` stores one and returns its bytes. Unless `all`, the last span is written only in part,
 * leaving the samples that later ones may join. Returns the samples cut.
 */
export function cutRows(
  t: Float64Array,
  n: number,
  all: boolean,
  row: (start: number, end: number) => number,
): number {
  let start = 0;
  let target = FIRST_ROW_SAMPLES;
  while (start < n) {
    const spanEnd = (Math.floor(t[start] / COMPACT_SPAN_MS) + 1) * COMPACT_SPAN_MS;
    let end = start + 1;
    while (end < n && t[end] < spanEnd) end++;
    const open = end === n && !all;
    while (start < end) {
      const rest = end - start;
      if (open && rest < 2 * target) return start;
      const m = open ? target : Math.ceil(rest / Math.ceil(rest / target));
      const bytes = row(start, start + m);
      target = Math.max(16, Math.min(ROW_SAMPLES, Math.floor((m * ROW_BYTES) / Math.max(1, bytes))));
      start += m;
    }
  }
  return start;
}

/**
 * Closed chunks encoded elsewhere (an import worker), packed for a transfer: per series its key,
 * its tail after them and how many chunks follow; per chunk its time range and where its bytes
 * end in `bytes`.
 */
export interface EncodedChunks {
  series: { key: string; lastT: number; lastV: number; chunks: number }[];
  minT: Float64Array;
  maxT: Float64Array;
  ends: Uint32Array;
  bytes: Uint8Array;
}

export interface BulkWriterOptions {
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
  private readonly flushSamples: number;
  private buffered = 0;
  /** Buffered samples at which the next flush runs: flushSamples more than the last one left. */
  private flushAt: number;
  private readonly stmts;
  /** Series whose row the running transaction made (their ids go if it rolls back); null outside one. */
  private created: BulkSeries[] | null = null;
  /** The running transaction's chunk rows, inserted at its end in packed order (row-packing.ts). */
  private rows: [seriesId: number, minT: number, maxT: number, data: Uint8Array][] = [];
  private readonly pageSize: number;
  private lastPageRoom = 0;

  constructor(
    private readonly db: Database.Database,
    opts: BulkWriterOptions = {},
  ) {
    this.flushSamples = opts.flushSamples ?? 4_000_000;
    this.flushAt = this.flushSamples;
    this.stmts = {
      insertSeries: db.prepare('INSERT INTO series (labels) VALUES (?)'),
      insertChunk: db.prepare('INSERT INTO chunks (series_id, min_t, max_t, data) VALUES (?, ?, ?, ?)'),
      setClosedMax: db.prepare('UPDATE series SET closed_max_t = ? WHERE id = ?'),
    };
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
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

  /** The tail of the import's series with this key, if an earlier file of the import had it. */
  tailOf(key: string): SeriesTail | undefined {
    return this.bySeriesKey.get(key);
  }

  /** Appends one sample by the appender's rules; 'ok' also for an exact repeat (stored once). */
  append(s: BulkSeries, t: number, v: number): AppendOutcome {
    if (!(t >= -MAX_ABS_T && t <= MAX_ABS_T)) return 'out_of_bounds';
    t = Math.round(t);
    if (t <= s.lastT) return checkNewest(s.lastT, s.lastV, false, t, v, false, this.stats) ?? 'ok';
    pushSample(s, t, v);
    s.lastT = t;
    s.lastV = v;
    if (++this.buffered >= this.flushAt) this.flush(false);
    return 'ok';
  }

  /**
   * Runs `fn` in one transaction (or in the caller's, when nested): all its writes or none, and
   * on a rollback the series rows it made are forgotten.
   */
  atomically<T>(fn: () => T): T {
    if (this.created !== null) return fn();
    const created: BulkSeries[] = (this.created = []);
    try {
      const out = this.db.transaction(() => {
        const r = fn();
        this.insertRows();
        return r;
      })();
      this.stats.transactions++;
      return out;
    } catch (err) {
      for (const s of created) s.id = 0;
      throw err;
    } finally {
      this.created = null;
      this.rows = [];
    }
  }

  /**
   * Writes the buffered samples as closed chunks in one transaction. Unless `all`, each series'
   * last rows stay buffered while more samples could still join them.
   */
  flush(all: boolean): void {
    const rest: [BulkSeries, number][] = [];
    this.atomically(() => {
      for (const s of this.bySeriesKey.values()) {
        if (s.n === 0) continue;
        rest.push([s, this.writeSeries(s, all)]);
      }
    });
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
    this.flushAt = left + this.flushSamples;
  }

  /**
   * Writes chunks encoded elsewhere for series with nothing buffered here (in the caller's
   * transaction when inside atomically); the series' tails follow them.
   */
  writeEncoded(enc: EncodedChunks): void {
    this.atomically(() => {
      let c = 0;
      for (const e of enc.series) {
        const s = this.series(e.key);
        if (s.n !== 0) throw new Error(`bulk writer: series ${e.key} has samples buffered`);
        for (let end = c + e.chunks; c < end; c++) {
          const from = c === 0 ? 0 : enc.ends[c - 1];
          const data = Buffer.from(enc.bytes.buffer, enc.bytes.byteOffset + from, enc.ends[c] - from);
          this.writeChunk(s, enc.minT[c], enc.maxT[c], data);
        }
        if (e.chunks > 0) this.stmts.setClosedMax.run(enc.maxT[c - 1], s.id);
        s.lastT = e.lastT;
        s.lastV = e.lastV;
      }
    });
  }

  private writeChunk(s: BulkSeries, minT: number, maxT: number, data: Uint8Array): void {
    if (s.id === 0) {
      s.id = Number(this.stmts.insertSeries.run(s.key).lastInsertRowid);
      this.created?.push(s);
    }
    this.rows.push([s.id, minT, maxT, data]);
    this.stats.chunksWritten++;
  }

  private insertRows(): void {
    const rows = this.rows;
    const { order, room } = packedOrder(
      rows.map(([id, minT, maxT, data]) => chunkRowCellBytes(id, minT, maxT, data.length)),
      this.pageSize,
      this.lastPageRoom,
    );
    for (const k of order) this.stmts.insertChunk.run(...rows[k]);
    this.lastPageRoom = room;
  }

  /** Writes s's finished rows (all of them if `all`); returns how many samples they hold. */
  private writeSeries(s: BulkSeries, all: boolean): number {
    const { t, v } = s;
    const written = cutRows(t, s.n, all, (start, end) => {
      const data = encodeRow(t, v, start, end);
      this.writeChunk(s, t[start], t[end - 1], data);
      return data.length;
    });
    if (written > 0) this.stmts.setClosedMax.run(t[written - 1], s.id);
    return written;
  }
}
