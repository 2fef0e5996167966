// Opens the series store of a data directory, holding its lock for as long as it is open.
// The one place that decides which store implementation a data directory uses.
import { renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { ChunkStore } from './chunk-store';

export type SeriesStore = ChunkStore;

/** The store's file in a data directory. */
export function storeFile(dataDir: string): string {
  return join(dataDir, 'promdesk.db');
}

export interface OpenStoreOptions {
  /**
   * Open an empty store even though promdesk.db is missing or empty beside a sample log that
   * holds commits (serve's --storage.allow-empty-start). The log is renamed aside, kept.
   */
  allowEmptyStart?: boolean;
  log?: (msg: string) => void;
}

/** The data directory cannot be opened as it is; the message says why and what to do. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export function openStore(dataDir: string, opts: OpenStoreOptions = {}): SeriesStore {
  const lock = lockDataDir(dataDir);
  try {
    const file = storeFile(dataDir);
    checkLogHasItsStore(file, opts);
    let store: ChunkStore;
    try {
      store = new ChunkStore(file);
    } catch (err) {
      throw namingFile(err, file);
    }
    const close = store.close.bind(store);
    store.close = () => {
      try {
        close();
      } finally {
        lock.release();
      }
    };
    return store;
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Size of a file, -1 when it does not exist. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return -1;
    throw err;
  }
}

/**
 * The sample log names series by their ids in promdesk.db. Without that file (deleted, or
 * emptied) a new store would start silently and the log's commits would be dropped, or worse
 * replayed onto the new store's series: refuse, unless told to start empty.
 */
function checkLogHasItsStore(file: string, opts: OpenStoreOptions): void {
  const log = `${file}-samples`;
  const logBytes = sizeOf(log);
  const dbBytes = sizeOf(file);
  if (logBytes <= 0 || dbBytes > 0) return;
  const state = dbBytes < 0 ? 'is missing' : 'is empty (0 bytes)';
  if (!opts.allowEmptyStart) {
    throw new StoreOpenError(
      `${file} ${state}, but the sample log beside it, ${log}, holds ${logBytes} bytes of commits ` +
        'for the series in that file. Starting would begin an empty store and lose them. Restore ' +
        'promdesk.db from a backup (the log replays onto it), or start with ' +
        '--storage.allow-empty-start to begin an empty store (the log is then kept aside).',
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${log}.orphaned-${stamp}`;
  renameSync(log, aside);
  // SQLite's own WAL of the lost file would be replayed into the new one: keep it aside too.
  if (sizeOf(`${file}-wal`) >= 0) renameSync(`${file}-wal`, `${file}-wal.orphaned-${stamp}`);
  rmSync(`${file}-shm`, { force: true });
  (opts.log ?? console.error)(
    `store: ${file} ${state}; starting an empty store as --storage.allow-empty-start asks. ` +
      `The sample log that was beside it (${logBytes} bytes) is kept as ${aside}.`,
  );
}

/** SQLite's errors ("file is not a database") name no file: say which, and what to do. */
function namingFile(err: unknown, file: string): Error {
  const e = err as Error & { code?: string };
  if (!(e instanceof Error) || e.message.includes(file)) return e;
  const advice =
    e.code === 'SQLITE_NOTADB' || e.code?.startsWith('SQLITE_CORRUPT')
      ? ': it is damaged or not a Promdesk store. `promdesk check --data DIR` reports what it ' +
        'finds; restore the file from a backup, or move it aside to start an empty store'
      : '';
  return new StoreOpenError(`${file}: ${e.message}${advice}`, { cause: e });
}
