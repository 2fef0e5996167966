// --config.watch: the config file's folder is watched (editors save by writing a new file and
// renaming it over the old one, which a watch on the file itself would lose; Kubernetes swaps a
// symlink), and once the events settle the file is read: a text that differs from the last one
// seen calls `changed` (the engine's reload, which keeps the old config when the new one is bad).
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

/** A save comes as a burst of events (truncate, write, rename): the file is read once they settle. */
const SETTLE_MS = 250;

export interface ConfigWatch {
  close(): void;
}

export function watchConfigFile(
  file: string,
  changed: () => void,
  opts: { log: (msg: string) => void; settleMs?: number },
): ConfigWatch {
  let last = read(file);
  let settle: NodeJS.Timeout | null = null;
  let closed = false;
  const check = () => {
    settle = null;
    if (closed) return;
    const now = read(file);
    // A file that is gone for a moment (between an editor's delete and write) is no change; the
    // write that follows is. Reading it when it is back tells whether it changed.
    if (now === null || now === last) return;
    last = now;
    changed();
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(file), () => {
      if (settle) clearTimeout(settle);
      settle = setTimeout(check, opts.settleMs ?? SETTLE_MS);
      settle.unref();
    });
    watcher.on('error', (err) => {
      opts.log(`config watch of ${file} stopped: ${err.message}`);
      watcher?.close();
    });
    watcher.unref();
  } catch (err) {
    opts.log(`cannot watch ${file}: ${(err as Error).message}; reload it with SIGHUP or the Reload button`);
  }
  return {
    close() {
      closed = true;
      if (settle) clearTimeout(settle);
      watcher?.close();
    },
  };
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
