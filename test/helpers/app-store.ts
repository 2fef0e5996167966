// The store the app uses (ChunkStore, opened through openStore with its data-directory lock) in a
// fresh temporary directory that close() removes.
import { openStore, type SeriesStore } from '../../electron/engine/store/open-store';
import { tempDir } from './tmp';

export function openTempStore(): SeriesStore {
  const dir = tempDir('promdesk-store-');
  const store = openStore(dir.path);
  const close = store.close.bind(store);
  store.close = () => {
    try {
      close();
    } finally {
      dir.remove();
    }
  };
  return store;
}
