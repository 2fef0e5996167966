// Opens the series store of a data directory, holding its lock for as long as it is open.
// The one place that decides which store implementation a data directory uses.
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { ChunkStore } from './chunk-store';

export type SeriesStore = ChunkStore;

/** The store's file in a data directory. */
export function storeFile(dataDir: string): string {
  return join(dataDir, 'promdesk.db');
}

export function openStore(dataDir: string): SeriesStore {
  const lock = lockDataDir(dataDir);
  try {
    const store = new ChunkStore(storeFile(dataDir));
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
