// A commit the disk refuses: it throws an error naming the file, stores nothing of its batch,
// is counted, and does not disturb the commits before and after it, in memory or after a crash.
// A refused head checkpoint costs no commit, and is not retried at every commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import type { Matcher } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';
import { FaultyLogFs } from '../../helpers/faulty-log-fs';

const ALL: Matcher[] = [{ name: '__name__', type: '=', value: 'm' }];

function commit(store: ChunkStore, t: number, series: number): void {
  const app = store.appender();
  for (let i = 0; i < series; i++) app.append({ __name__: 'm', i: String(i) }, t, t / 1000 + i);
  app.commit();
}

function timestamps(store: ChunkStore): number[][] {
  return store
    .select(ALL, -Infinity, Infinity)
    .sort((a, b) => Number(a.labels.i) - Number(b.labels.i))
    .map((s) => [...s.t]);
}

test('a failed commit throws naming the file, is counted, and leaves earlier and later ones whole', () => {
  const dir = tempDir();
  const file = join(dir.path, 'promdesk.db');
  try {
    const fs = new FaultyLogFs();
    const store = new ChunkStore(file, { logFs: fs });
    commit(store, 1000, 3);
    fs.allow = 40;
    assert.throws(
      () => commit(store, 2000, 5), // two new series too: their rows are made, their samples not
      (err: NodeJS.ErrnoException) =>
        err.code === 'ENOSPC' && err.message === `ENOSPC: no space left on device, write '${file}-samples'`,
    );
    assert.throws(() => commit(store, 3000, 3), /ENOSPC/);
    assert.equal(store.stats.commitFailures, 2);
    assert.deepEqual(timestamps(store), [[1000], [1000], [1000]], 'nothing of the failed commits');
    fs.heal();
    commit(store, 4000, 5);
    const want = [[1000, 4000], [1000, 4000], [1000, 4000], [4000], [4000]];
    assert.deepEqual(timestamps(store), want);
    assert.equal(store.stats.commitFailures, 2);
    store.db.close(); // a crash: no checkpoint, the log is all there is

    const again = new ChunkStore(file);
    try {
      assert.deepEqual(timestamps(again), want, 'the same after a crash and replay');
      assert.equal(again.stats.logDamage, null);
    } finally {
      again.close();
    }
  } finally {
    dir.remove();
  }
});

test('a checkpoint the disk refuses is retried a while later, not at every commit; nothing is lost', (t) => {
  const dir = tempDir();
  const file = join(dir.path, 'promdesk.db');
  const errors: string[] = [];
  t.mock.method(console, 'error', (msg: string) => errors.push(msg));
  try {
    const store = new ChunkStore(file, { checkpointSamples: 40, checkpointHeadRatio: 0 });
    // As a full disk fails SQLite: the head rows cannot be written.
    store.db.exec(
      "CREATE TEMP TRIGGER no_room BEFORE INSERT ON head BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    let k = 0;
    for (; k < 200; k++) commit(store, 1000 * (k + 1), 2);
    const failed = errors.filter((e) => e.startsWith('head checkpoint failed')).length;
    assert.ok(failed >= 20 && failed <= 45, `${failed} checkpoint attempts in 200 commits`);
    assert.match(errors[0], new RegExp(`database or disk is full \\(${file}\\)`));
    assert.equal(store.stats.checkpoints, 0);
    assert.equal(store.stats.commitFailures, 0, 'the commits themselves are safe in the log');
    store.db.exec('DROP TRIGGER no_room');
    for (; k < 230; k++) commit(store, 1000 * (k + 1), 2);
    assert.ok(store.stats.checkpoints >= 1);
    store.db.close();
    const again = new ChunkStore(file);
    try {
      const want = Array.from({ length: 230 }, (_, i) => 1000 * (i + 1));
      assert.deepEqual(timestamps(again), [want, want]);
    } finally {
      again.close();
    }
  } finally {
    dir.remove();
  }
});
