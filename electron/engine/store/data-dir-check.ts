// `promdesk check`: verifies a data directory without changing what it holds. SQLite is opened
// read-only (integrity_check, then every row of the store's tables); every chunk's checksum and
// decoding; every record of the sample log. While the directory is free its lock is held for
// the check (so no server starts halfway); while a server holds it, the check reads beside it:
// SQLite gives a consistent snapshot, and the log's last record may be one being written.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CHUNK_SAMPLES, bodyLength, chunkBody, decodeBodyInto, hasChecksum } from './chunk-codec/chunk';
import { decodeHeadRow, isHeadRow } from './chunk-codec/head-stream';
import { seriesName } from './chunk-damage';
import { checksumsFrom, hasLegacyWal } from './chunk-schema';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock';
import { nativeBindingPath } from './native-binding';
import { storeFile } from './open-store';
import { scanSampleLog } from './sample-log';
import { decodeWalRecord } from './wal';

/** One damaged thing: the file, where in it, and what is wrong. */
export interface Damage {
  file: string;
  /** A byte offset, or a table row ("chunks row 17"). */
  where: string;
  problem: string;
}

export interface DataDirReport {
  dir: string;
  /** Why the directory was checked beside a running process, or null when it was free. */
  inUse: string | null;
  /** What was found, one line each (counts, files kept aside, notes). */
  facts: string[];
  damage: Damage[];
}

/** Most damage lines kept per kind; the count is still reported. */
const MAX_LISTED = 200;

export function checkDataDir(dir: string): DataDirReport {
  const report: DataDirReport = { dir, inUse: null, facts: [], damage: [] };
  let lock: DataDirLock | null = null;
  try {
    lock = lockDataDir(dir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    report.inUse = err.message;
  }
  try {
    const file = storeFile(dir);
    const ids = checkDatabase(file, report, lock !== null);
    checkSampleLog(`${file}-samples`, ids, report);
    for (const name of readdirSync(dir).sort()) {
      if (/^promdesk\.db-(samples|wal)\.(damaged|orphaned)-/.test(name))
        report.facts.push(
          `${name}: kept aside by an earlier start (${statSync(join(dir, name)).size} bytes)`,
        );
    }
  } finally {
    lock?.release();
  }
  return report;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

/** Checks promdesk.db; returns its series ids (null when it could not be read). */
function checkDatabase(file: string, report: DataDirReport, locked: boolean): Set<number> | null {
  const size = sizeOf(file);
  if (size <= 0) {
    const logBytes = sizeOf(`${file}-samples`);
    const state = size < 0 ? 'missing' : 'empty (0 bytes)';
    if (logBytes > 0) {
      report.damage.push({
        file,
        where: 'the file',
        problem: `it is ${state}, but the sample log beside it holds ${logBytes} bytes of commits for its series`,
      });
    } else report.facts.push(`${file}: ${state}; no store here yet`);
    return null;
  }
  // A read-only connection to a WAL-mode file creates its -shm and -wal if absent. With the
  // lock held nobody else has them open, so those it created are removed again after.
  const created = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  const binding = nativeBindingPath();
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: 5000,
      ...(binding ? { nativeBinding: binding } : {}),
    });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    report.damage.push({
      file,
      where: 'the file',
      problem: `SQLite cannot read it: ${(err as Error).message}`,
    });
    return null;
  }
  try {
    return checkTables(db, file, report);
  } catch (err) {
    // integrity_check found the damage already; this names what stopped the walk.
    report.damage.push({ file, where: 'reading it', problem: (err as Error).message });
    return null;
  } finally {
    db.close();
    if (locked) for (const f of created) if (sizeOf(f) <= 0 || f.endsWith('-shm')) rmSync(f, { force: true });
  }
}

