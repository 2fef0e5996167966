// Second version of the series store: per-series compressed chunks in one SQLite file.
//  - Closed chunks (an aligned 2 h window, or maxChunkSamples) are BLOBs in `chunks`.
//  - Each series' open chunk lives in memory (a head stream in the HeadPool, appended in its
//    encoded form, stored as it is as a closed chunk when it closes, which compaction re-encodes
//    into the compact format when it merges the rows); every commit first appends one
//    record with its samples to the sample log beside the file (sample-log.ts), so kill -9 loses
//    nothing committed. Checkpoints write the open chunks' streams to `head` as they are and empty
//    the log, bounding replay; then the pool gives back pages most of which had come free.
//    (Rows of the `wal` table, where earlier versions logged commits, are still replayed.)
//  - Reads decode the overlapping closed chunks and append the open chunk's samples.
// Same surface as the first, row-per-sample store, now the test oracle test/helpers/sqlite-store.ts.
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LabelSet } from '../../../shared/api';
import { ChunkAppender, type ChunkAppendTarget } from './chunk-appender';
import { ABANDONED, CREATING, ChunkSeries, UNCOMMITTED } from './chunk-series';
import { checkNewest } from './append-rules';
import type { SampleBatch } from './sample-batch';
import { bodyLength, chunkBody, decodeBodyInto, decodeChunk } from './chunk-codec/chunk';
import { ChunkDecodeError } from './chunk-codec/decode-error';
import { ChunkDamage } from './chunk-damage';
import { DecodedChunks, type DecodedChunk } from './decoded-chunks';
import { checksumsFrom, hasLegacyWal, migrateChunkSchema } from './chunk-schema';
import { CHUNK_SPAN_MS, HeadPool, windowOf } from './head-pool';
import { decodeHeadRow, isHeadRow } from './chunk-codec/head-stream';
import { LabelIndex } from './label-index';
import { normalizeLabels } from '../../../shared/labels-key';
import { nativeBindingPath } from './native-binding';
import { Downsampler, type DownsampleOptions, type DownsampleResult } from './downsample';
import { Compactor, type CompactResult } from './compaction';
import { RetentionRunner, type RetentionOptions, type RetentionResult } from './retention';
import type { Appender, CommitResult, Matcher, Querier, SelectBudget, SeriesSamples } from './types';
import { SampleBudgetError } from './types';
import { decodeWalRecord } from './wal';
import { SampleLog, describeLogDamage, type LogDamage, type LogFs } from './sample-log';

export interface ChunkStoreOptions {
  /** A chunk closes at this many samples even inside its 2 h window. */
  maxChunkSamples?: number;
  /** Checkpoint the head after this many samples have gone to the WAL (bounds replay on open). */
  checkpointSamples?: number;
  /**
   * ...and only once the WAL holds this many times the samples of all open chunks (default 2).
   * A checkpoint writes every changed open chunk (its head stream as it is), so this keeps its
   * work a fraction of ingest's with many series, at the price of a replay (on open after a
   * crash) bounded by that multiple.
   */
  checkpointHeadRatio?: number;
  /** The sample log's file operations (tests inject failing ones). */
  logFs?: LogFs;
}

export interface ChunkStoreStats {
  series: number;
  samplesAppended: number;
  outOfOrder: number;
  duplicates: number;
  chunksWritten: number;
  checkpoints: number;
  /** Samples replayed from the WAL on open, and how long opening took. */
  walReplayed: number;
  openMs: number;
  /** Commits that failed (nothing of them stored), e.g. on a full disk. */
  commitFailures: number;
  /** Where replay on open stopped before the end of the sample log (null: it did not). */
  logDamage: LogDamage | null;
}

/** A series' chunk rows as read from the cache, checked bodies, or null (damaged). */
interface CheckedRows {
  bodies: (Uint8Array | DecodedChunk | null)[];
  total: number;
}
/**
 * Bytes of decoded closed chunks kept between selects (16 a sample): 1000 series × 6 h at 15 s
 * and some more.
 */
const DECODED_CACHE_BYTES = 32 << 20;

/** id, data (or its samples from the cache), min_t, max_t of a `chunks` row. */
type ChunkRow = [number, Uint8Array | DecodedChunk, number, number];
const NO_ROWS: readonly ChunkRow[] = [];
/**
 * Series whose chunk rows a select reads with one statement: enough to spread the statement's
 * cost, few enough that the blobs read ahead of the sample budget's check stay small.
 */
