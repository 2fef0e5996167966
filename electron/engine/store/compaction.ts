// Compaction of closed chunks: a series' adjacent raw chunks inside one aligned span are merged
// into one row, re-encoded as a single chunk. Chunks close at 240 samples (or a 2 h window), which
// for a 15 s scrape makes a row of a few hundred bytes each, and every row costs its record, its
// index entry and its own chunk header (~70 B, a fifth of the chunk). Merged rows stop near
// TARGET_BYTES or MAX_SAMPLES; a transaction's new rows are written in an order that fills the
// pages (row-packing.ts), so larger rows no longer leave larger page remainders (store bench:
// rows up to 2 KiB 1.60 B/sample, up to 4 KiB 1.56, 8 KiB no less).
// Same samples, same reads: a select finds the merged row by the same time-range index.
// Every row of the range is rewritten, a chunk that merges with none copied as it is, so the
// pages the old rows filled empty completely and go back to the file system; a setting records
// how far compaction has gone, so a row is rewritten only while its span is the newest one
// (once per 2 h window of it at most).
// Work is split into small transactions (each replaces whole rows: a kill leaves either the old
// rows or the merged one), one per event-loop turn, like retention and downsampling; one holds the
// steps of as many series as make up about STEP_ROWS rows read, so its new rows can fill pages.
import type Database from 'better-sqlite3';
import type { ChunkSeries } from './chunk-series';
import { decodeChunk, encodeChunk, type DecodedChunk } from './chunk-codec/chunk';
import type { ChunkDamage } from './chunk-damage';
import { CHUNK_SPAN_MS } from './head-pool';
import { FORMAT_STREAM } from './chunk-codec/head-stream';
import { chunkRowCellBytes, packedOrder } from './row-packing';

/** Merged rows stay inside aligned spans of this length, so retention still drops data in steps. */
export const COMPACT_SPAN_MS = 4 * CHUNK_SPAN_MS;
/** A group stops growing once its chunks hold this many bytes (before merging)... */
const TARGET_BYTES = 4096;
/** ...or this many samples (bounds what a query decodes beyond its range). */
const MAX_SAMPLES = 2048;
/** Chunk rows read per transaction. */
const STEP_ROWS = 512;
/**
 * A head stream's bytes times a ratio estimate the compact format's (for a group's size), so
 * rows stay near TARGET_BYTES, whose size balances the page space they leave: first a guess
 * from the stream's bytes a sample (decimals and steady counters: the stream spends two to
 * three times the bits; full-precision floats: about the same), then the series' own ratio,
 * learnt from each merge of its streams.
 */
function firstRatio(bytes: number, samples: number): number {
  return Math.min(1, Math.max(0.4, bytes / Math.max(1, samples) / 8));
}

export interface CompactOptions {
  /** Merge only chunks that end before this time. */
  before: number;
}

/** Settings key: `before` of the last compaction that finished. */
const DONE_BEFORE = 'compacted_before';

export interface CompactResult {
  /** Rows replaced, and the merged rows written in their place. */
  mergedChunks: number;
  writtenChunks: number;
  /** Rows that merged with none, rewritten as they were (to empty their old pages). */
  movedChunks: number;
}

interface StoreView {
  allSeries(): IterableIterator<ChunkSeries>;
  getSetting(key: string): string | undefined;
  putSetting(key: string, value: string): void;
  readonly damage: ChunkDamage;
  checksummed(id: number): boolean;
}

type Row = [id: number, data: Uint8Array, minT: number, maxT: number];
/** A row to insert: series id, min_t, max_t, data. */
type PendingRow = [seriesId: number, minT: number, maxT: number, data: Uint8Array];

export class Compactor {
  private readonly rows;
  private readonly insert;
  private readonly del;
  private readonly pageSize: number;
  /** Room the table's last page had left after the last batch (row-packing.ts). */
  private lastPageRoom = 0;
  private running: Promise<CompactResult> | null = null;
  private stopped = false;
  /** Damaged chunks are left where they are, and out of later groups. */
  private readonly damaged = new Set<number>();