function checkTables(db: Database.Database, file: string, report: DataDirReport): Set<number> {
  const problems = db.prepare('PRAGMA integrity_check(100)').pluck().all() as string[];
  if (problems.length === 1 && problems[0] === 'ok') report.facts.push(`${file}: SQLite integrity check ok`);
  else for (const p of problems) report.damage.push({ file, where: 'SQLite integrity check', problem: p });
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  const missing = ['settings', 'series', 'chunks', 'head'].filter((t) => !tables.has(t));
  if (missing.length > 0) {
    report.damage.push({
      file,
      where: 'schema',
      problem: `not a Promdesk store: no table ${missing.join(', ')}`,
    });
    return new Set();
  }

  const names = new Map<number, string>();
  const byLabels = new Map<string, number>();
  let listed = 0;
  const add = (d: Damage) => {
    if (listed++ < MAX_LISTED) report.damage.push(d);
  };
  for (const [id, json] of db.prepare('SELECT id, labels FROM series').raw().iterate() as Iterable<
    [number, string]
  >) {
    // Files from this version on have no unique index on the labels to refuse a second copy.
    const first = byLabels.get(json);
    if (first !== undefined)
      add({ file, where: `series row ${id}`, problem: `the same labels as series row ${first}` });
    else byLabels.set(json, id);
    try {
      names.set(id, seriesName(Object.fromEntries(JSON.parse(json) as [string, string][])));
    } catch (err) {
      names.set(id, `#${id}`);
      add({ file, where: `series row ${id}`, problem: `its labels do not parse: ${(err as Error).message}` });
    }
  }

  const from = checksumsFrom(db);
  const t = new Float64Array(MAX_CHUNK_SAMPLES);
  const v = new Float64Array(MAX_CHUNK_SAMPLES);
  const stale = new Uint8Array(MAX_CHUNK_SAMPLES);
  const c = { chunks: 0, samples: 0, checksummed: 0, damaged: 0 };
  const chunks = db.prepare('SELECT id, series_id, min_t, max_t, data FROM chunks ORDER BY id').raw();
  for (const [id, sid, minT, maxT, blob] of chunks.iterate() as Iterable<
    [number, number, number, number, Uint8Array]
  >) {
    c.chunks++;
    const problem = chunkProblem(blob, id >= from, minT, maxT, t, v, stale, names.has(sid));
    if (typeof problem === 'number') {
      c.samples += problem;
      if (hasChecksum(blob)) c.checksummed++;
      continue;
    }
    c.damaged++;
    add({
      file,
      where: `chunks row ${id}`,
      problem: `chunk of series ${names.get(sid) ?? `#${sid}`}: ${problem}`,
    });
  }
  report.facts.push(
    `${file}: ${names.size} series; ${c.chunks} chunks (${c.checksummed} with checksums, ` +
      `${c.chunks - c.checksummed - c.damaged} from before checksums), ${c.samples} samples in intact chunks` +
      (c.damaged > 0 ? `; ${c.damaged} damaged chunks` : ''),
  );

  let heads = 0;
  for (const [sid, blob] of db.prepare('SELECT series_id, data FROM head').raw().iterate() as Iterable<
    [number, Uint8Array]
  >) {
    heads++;
    const problem = isHeadRow(blob)
      ? headRowProblem(blob, names.has(sid))
      : chunkProblem(blob, false, null, null, t, v, stale, names.has(sid));
    if (typeof problem === 'string')
      add({
        file,
        where: `head row ${sid}`,
        problem: `open chunk of series ${names.get(sid) ?? `#${sid}`}: ${problem}`,
      });
  }
  let walRows = 0;
  const legacyWal = hasLegacyWal(db) ? db.prepare('SELECT seq, data FROM wal').raw().iterate() : [];
  for (const [seq, blob] of legacyWal as Iterable<[number, Uint8Array]>) {
    walRows++;
    try {
      decodeWalRecord(blob, () => {});
    } catch (err) {
      add({ file, where: `wal row ${seq}`, problem: (err as Error).message });
    }
  }
  report.facts.push(
    `${file}: ${heads} open chunks at the last checkpoint, ${walRows} WAL rows of earlier versions`,
  );
  if (listed > MAX_LISTED) report.facts.push(`${listed - MAX_LISTED} more damaged rows not listed`);
  return new Set(names.keys());
}

/** What is wrong with a head stream row (null: nothing). */
function headRowProblem(blob: Uint8Array, seriesKnown: boolean): string | null {
  if (!seriesKnown) return 'its series is not in the series table';
  try {
    decodeHeadRow(blob);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The chunk's sample count when intact, else what is wrong with it. */
function chunkProblem(
  blob: Uint8Array,
  requireChecksum: boolean,
  minT: number | null,
  maxT: number | null,
  t: Float64Array,
  v: Float64Array,
  stale: Uint8Array,
  seriesKnown: boolean,
): number | string {
  if (!seriesKnown) return 'its series is not in the series table';
  try {
    const body = chunkBody(blob, requireChecksum);
    bodyLength(body);
    const n = decodeBodyInto(body, t, v, stale, 0);
    if (minT !== null && n > 0 && (t[0] !== minT || t[n - 1] !== maxT))
      return `its samples span ${t[0]}..${t[n - 1]} but its row says ${minT}..${maxT}`;
    return n;
  } catch (err) {
    return (err as Error).message;
  }
}

function checkSampleLog(log: string, ids: Set<number> | null, report: DataDirReport): void {
  let data: Uint8Array;
  try {
    data = readFileSync(log);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      report.facts.push(`${log}: absent (the store was closed cleanly, or never written)`);
      return;
    }
    report.damage.push({ file: log, where: 'the file', problem: (err as Error).message });
    return;
  }
  let unknown = 0;
  const scan = scanSampleLog(data, (id) => {
    if (ids !== null && !ids.has(id)) unknown++;
  });
  report.facts.push(`${log}: ${data.length} bytes, ${scan.records} records, ${scan.samples} samples`);
  if (unknown > 0) {
    report.damage.push({
      file: log,
      where: 'its records',
      problem: `${unknown} samples are for series ids that promdesk.db does not have`,
    });
  }
  if (scan.reason === null) return;
  const rest = data.length - scan.end;
  // With a server appending, the last record can be mid-write as the file is read.
  const unfinished = /cut short/.test(scan.reason) && scan.recordsAfter === 0;
  if (report.inUse && unfinished) {
    report.facts.push(`${log}: the last ${rest} bytes are a record being written (the directory is in use)`);
    return;
  }
  report.damage.push({
    file: log,
    where: `byte ${scan.end}`,
    problem:
      `${scan.reason}; the ${rest} bytes from there are not replayed` +
      (scan.recordsAfter > 0
        ? ` (they hold ${scan.recordsAfter} intact records, ${scan.samplesAfter} samples)`
        : ''),
  });
}