const ROWS_BATCH = 128;

export class ChunkStore implements Querier, ChunkAppendTarget {
  readonly db: Database.Database;
  private readonly index = new LabelIndex();
  /** Every series' open chunk. */
  private readonly heads = new HeadPool();
  private readonly byKey = new Map<string, ChunkSeries>();
  /** Series first seen in batches not committed yet, shared by those batches. */
  private readonly uncommitted = new Map<string, ChunkSeries>();
  private commitSeq = 0;
  private readonly maxChunkSamples: number;
  private readonly checkpointSamples: number;
  private readonly checkpointHeadRatio: number;
  /** WAL size at which to consider a checkpoint next. */
  private checkpointDue: number;
  private walSamples = 0;
  /** The write-ahead log of commits (none for an in-memory store). */
  private readonly log: SampleLog | null;
  /** Chunks closed by the commit or checkpoint in progress, written at its end. */
  private closedChunks: { id: number; minT: number; maxT: number; data: Uint8Array }[] = [];
  private maxSeenT = -Infinity;
  private readonly stmts;
  private readonly retentionRunner: RetentionRunner;
  private readonly downsampler: Downsampler;
  private readonly compactor: Compactor;
  private staleFlags = new Uint8Array(4096);
  private readonly decoded = new DecodedChunks(DECODED_CACHE_BYTES);
  readonly stats: ChunkStoreStats = {
    series: 0,
    samplesAppended: 0,
    outOfOrder: 0,
    duplicates: 0,
    chunksWritten: 0,
    checkpoints: 0,
    walReplayed: 0,
    openMs: 0,
    commitFailures: 0,
    logDamage: null,
  };
  private closed = false;
  /** Failed commits since the last one that succeeded (the first and the recovery are logged). */
  private failing = 0;
  /** Damaged chunks found by reads: skipped, logged once, counted. */
  readonly damage: ChunkDamage;
  /** The first chunk id written with a checksum (chunk-schema.ts). */
  private readonly checksumsFrom: number;

