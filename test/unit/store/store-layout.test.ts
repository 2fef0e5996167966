// The file layout: a new store has 8 KiB pages, a rowid-less `settings`, no unique index on the
// series labels (a repeated label set is reported by the data dir check) and no `wal` table; a file
// made by earlier versions (16 KiB pages, `settings` with a rowid, a `wal` table holding commits)
// opens as before: its logged commits are replayed and emptied, it is compacted and checked like
// a new one, and keeps its layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { checkDataDir } from '../../../electron/engine/store/data-dir-check';
import { storeFile } from '../../../electron/engine/store/open-store';
import { encodeWalRecord } from '../../../electron/engine/store/wal';
import type { Matcher } from '../../../electron/engine/store/types';

const T0 = 1_700_000_000_000;
const ALL: Matcher[] = [{ name: 'job', type: '=', value: 'layout' }];

/** The schema as the versions before this one made it (chunk-schema.ts of format 3). */
const EARLIER_SCHEMA = `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE series (id INTEGER PRIMARY KEY, labels TEXT NOT NULL UNIQUE);
  CREATE TABLE chunks (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, min_t INTEGER NOT NULL,
    max_t INTEGER NOT NULL, data BLOB NOT NULL);
  CREATE INDEX chunks_by_series ON chunks (series_id, max_t, min_t);
  CREATE TABLE head (series_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
  CREATE TABLE wal (seq INTEGER PRIMARY KEY, data BLOB NOT NULL);
  ALTER TABLE chunks ADD COLUMN res INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE series ADD COLUMN closed_max_t INTEGER;
  INSERT INTO settings (key, value) VALUES ('chunk_checksums_from', '1');
`;

const tables = (db: Database.Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

/** 3 series × 30 h at 15 s; returns the last timestamp. */
function fill(store: ChunkStore): number {
  let t = T0;
  for (let i = 0; i < (30 * 3600) / 15; i++) {
    t = T0 + i * 15_000 + (i % 7);
    const app = store.appender();
    for (let k = 0; k < 3; k++)
      app.append({ job: 'layout', k: String(k) }, t, k === 0 ? i : Math.sin(i / 50) * k);
    app.commit();
  }
  return t;
}

test('a new store: 8 KiB pages, settings without a rowid, no unique index on the labels, no wal table; it reopens with its data, and a repeated label set is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-layout-'));
  try {
    let store = new ChunkStore(storeFile(dir));
    const end = fill(store);
    await store.compact();
    const before = store.select(ALL, T0, end);
    assert.equal(store.db.pragma('page_size', { simple: true }), 8192);
    const t = tables(store.db);
    assert.deepEqual(
      t.map((x) => x.name),
      ['chunks', 'head', 'series', 'settings'],
    );
    assert.match(t.find((x) => x.name === 'settings')!.sql, /WITHOUT ROWID/);
    assert.deepEqual(
      store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all(),
      ['chunks_by_series'],
      'no unique index on the series labels',
    );
    store.close();
    store = new ChunkStore(storeFile(dir));
    assert.deepEqual(store.select(ALL, T0, end), before);
    store.close();
    assert.deepEqual(checkDataDir(dir).damage, []);
    // A label set stored twice (no index refuses it now) is reported.
    const db = new Database(storeFile(dir));
    const [id, labels] = db.prepare('SELECT id, labels FROM series ORDER BY id LIMIT 1').raw().get() as [
      number,
      string,
    ];
    const dup = db.prepare('INSERT INTO series (labels) VALUES (?)').run(labels).lastInsertRowid;
    db.close();
    assert.deepEqual(
      checkDataDir(dir).damage.map((d) => [d.where, d.problem]),
      [[`series row ${dup}`, `the same labels as series row ${id}`]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file of the earlier layout opens: its wal rows are replayed and emptied, it compacts and checks clean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-layout-old-'));
  try {
    const file = storeFile(dir);
    const old = new Database(file);
    old.pragma('page_size = 16384');
    old.pragma('auto_vacuum = INCREMENTAL');
    old.exec(EARLIER_SCHEMA);
    old.pragma('journal_mode = WAL');
    old.close();

    let store = new ChunkStore(file);
    const end = fill(store);
    store.close();
    // A commit logged in `wal` by a version before the sample log: series 1, one sample past the end.
    const db = new Database(file);
    const s1 = db.prepare('SELECT id FROM series ORDER BY id LIMIT 1').pluck().get() as number;
    const record = encodeWalRecord({
      length: 1,
      series: [{ id: s1 } as never],
      t: [end + 15_000],
      v: [12.5],
      stale: [0],
    });
    db.prepare('INSERT INTO wal (data) VALUES (?)').run(record);
    db.close();

    store = new ChunkStore(file);
    assert.equal(store.stats.walReplayed, 1);
    const got = store.select(ALL, end + 1, end + 15_000);
    assert.equal(got.length, 1);
    assert.deepEqual(Array.from(got[0].t), [end + 15_000]);
    assert.deepEqual(Array.from(got[0].v), [12.5]);
    const before = store.select(ALL, T0, end + 15_000);
    const r = await store.compact();
    assert.ok(r.writtenChunks > 0, JSON.stringify(r));
    assert.deepEqual(store.select(ALL, T0, end + 15_000), before);
    store.close();

    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('page_size', { simple: true }), 16384, 'an earlier file keeps its pages');
    assert.equal(after.prepare('SELECT count(*) FROM wal').pluck().get(), 0, 'the checkpoint emptied wal');
    assert.doesNotMatch(tables(after).find((x) => x.name === 'settings')!.sql, /WITHOUT ROWID/);
    after.close();
    const report = checkDataDir(dir);
    assert.deepEqual(report.damage, []);
    store = new ChunkStore(file);
    assert.equal(store.stats.walReplayed, 0);
    assert.deepEqual(store.select(ALL, T0, end + 15_000), before);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