  constructor(
    private readonly db: Database.Database,
    private readonly store: StoreView,
  ) {
    this.rows = db
      .prepare(
        'SELECT id, data, min_t, max_t FROM chunks WHERE series_id = ? AND res = 0 AND max_t < ? AND max_t >= ? AND max_t > ? ORDER BY max_t LIMIT ?',
      )
      .raw();
    this.insert = db.prepare(
      'INSERT INTO chunks (series_id, min_t, max_t, data, res) VALUES (?, ?, ?, ?, 0)',
    );
    this.del = db.prepare('DELETE FROM chunks WHERE id = ?');
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
  }

  run(opts: CompactOptions): Promise<CompactResult> {
    this.running ??= this.loop(opts).finally(() => (this.running = null));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(opts: CompactOptions): Promise<CompactResult> {
    const result: CompactResult = { mergedChunks: 0, writtenChunks: 0, movedChunks: 0 };
    if (this.stopped) return result;
    const done = Number(this.store.getSetting(DONE_BEFORE) ?? -Infinity);
    if (!(opts.before > done)) return result;
    // From the start of the span the last run ended in: its partial rows may merge further.
    const from = done === -Infinity ? -Infinity : Math.floor(done / COMPACT_SPAN_MS) * COMPACT_SPAN_MS;
    // Series in a fixed order, each resumed after the last row a step looked at.
    const todo = [...this.store.allSeries()].filter((s) => s.id > 0 && s.closedMaxT >= from);
    let i = 0;
    let after = -Infinity;
    while (i < todo.length) {
      if (this.stopped) return result;
      // Steps of several series share a transaction, so that its new rows are enough to pack
      // pages (row-packing.ts): about STEP_ROWS rows read a turn.
      this.db.transaction(() => {
        const written: PendingRow[] = [];
        let read = 0;
        while (i < todo.length && read < STEP_ROWS) {
          const step = this.step(todo[i], from, opts.before, after, result, written);
          read += step.read;
          if (step.resume === null) {
            i++;
            after = -Infinity;
          } else after = step.resume;
        }
        const { order, room } = packedOrder(
          written.map(([id, minT, maxT, data]) => chunkRowCellBytes(id, minT, maxT, data.length)),
          this.pageSize,
          this.lastPageRoom,
        );
        for (const k of order) this.insert.run(...written[k]);
        this.lastPageRoom = room;
      })();
      await new Promise((r) => setImmediate(r));
    }
    if (this.stopped) return result;
    this.store.putSetting(DONE_BEFORE, String(opts.before));
    if (result.mergedChunks + result.movedChunks > 0) this.db.pragma('incremental_vacuum');
    return result;
  }

  /**
   * Merges the groups among up to STEP_ROWS of s's chunks ending after `after` (in the caller's
   * transaction: their rows deleted, the new ones added to `out`); returns the rows read and
   * where the next step resumes, or null when the series is done.
   */
  private step(
    s: ChunkSeries,
    from: number,
    before: number,
    after: number,
    result: CompactResult,
    out: PendingRow[],
  ): { read: number; resume: number | null } {
    const rows = this.rows.all(s.id, before, from, after, STEP_ROWS) as Row[];
    let group: Row[] = [];
    let groupStart = 0;
    let span = 0;
    let bytes = 0;
    let samples = 0;
    // Compact bytes per stream byte: a first guess, then learnt from this series' merges.
    let ratio = 0;
    const flush = () => {
      if (group.length > 1 || (group.length === 1 && isStream(group[0][1]))) {
        let streamBytes = 0;
        for (const [, data] of group) streamBytes += isStream(data) ? data.length : 0;
        const written = this.merge(s, group, result, out);
        if (written > 0 && streamBytes === bytesOf(group))
          ratio = Math.min(1.5, Math.max(0.05, written / streamBytes));
      } else if (group.length === 1) this.move(s, group[0], result, out);
      group = [];
    };
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const [id, data, minT, maxT] = row;
      if (this.damaged.has(id)) {
        flush();
        this.move(s, row, result, out);
        continue;
      }
      const n = chunkSamples(data);
      if (ratio === 0 && isStream(data)) ratio = firstRatio(data.length, n);
      const size = isStream(data) ? Math.ceil(data.length * ratio) : data.length;
      const rowSpan = Math.floor(minT / COMPACT_SPAN_MS);
      if (group.length > 0 && (rowSpan !== span || bytes + size > TARGET_BYTES || samples + n > MAX_SAMPLES))
        flush();
      if (group.length === 0) {
        groupStart = r;
        span = rowSpan;
        bytes = 0;
        samples = 0;
      }
      // A row across a span boundary (not one this store writes) merges with none.
      if (Math.floor(maxT / COMPACT_SPAN_MS) !== rowSpan) {
        this.move(s, row, result, out);
        continue;
      }
      group.push(row);
      bytes += size;
      samples += n;
    }
    if (rows.length < STEP_ROWS) {
      flush();
      return { read: rows.length, resume: null };
    }
    // The last group may go on past this batch: the next step starts with it.
    if (group.length > 0 && groupStart > 0) return { read: rows.length, resume: rows[groupStart - 1][3] };
    flush();
    return { read: rows.length, resume: rows[rows.length - 1][3] };
  }

