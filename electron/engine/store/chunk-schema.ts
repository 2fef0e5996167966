// Tables of the chunk store (one SQLite file, WAL mode). Rows of `chunks` are appended in time
// order with a rowid key, so their pages fill completely and retention frees whole pages; the
// (series_id, max_t, min_t) index answers "chunks of a series overlapping [mint, maxt]".
import type Database from 'better-sqlite3';

/** Settings key: the first `chunks` id written with a checksum (see checksumsFrom). */
const CHECKSUMS_FROM = 'chunk_checksums_from';

export function migrateChunkSchema(db: Database.Database): void {
  const fresh =
    (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number) === 0;
  if (fresh) {
    // Both only settable on a fresh file, page size first. 8 KiB pages: compaction and import
    // write chunk rows in an order that fills pages (row-packing.ts), and each small table and
    // index takes at least one page (store bench, compacted: 16 KiB pages 1.71 B/sample, 8 KiB
    // 1.60). Files made earlier keep their pages. Incremental auto-vacuum lets retention and
    // compaction hand pages back to the file system.
    db.pragma('page_size = 8192');
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  // `settings` without a rowid: one B-tree, not a table and its key's index (earlier files keep
  // theirs, read the same way). `series` without a unique index on its labels (a second copy of
  // every label set): the writers add a series only when their map of the store's series lacks
  // it (ChunkStore, the import's BulkWriter), and data-dir-check reports a repeated label set. `wal`, where versions before the sample log logged commits, is
  // made no more; a file that has one still has its rows replayed (hasLegacyWal).
  db.exec(`
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, labels TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS chunks (
      id INTEGER PRIMARY KEY,
      series_id INTEGER NOT NULL,
      min_t INTEGER NOT NULL,
      max_t INTEGER NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS chunks_by_series ON chunks (series_id, max_t, min_t);
    -- Open chunks as of the last head checkpoint (the commits since are in the sample log).
    CREATE TABLE IF NOT EXISTS head (series_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
  `);
  // Resolution of a chunk's samples in ms: 0 for raw data, else the downsampling resolution.
  const chunkCols = db.prepare('PRAGMA table_info(chunks)').all() as { name: string }[];
  if (!chunkCols.some((c) => c.name === 'res'))
    db.exec('ALTER TABLE chunks ADD COLUMN res INTEGER NOT NULL DEFAULT 0');
  const cols = db.prepare('PRAGMA table_info(series)').all() as { name: string }[];
  // Newest closed-chunk timestamp per series: WAL samples at or before it are already in chunks.
  if (!cols.some((c) => c.name === 'closed_max_t')) {
    db.exec('ALTER TABLE series ADD COLUMN closed_max_t INTEGER');
  }
  // Chunks carry a checksum from this version on (chunk-codec/chunk.ts). Rows are appended with
  // rising ids, so every chunk from the first id this version writes has one.
  db.prepare(
    'INSERT OR IGNORE INTO settings (key, value) VALUES (?, (SELECT coalesce(max(id), 0) + 1 FROM chunks))',
  ).run(CHECKSUMS_FROM);
}

/**
 * The first `chunks` id written with a checksum: a chunk at or after it that has none is damaged
 * (its marker byte flipped), one before it is from an earlier version and read as before.
 * Infinity when the store predates checksums and was never opened by a version that has them.
 */
export function checksumsFrom(db: Database.Database): number {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CHECKSUMS_FROM) as
    string | undefined;
  return v === undefined ? Infinity : Number(v);
}

/** Whether the file has the `wal` table of earlier versions (commits logged as rows). */
export function hasLegacyWal(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'wal'").get() !== undefined;
}
