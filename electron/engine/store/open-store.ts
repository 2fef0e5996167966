// Opens the series store of a data directory, holding its lock for as long as it is open.
// The one place that decides which store implementation a data directory uses.
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { SqliteStore } from './sqlite-store';

export type SeriesStore = SqliteStore;

export function openStore(dataDir: string): SeriesStore {
  const lock = lockDataDir(dataDir);
  try {
    const store = new SqliteStore(join(dataDir, 'promdesk.db'));
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
