// Opening a data directory whose files are damaged or missing: the error names the file and
// says what to do; a sample log whose promdesk.db is gone is never dropped or replayed onto a
// new store's series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { openStore, StoreOpenError } from '../../../electron/engine/store/open-store';
import { tempDir } from '../../helpers/tmp';

/** The bytes of a sample log holding 10 commits of one series (copied while its store is open). */
function sampleLog(): Buffer {
  const dir = tempDir();
  try {
    const store = new ChunkStore(join(dir.path, 'promdesk.db'));
    for (let i = 0; i < 10; i++) {
      const app = store.appender();
      app.append({ __name__: 'lost' }, 1_700_000_000_000 + i * 1000, i);
      app.commit();
    }
    const bytes = readFileSync(join(dir.path, 'promdesk.db-samples'));
    store.close();
    return bytes;
  } finally {
    dir.remove();
  }
}

test('a promdesk.db that is not a database: the error names the file', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'promdesk.db');
    writeFileSync(file, 'this is not a SQLite file, it is text that got here somehow'.repeat(20));
    assert.throws(
      () => openStore(dir.path),
      (err: Error) =>
        err instanceof StoreOpenError &&
        err.message.startsWith(`${file}: file is not a database: it is damaged or not a Promdesk store`),
    );
    // The lock was released: the directory can be opened again once the file is moved aside.
    writeFileSync(file, '');
    openStore(dir.path).close();
  } finally {
    dir.remove();
  }
});

test('a missing or empty promdesk.db beside a sample log with commits is refused, the log untouched', () => {
  const log = sampleLog();
  for (const empty of [false, true]) {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'promdesk.db');
      writeFileSync(`${file}-samples`, log);
      if (empty) writeFileSync(file, '');
      assert.throws(() => openStore(dir.path), {
        name: 'StoreOpenError',
        message: new RegExp(
          `${empty ? 'is empty \\(0 bytes\\)' : 'is missing'}, but the sample log beside it, .*promdesk\\.db-samples, ` +
            `holds ${log.length} bytes of commits.*--storage\\.allow-empty-start`,
        ),
      });
      assert.deepEqual(readFileSync(`${file}-samples`), log);
      assert.equal(existsSync(file), empty, 'no database was created');
    } finally {
      dir.remove();
    }
  }
});

test('allowEmptyStart opens an empty store and keeps the orphaned log aside, not replayed', () => {
  const log = sampleLog();
  const dir = tempDir();
  try {
    const logged: string[] = [];
    writeFileSync(join(dir.path, 'promdesk.db-samples'), log);
    const store = openStore(dir.path, { allowEmptyStart: true, log: (m) => logged.push(m) });
    try {
      assert.equal(store.stats.series, 0);
      assert.equal(store.stats.walReplayed, 0);
      // A new series gets id 1, the id the lost log's samples name: none of them may show up.
      const app = store.appender();
      app.append({ __name__: 'fresh' }, 1_700_000_500_000, 42);
      app.commit();
      const all = store.select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity);
      assert.deepEqual(
        all.map((s) => [s.labels.__name__, Array.from(s.v)]),
        [['fresh', [42]]],
      );
    } finally {
      store.close();
    }
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('promdesk.db-samples.orphaned-'));
    assert.equal(aside.length, 1);
    assert.deepEqual(readFileSync(join(dir.path, aside[0])), log);
    assert.match(
      logged.join('\n'),
      /is missing; starting an empty store .* kept as .*promdesk\.db-samples\.orphaned-/,
    );
  } finally {
    dir.remove();
  }
});
