// One process at a time per data directory (serve, the desktop app, import), like Prometheus's
// lock file: a second writer would corrupt nothing in SQLite, but its in-memory index and head
// would silently diverge. The lock is an exclusive SQLite transaction held open on a small lock
// file: the operating system drops it the moment its process dies, kill -9 included, so a
// crashed process never leaves the directory locked (a pid file would: a killed process can
// linger as a zombie whose pid still answers).
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeBindingPath } from './native-binding';

export class DataDirLockedError extends Error {
  // Kept across the engine thread's boundary (EngineStartError.originalName) and bundling.
  override name = 'DataDirLockedError';
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'promdesk.pid');
  const binding = nativeBindingPath();
  const db = new Database(join(dir, 'promdesk.lock'), {
    timeout: 0,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      let holder = '';
      try {
        holder = ` (pid ${readFileSync(pidFile, 'utf8').trim()})`;
      } catch {
        // no pid file: say nothing about who
      }
      throw new DataDirLockedError(
        `the data directory ${dir} is in use by another Promdesk process${holder}; stop it first`,
      );
    }
    throw err;
  }
  writeFileSync(pidFile, String(process.pid));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(pidFile, { force: true });
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}