  constructor(
    readonly file: string,
    opts: ChunkStoreOptions = {},
  ) {
    const started = performance.now();
    // This bounds head memory (open chunks are head streams of a few bytes a sample): at a 1 s
    // interval 240 samples is about 1 KiB a series, and closed chunks cost only ~2% more disk
    // than at 480 (one 2 h window of 15 s scrapes).
    this.maxChunkSamples = opts.maxChunkSamples ?? 240;
    this.checkpointSamples = opts.checkpointSamples ?? 1_000_000;
    this.checkpointHeadRatio = opts.checkpointHeadRatio ?? 2;
    this.checkpointDue = this.checkpointSamples;
    this.damage = new ChunkDamage(file);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const binding = nativeBindingPath();
    this.db = new Database(file, binding ? { nativeBinding: binding } : {});
    // Schema first: auto_vacuum can only be chosen before the file gets WAL mode and tables.
    migrateChunkSchema(this.db);
    this.checksumsFrom = checksumsFrom(this.db);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9).
    this.db.pragma('synchronous = NORMAL');
    // better-sqlite3's build defaults to a 16 MiB page cache, and dirty pages spill only past
    // ~60 MiB; a close wave (one chunk for every series in one transaction) filled it. Chunk
    // rows are read once per query and the OS caches the file: 4 MiB is plenty.
    this.db.pragma('cache_size = -4096');
    this.db.pragma('cache_spill = 1');
    // A row this connection deletes or rewrites (retention, downsampling) leaves the decoded
    // chunk cache as it goes (SQLite may hand its id out again): temporary triggers, part of this
    // connection only (nothing is added to the file).
    this.db.function('promdesk_chunk_changed', (id) => {
      this.decoded.forget(Number(id));
      return null;
    });
    this.db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS chunk_deleted AFTER DELETE ON main.chunks
        BEGIN SELECT promdesk_chunk_changed(old.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS chunk_updated AFTER UPDATE ON main.chunks
        BEGIN SELECT promdesk_chunk_changed(old.id); END;
    `);
    this.stmts = {
      insertSeries: this.db.prepare('INSERT INTO series (labels) VALUES (?)'),
      insertChunk: this.db.prepare('INSERT INTO chunks (series_id, min_t, max_t, data) VALUES (?, ?, ?, ?)'),
      setClosedMax: this.db.prepare('UPDATE series SET closed_max_t = ? WHERE id = ?'),
      // Files of earlier versions may have commits logged in a `wal` table (emptied at checkpoints).
      clearWal: hasLegacyWal(this.db) ? this.db.prepare('DELETE FROM wal') : null,
      putHead: this.db.prepare('INSERT OR REPLACE INTO head (series_id, data) VALUES (?, ?)'),
      deleteHead: this.db.prepare('DELETE FROM head WHERE series_id = ?'),
      selectChunks: this.db
        .prepare(
          'SELECT id, data, min_t, max_t FROM chunks WHERE series_id = ? AND max_t >= ? AND min_t <= ? ORDER BY max_t',
        )
        .raw(),
      // The same rows for a batch of series at once (one statement instead of one per series);
      // without the blobs when the cache may hold them, which are then read by id if it does not.
      selectChunksOf: this.db
        .prepare(
          'SELECT series_id, id, data, min_t, max_t FROM chunks WHERE series_id IN (SELECT value FROM json_each(?)) AND max_t >= ? AND min_t <= ? ORDER BY series_id, max_t',
        )
        .raw(),
      selectChunkMetaOf: this.db
        .prepare(
          'SELECT series_id, id, min_t, max_t FROM chunks WHERE series_id IN (SELECT value FROM json_each(?)) AND max_t >= ? AND min_t <= ? ORDER BY series_id, max_t',
        )
        .raw(),
      selectChunkData: this.db
        .prepare('SELECT id, data FROM chunks WHERE id IN (SELECT value FROM json_each(?))')
        .raw(),
      selectChunkBlob: this.db.prepare('SELECT data FROM chunks WHERE id = ?').pluck(),

      firstChunkMin: this.db
        .prepare('SELECT min_t FROM chunks WHERE series_id = ? ORDER BY max_t LIMIT 1')
        .pluck(),
      lastChunk: this.db
        .prepare('SELECT id, data FROM chunks WHERE series_id = ? ORDER BY max_t DESC LIMIT 1')
        .raw(),
      getSetting: this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
      putSetting: this.db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
    try {
      this.log = file === ':memory:' ? null : new SampleLog(`${file}-samples`, opts.logFs);
      this.load();
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.retentionRunner = new RetentionRunner(this.db, this);
    this.downsampler = new Downsampler(this.db, this);
    this.compactor = new Compactor(this.db, this);
    this.stats.openMs = performance.now() - started;
  }

  private load(): void {
    const byId = new Map<number, ChunkSeries>();
    const rows = this.db.prepare('SELECT id, labels, closed_max_t FROM series').raw().all() as [
      number,
      string,
      number | null,
    ][];
    for (const [id, json, closedMax] of rows) {
      let labels: LabelSet;
      try {
        labels = Object.fromEntries(JSON.parse(json) as [string, string][]) as LabelSet;
      } catch (err) {
        // A damaged page of the series table: say which file (JSON's error names none).
        throw withFile(new Error(`series ${id} has unreadable labels: ${(err as Error).message}`), this.file);
      }
      const closedMaxT = closedMax ?? -Infinity;
      const s = new ChunkSeries(id, json, labels, this);
      s.maxT = closedMaxT;
      s.closedMaxT = closedMaxT;
      byId.set(id, s);
      this.byKey.set(json, s);
    }
    // Open chunks as of the last checkpoint (samples already in closed chunks are skipped).
    for (const [id, data] of this.db.prepare('SELECT series_id, data FROM head').raw().all() as [
      number,
      Uint8Array,
    ][]) {
      const s = byId.get(id);
      if (!s) continue;
      let c;
      try {
        // A head stream as the pool held it, or (written by earlier versions) a closed chunk.
        c = isHeadRow(data) ? decodeHeadRow(data) : decodeChunk(data);
      } catch (err) {
        this.damage.report('head', id, s.labels, err);
        continue;
      }
      for (let i = 0; i < c.n; i++) this.replaySample(s, c.t[i], c.v[i], c.stale?.[i] === 1);
      s.dirty = false;
    }
    // Commits since then.
    let replayed = 0;
    const walRows = this.stmts.clearWal
      ? this.db.prepare('SELECT data FROM wal ORDER BY seq').pluck().all()
      : [];
    for (const data of walRows as Uint8Array[]) {
      decodeWalRecord(data, (id, t, v, stale) => {
        const s = byId.get(id);
        if (s) this.replaySample(s, t, v, stale);
        replayed++;
      });
    }
    if (this.log) {
      const r = this.log.replay((id, t, v, stale) => {
        const s = byId.get(id);
        if (s) this.replaySample(s, t, v, stale);
      });
      replayed += r.samples;
      this.stats.logDamage = r.damage;
      if (r.damage) console.error(describeLogDamage(r.damage));
    }
    this.walSamples = replayed;
    this.stats.walReplayed = replayed;
    for (const s of byId.values()) {
      const first = this.stmts.firstChunkMin.get(s.id) as number | undefined;
      s.minT = first ?? (s.headLen > 0 ? this.heads.minT(s) : Infinity);
      if (s.maxT > this.maxSeenT) this.maxSeenT = s.maxT;
      this.index.add(s);
    }
    this.stats.series = this.byKey.size;
  }

  private replaySample(s: ChunkSeries, t: number, v: number, stale: boolean): void {
    // maxT is the newest of the closed chunks and the open one.
    if (t <= s.maxT) return;
    if (s.headLen === 0) s.headWindow = windowOf(t);
    this.heads.append(s, t, v, stale);
    s.maxT = t;
    s.lastV = v;
    s.lastStale = stale;
    s.lastKnown = true;
    s.dirty = true;
  }

  /** A batch for one scrape (or one API write); nothing is visible or stored before commit(). */
  appender(expectedSamples = 0): Appender {
    return new ChunkAppender(this, expectedSamples);
  }

  /** @internal (ChunkAppendTarget) */
  resolve(key: string, labels: LabelSet): ChunkSeries {
    let s = this.byKey.get(key) ?? this.uncommitted.get(key);
    if (s === undefined) {
      s = new ChunkSeries(UNCOMMITTED, key, normalizeLabels(labels), this);
      this.uncommitted.set(key, s);
    }
    return s;
  }

  /** @internal (ChunkAppendTarget) */
  abandon(s: ChunkSeries): void {
    if (s.id !== UNCOMMITTED) return;
    if (this.uncommitted.get(s.key) === s) this.uncommitted.delete(s.key);
    s.id = ABANDONED;
  }

  /** @internal (ChunkAppendTarget) */
  loadLast(s: ChunkSeries): void {
    // Only after a reopen, for a series whose head was empty: the newest closed chunk has it.
    const row = s.id > 0 ? (this.stmts.lastChunk.get(s.id) as [number, Uint8Array] | undefined) : undefined;
    let c;
    try {
      c = row ? decodeChunk(row[1], this.checksummed(row[0])) : undefined;
    } catch (err) {
      this.damage.report('chunks', row![0], s.labels, err);
    }
    if (c) {
      s.lastV = c.v[c.n - 1];
      s.lastStale = c.stale?.[c.n - 1] === 1;
    } else {
      s.lastV = NaN;
      s.lastStale = false;
    }
    s.lastKnown = true;
  }

  /**
   * @internal (ChunkAppendTarget) Stores one appender's batch, all or nothing: rows for new
   * series first (the log names series by id), then one sample-log record — the commit point —
   * and only then the samples go into the open chunks. Chunks that closed are written last; if
   * that fails they stay pending and are written by the next commit or checkpoint (the log
   * keeps their samples until a checkpoint has them), so memory never needs undoing.
   */
  commitBatch(b: SampleBatch<ChunkSeries>): CommitResult {
    let result: CommitResult;
    try {
      result = this.storeBatch(b);
    } catch (err) {
      this.stats.commitFailures++;
      const named = withFile(err, this.file);
      if (this.failing++ === 0)
        console.error(`store: a commit failed, nothing of it was stored: ${named.message}`);
      throw named;
    }
    if (this.failing > 0) {
      console.error(`store: commits succeed again, after ${this.failing} that failed`);
      this.failing = 0;
    }
    return result;
  }

  /** commitBatch's work; throws before the sample-log record is written, or with nothing stored. */
  private storeBatch(b: SampleBatch<ChunkSeries>): CommitResult {
    const newSeries = this.createSeries(b);
    const { series, t, v, stale } = b;
    // Samples at or before a series' newest one only arise when batches interleaved on it (the
    // appender orders each batch): the other commit came first, so these are dropped, counted.
    let kept = 0;
    for (let i = 0; i < b.length; i++) {
      const s = series[i];
      const ti = t[i];
      if (ti <= s.maxT) {
        if (!s.lastKnown) this.loadLast(s);
        checkNewest(s.maxT, s.lastV, s.lastStale, ti, v[i], stale[i] === 1, this.stats);
        continue;
      }
      if (kept !== i) b.move(i, kept);
      kept++;
    }
    b.truncate(kept);
    if (kept > 0) this.log?.append(b);
    let maxT = this.maxSeenT;
    for (let i = 0; i < kept; i++) {
      const ti = t[i];
      this.appendToSeries(series[i], ti, v[i], stale[i] === 1);
      if (ti > maxT) maxT = ti;
    }
    this.maxSeenT = maxT;
    this.stats.samplesAppended += kept;
    this.walSamples += kept;
    if (this.closedChunks.length > 0) {
      try {
        this.db.transaction(() => this.writeClosedChunks())();
        this.closedChunks = [];
      } catch (err) {
        console.error(
          `writing closed chunks failed (kept in memory, retried): ${withFile(err, this.file).message}`,
        );
      }
    }
    if (this.walSamples >= this.checkpointDue) {
      try {
        this.maybeCheckpoint();
      } catch (err) {
        // The commit itself is safe in the log. Try again a quarter of checkpointSamples later,
        // not at every commit: a checkpoint writes every open chunk, and a full disk would fail
        // it each time.
        this.checkpointDue = this.walSamples + Math.max(1, this.checkpointSamples >> 2);
        console.error(`head checkpoint failed (retried later): ${withFile(err, this.file).message}`);
      }
    }
    return { samples: kept, newSeries, committed: b };
  }

  /** Gives the batch's new series their rows (one transaction) and indexes them. */
  private createSeries(b: SampleBatch<ChunkSeries>): number {
    let created: ChunkSeries[] | null = null;
    const series = b.series;
    for (let i = 0; i < b.length; i++) {
      let s = series[i];
      if (s.id > 0) continue;
      if (s.id === ABANDONED) series[i] = s = this.resolve(s.key, s.labels);
      if (s.id === UNCOMMITTED) {
        (created ??= []).push(s);
        s.id = CREATING;
      }
    }
    if (created === null) return 0;
    const list = created;
    try {
      this.db.transaction(() => {
        for (const s of list) s.id = Number(this.stmts.insertSeries.run(s.key).lastInsertRowid);
      })();
    } catch (err) {
      for (const s of list) s.id = UNCOMMITTED;
      throw err;
    }
    for (const s of list) {
      this.uncommitted.delete(s.key);
      this.byKey.set(s.key, s);
      this.index.add(s);
    }
    this.stats.series = this.byKey.size;
    return list.length;
  }

  private appendToSeries(s: ChunkSeries, t: number, v: number, stale: boolean): void {
    const w = windowOf(t);
    if (s.headLen > 0 && (s.headWindow !== w || s.headLen >= this.maxChunkSamples)) this.closeHead(s);
    if (s.headLen === 0) s.headWindow = w;
    this.heads.append(s, t, v, stale);
    if (t < s.minT) s.minT = t;
    s.maxT = t;
    s.lastV = v;
    s.lastStale = stale;
    s.lastKnown = true;
    s.dirty = true;
  }

  /** Takes the open chunk's stream as a closed chunk, to be written by writeClosedChunks(). */
  private closeHead(s: ChunkSeries): void {
    if (s.headLen === 0) return;
    const maxT = this.heads.maxT(s);
    this.closedChunks.push({ id: s.id, minT: this.heads.minT(s), maxT, data: this.heads.closedChunk(s) });
    this.stats.chunksWritten++;
    s.closedMaxT = maxT;
    this.heads.release(s);
    s.dirty = true;
  }

  /**
   * Writes the chunks closeHead() encoded (inside the caller's transaction). The caller empties
   * closedChunks once that transaction has committed: one rolled back (a full disk can fail
   * the COMMIT itself) leaves them pending for the next try, not forgotten.
   */
  private writeClosedChunks(): void {
    for (const c of this.closedChunks) {
      this.stmts.insertChunk.run(c.id, c.minT, c.maxT, c.data);
      this.stmts.setClosedMax.run(c.maxT, c.id);
    }
  }

  private maybeCheckpoint(): void {
    let headSamples = 0;
    for (const s of this.byKey.values()) headSamples += s.headLen;
    const due = Math.max(this.checkpointSamples, this.checkpointHeadRatio * headSamples);
    if (this.walSamples >= due) this.checkpoint();
    // Open chunks shrink when they close, so look again after the next checkpointSamples.
    else this.checkpointDue = Math.min(due, this.walSamples + this.checkpointSamples);
  }

  /**
   * Writes every changed open chunk to `head` and empties `wal`, in one transaction; closes the
   * open chunks of series that stopped (their window ended over an hour before the newest sample).
   */
  checkpoint(): void {
    const idleWindow = windowOf(this.maxSeenT - CHUNK_SPAN_MS / 2) - 1;
    this.db.transaction(() => {
      for (const s of this.byKey.values()) {
        if (s.headLen > 0 && s.headWindow <= idleWindow) this.closeHead(s);
        if (!s.dirty) continue;
        if (s.headLen > 0) this.stmts.putHead.run(s.id, this.heads.row(s));
        else this.stmts.deleteHead.run(s.id);
      }
      this.writeClosedChunks();
      this.stmts.clearWal?.run();
    })();
    this.closedChunks = [];
    // Everything the log holds is in `head` or `chunks` now (a crash before this line replays
    // it again, and replay skips samples it already has).
    this.log?.truncate();
    for (const s of this.byKey.values()) s.dirty = false;
    this.heads.compact();
    this.walSamples = 0;
    this.checkpointDue = this.checkpointSamples;
    this.stats.checkpoints++;
  }

  select(matchers: Matcher[], mint: number, maxt: number, budget?: SelectBudget): SeriesSamples[] {
    const out: SeriesSamples[] = [];
    const left = { samples: budget?.samples ?? Infinity };
    const picked: ChunkSeries[] = [];
    for (const id of this.index.select(matchers)) {
      const s = this.index.byId.get(id) as ChunkSeries;
      if (s.maxT < mint || s.minT > maxt) continue;
      picked.push(s);
    }
    for (let from = 0; from < picked.length; from += ROWS_BATCH) {
      const batch = picked.slice(from, from + ROWS_BATCH);
      const rows = this.chunkRows(batch, mint, maxt);
      // Every series of the batch checked (and its samples taken from the budget) first, so
      // their arrays can be views of one allocation: hundreds of typed arrays a select, each
      // with a backing store of its own, cost more than decoding into them.
      const checked: CheckedRows[] = [];
      let sum = 0;
      for (const s of batch) {
        const c = this.checkedBodies(s, rows.get(s.id) ?? NO_ROWS, left);
        checked.push(c);
        sum += c.total;
      }
      const arena = new Float64Array(2 * sum);
      let at = 0;
      for (let i = 0; i < batch.length; i++) {
        const s = batch[i];
        const { total } = checked[i];
        const t = arena.subarray(at, at + total);
        const v = arena.subarray(at + total, at + 2 * total);
        at += 2 * total;
        const got = this.read(s, mint, maxt, rows.get(s.id) ?? NO_ROWS, checked[i], t, v);
        if (got) out.push(got);
      }
    }
    return out;
  }

  /** The closed chunks overlapping [mint, maxt] of each series in `batch`, by series id, oldest first. */
  private chunkRows(batch: ChunkSeries[], mint: number, maxt: number): Map<number, ChunkRow[]> {
    const byId = new Map<number, ChunkRow[]>();
    const ids: number[] = [];
    for (const s of batch) if (s.closedMaxT >= mint) ids.push(s.id);
    if (ids.length === 0) return byId;
    try {
      if (this.decoded.count > 0) return this.chunkRowsCached(ids, mint, maxt);
      if (ids.length === 1) {
        byId.set(ids[0], this.stmts.selectChunks.all(ids[0], mint, maxt) as ChunkRow[]);
        return byId;
      }
      const rows = this.stmts.selectChunksOf.all(JSON.stringify(ids), mint, maxt) as [number, ...ChunkRow][];
      for (const [sid, id, data, minT, maxT] of rows) {
        let list = byId.get(sid);
        if (list === undefined) byId.set(sid, (list = []));
        list.push([id, data, minT, maxT]);
      }
    } catch (err) {
      // A damaged page of the file itself, not one chunk: the query fails, naming the file.
      throw withFile(err, this.file);
    }
    return byId;
  }

  /** chunkRows with the cached chunks' samples in place of their blobs (which are not read). */
  private chunkRowsCached(ids: number[], mint: number, maxt: number): Map<number, ChunkRow[]> {
    const byId = new Map<number, ChunkRow[]>();
    const meta = this.stmts.selectChunkMetaOf.all(JSON.stringify(ids), mint, maxt) as number[][];
    const missing: number[] = [];
    for (const m of meta) if (!this.decoded.has(m[1])) missing.push(m[1]);
    const blobs = new Map<number, Uint8Array>();
    if (missing.length > 0) {
      for (const [id, data] of this.stmts.selectChunkData.all(JSON.stringify(missing)) as [
        number,
        Uint8Array,
      ][])
        blobs.set(id, data);
    }
    for (const [sid, id, minT, maxT] of meta) {
      // Taken now: a chunk evicted while this select runs is still served whole.
      const data = this.decoded.get(id) ?? blobs.get(id);
      if (data === undefined) continue; // deleted between the two statements: none here
      let list = byId.get(sid);
      if (list === undefined) byId.set(sid, (list = []));
      list.push([id, data, minT, maxT]);
    }
    return byId;
  }

  /**
   * Each of a series' chunk rows as its decoded samples from the cache, or its body with the
   * checksum verified (a damaged chunk's sample count means nothing: it is reported and left
   * out as null), and the most samples they and the open chunk hold, taken from the budget
   * before anything is decoded or allocated for them.
   */
  private checkedBodies(s: ChunkSeries, rows: readonly ChunkRow[], left: SelectBudget): CheckedRows {
    let total = s.headLen;
    const bodies: (Uint8Array | DecodedChunk | null)[] = [];
    for (const row of rows) {
      let blob = row[1];
      if (!(blob instanceof Uint8Array)) {
        // (The row's time range is checked as a decode checks it.)
        if (blob.t[0] === row[2] && blob.t[blob.t.length - 1] === row[3]) {
          total += blob.t.length;
          bodies.push(blob);
          continue;
        }
        blob = row[1] = this.stmts.selectChunkBlob.get(row[0]) as Uint8Array;
      }
      try {
        const body = chunkBody(blob, this.checksummed(row[0]));
        total += bodyLength(body);
        bodies.push(body);
      } catch (err) {
        this.damage.report('chunks', row[0], s.labels, err);
        bodies.push(null);
      }
    }
    left.samples -= total;
    if (left.samples < 0) throw new SampleBudgetError("more than the select's budget of samples");
    return { bodies, total };
  }

  /**
   * Decodes a series' checked bodies (or copies them from the cache) and copies its open chunk
   * into t and v, of their total size (the decoder writes the returned arrays themselves: no copy
   * out of a scratch buffer), returning the part within [mint, maxt]; a chunk that fails to
   * decode is skipped and reported, and the intact ones around it are returned.
   */
  private read(
    s: ChunkSeries,
    mint: number,
    maxt: number,
    rows: readonly ChunkRow[],
    { bodies, total }: CheckedRows,
    t: Float64Array,
    v: Float64Array,
  ): SeriesSamples | undefined {
    if (total === 0) return undefined;
    const stale = this.staleScratch(total);
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      const body = bodies[i];
      if (body === null) continue;
      if (!(body instanceof Uint8Array)) {
        t.set(body.t, n);
        v.set(body.v, n);
        if (body.stale) stale.set(body.stale, n);
        else stale.fill(0, n, n + body.t.length);
        n += body.t.length;
        continue;
      }
      const [id, , minT, maxT] = rows[i];
      try {
        const got = decodeBodyInto(body, t, v, stale, n);
        // The row's time range was written from the same samples: a mismatch is damage too
        // (the only check a chunk from before checksums gets beyond decoding at all).
        if (got > 0 && (t[n] !== minT || t[n + got - 1] !== maxT)) {
          throw new ChunkDecodeError(
            `its samples span ${t[n]}..${t[n + got - 1]} but its row says ${minT}..${maxT}`,
          );
        }
        this.decoded.put(id, t, v, stale, n, got);
        n += got;
      } catch (err) {
        this.damage.report('chunks', id, s.labels, err);
      }
    }
    // Closed chunks may extend past the range at either end.
    let lo = 0;
    while (lo < n && t[lo] < mint) lo++;
    let hi = n;
    while (hi > lo && t[hi - 1] > maxt) hi--;
    if (s.headLen > 0) hi += this.heads.copyRange(s, mint, maxt, t, v, stale, hi);
    if (hi === lo) return undefined;
    const res: SeriesSamples = { labels: s.labels, t: t.subarray(lo, hi), v: v.subarray(lo, hi) };
    for (let i = lo; i < hi; i++) {
      if (stale[i]) {
        res.stale = stale.slice(lo, hi);
        break;
      }
    }
    return res;
  }

  /** Whether chunk `id` was written with a checksum (one without is damaged). */
  checksummed(id: number): boolean {
    return id >= this.checksumsFrom;
  }

  /** Room for n staleness flags, reused between selects (they are copied out when any is set). */
  private staleScratch(n: number): Uint8Array {
    if (this.staleFlags.length >= n) return this.staleFlags;
    let cap = this.staleFlags.length;
    while (cap < n) cap *= 2;
    return (this.staleFlags = new Uint8Array(cap));
  }

  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    return this.index.seriesIn(matcherSets, mint, maxt).map((s) => s.labels);
  }

  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    return this.index.labelNamesIn(matcherSets, mint, maxt);
  }

  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    return this.index.labelValuesIn(name, matcherSets, mint, maxt);
  }

  getSetting(key: string): string | undefined {
    return this.stmts.getSetting.get(key) as string | undefined;
  }

  putSetting(key: string, value: string): void {
    this.stmts.putSetting.run(key, value);
  }

  /** Timestamp of the first sample of s's open chunk (headLen > 0), for retention. */
  headMinT(s: ChunkSeries): number {
    return this.heads.minT(s);
  }

  /** All series, for retention (which walks them in bounded steps). */
  allSeries(): IterableIterator<ChunkSeries> {
    return this.byKey.values();
  }

  /**
   * Deletes closed chunks older than maxAgeMs (before `now`, default the wall clock) and then the
   * oldest ones while the data exceeds maxBytes, a bounded batch per event-loop turn so appends
   * interleave. Resolves when done.
   */
  retention(opts: RetentionOptions): Promise<RetentionResult> {
    return this.retentionRunner.run(opts);
  }

  /** Replaces closed raw chunks older than afterMs by downsampled ones (see downsample.ts). */
  downsample(opts: DownsampleOptions): Promise<DownsampleResult> {
    return this.downsampler.run(opts);
  }

  /**
   * Merges adjacent small closed chunks of each series into larger rows (see compaction.ts),
   * those that end before the newest sample's 2 h window (or `before`). Resolves when done.
   */
  compact(before = windowOf(this.maxSeenT) * CHUNK_SPAN_MS): Promise<CompactResult> {
    return this.compactor.run({ before });
  }

  /**
   * Bytes the data occupies: the database's pages in use (not SQLite's own WAL file, which a
   * checkpoint folds back) plus the sample log, as Prometheus's size retention counts its WAL.
   */
  sizeBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize + (this.log?.length ?? 0);
  }

  /** Bytes on disk: the database file, SQLite's WAL file and the sample log. */
  fileBytes(): number {
    if (this.file === ':memory:') return this.sizeBytes();
    let total = 0;
    for (const f of [this.file, `${this.file}-wal`, `${this.file}-samples`]) {
      try {
        total += statSync(f).size;
      } catch {
        // absent
      }
    }
    return total;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.retentionRunner.stop();
    this.downsampler.stop();
    this.compactor.stop();
    try {
      // The open chunks go to `head` so the next open replays nothing; then fold SQLite's WAL
      // into the main file so the data dir is one self-contained file at rest.
      this.checkpoint();
      // The emptied `wal` rows left free pages; hand them back so the file is just the data.
      this.db.pragma('incremental_vacuum');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.log?.close(true);
    } finally {
      this.db.close();
    }
  }
}

/** err with the store's file named in its message (SQLite's own errors name none). */
function withFile(err: unknown, file: string): Error {
  const e = err as Error & { code?: string };
  const message = e instanceof Error ? e.message : String(err);
  if (message.includes(file)) return e;
  const out: Error & { code?: string } = new Error(`${message} (${file})`);
  if (e?.code) out.code = e.code;
  return out;
}
