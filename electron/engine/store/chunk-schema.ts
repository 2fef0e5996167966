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
    // Both only settable on a fresh file, page size first. 16 KiB pages: chunk rows are appended
    // in rowid order, and a row that does not fit a page's remainder starts a new page; at 4 KiB
    // that left ~22% of the chunk pages empty. Incremental auto-vacuum lets retention and the
    // emptied `wal` table hand pages back to the file system.
    db.pragma('page_size = 16384');
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, labels TEXT NOT NULL UNIQUE);
    CREATE TABLE IF NOT EXISTS chunks (
      id INTEGER PRIMARY KEY,
      series_id INTEGER NOT NULL,
      min_t INTEGER NOT NULL,
      max_t INTEGER NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS chunks_by_series ON chunks (series_id, max_t, min_t);
    -- Open chunks as of the last head checkpoint, and the commits since (replayed on open).
    CREATE TABLE IF NOT EXISTS head (series_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS wal (seq INTEGER PRIMARY KEY, data BLOB NOT NULL);
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