  /** Rewrites a row as it is at the end of the table (a new id: checksummed ones only). */
  private move(s: ChunkSeries, row: Row, result: CompactResult, out: PendingRow[]): void {
    const [id, data, minT, maxT] = row;
    // A chunk from before checksums is encoded again: at a new id it must carry one; a head
    // stream stored as it was at close (the ingest path's format) gets the compact one.
    if (!this.store.checksummed(id) || isStream(data)) this.merge(s, [row], result, out);
    else {
      // Rows read here are raw ones (res 0).
      this.del.run(id);
      out.push([s.id, minT, maxT, data]);
    }
    result.movedChunks++;
  }

  /**
   * Replaces a group of chunk rows by one row holding all their samples (added to `out`);
   * returns its bytes (0: none).
   */
  private merge(s: ChunkSeries, group: Row[], result: CompactResult, out: PendingRow[]): number {
    const decoded: DecodedChunk[] = [];
    for (const [id, data] of group) {
      try {
        decoded.push(decodeChunk(data, this.store.checksummed(id)));
      } catch (err) {
        // Left in place: merge the intact rows around it on a later pass.
        this.store.damage.report('chunks', id, s.labels, err);
        this.damaged.add(id);
        return 0;
      }
    }
    let total = 0;
    for (const c of decoded) total += c.n;
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
    for (let i = 1; i < total; i++) {
      // Rows of one series never overlap; if they do, the data is not what this code wrote.
      if (!(t[i] > t[i - 1])) return 0;
    }
    for (const [id] of group) this.del.run(id);
    const data = encodeChunk(t, v, stale, total);
    out.push([s.id, t[0], t[total - 1], data]);
    result.mergedChunks += group.length;
    result.writtenChunks++;
    return data.length;
  }
}

function bytesOf(rows: Row[]): number {
  let n = 0;
  for (const [, data] of rows) n += data.length;
  return n;
}

/** Whether a stored chunk is a head stream as it closed (head-stream.ts), not a compact one. */
function isStream(data: Uint8Array): boolean {
  return data[0] === 0 && data[1] === FORMAT_STREAM;
}

/** Sample count of a stored chunk without decoding it (0 when it cannot tell: merged as 0). */
function chunkSamples(data: Uint8Array): number {
  // Header (6 bytes) then the body's uvarint count (after a stream body's tag byte); chunks from
  // before checksums have no header.
  let i = data[0] === 0 ? (isStream(data) ? 7 : 6) : 0;
  let n = 0;
  let scale = 1;
  for (; i < data.length && i < 16; i++) {
    n += (data[i] & 0x7f) * scale;
    if (data[i] < 128) return n;
    scale *= 128;
  }
  return 0;
}
