// `promdesk serve` on a data dir whose sample log is garbled mid-file (left by a crash): it starts,
// says on stderr where replay stopped, why and what the skipped bytes held, shows the skipped
// bytes on /metrics, keeps them in a file beside the log, and serves what came before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkStore } from '../../electron/engine/store/chunk-store';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

test('a garbled sample log: serve reports the offset and what was skipped, and sets the rest aside', async () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  const logFile = join(data, 'promdesk.db-samples');
  try {
    const t0 = Date.now() - 600_000;
    const store = new ChunkStore(join(data, 'promdesk.db'));
    const commit = (k: number) => {
      const app = store.appender();
      for (let i = 0; i < 10; i++) app.append({ __name__: 'damaged_log', i: String(i) }, t0 + k * 1000, k);
      app.commit();
    };
    for (let k = 0; k < 5; k++) commit(k);
    const bad = readFileSync(logFile).length;
    for (let k = 5; k < 9; k++) commit(k);
    store.db.close(); // a crash: the log is all there is
    const bytes = readFileSync(logFile);
    bytes[bad + 12] ^= 0xff;
    writeFileSync(logFile, bytes);

    const serve = await startServeProcess(data);
    try {
      assert.match(
        serve.output(),
        new RegExp(
          `sample log ${logFile}: replay stopped at byte ${bad} of ${bytes.length} ` +
            `\\(a record whose checksum does not match\\); ${bytes.length - bad} bytes skipped, ` +
            `holding 3 intact records \\(30 samples\\) after the damage that were not replayed; ` +
            `they are kept in ${logFile}\\.damaged-`,
        ),
      );
      const metrics = await (await fetch(`${serve.base}/metrics`)).text();
      assert.match(
        metrics,
        new RegExp(`^promdesk_store_log_replay_skipped_bytes ${bytes.length - bad}$`, 'm'),
      );
      const aside = readdirSync(data).filter((f) => f.startsWith('promdesk.db-samples.damaged-'));
      assert.equal(aside.length, 1);
      assert.deepEqual(readFileSync(join(data, aside[0])), bytes.subarray(bad));
      const u = new URL('/api/v1/query', serve.base);
      u.searchParams.set('query', 'count_over_time(damaged_log[1h])');
      const r = (await (await fetch(u)).json()) as { data: { result: { value: [number, string] }[] } };
      assert.equal(r.data.result.length, 10);
      assert.ok(
        r.data.result.every((s) => s.value[1] === '5'),
        'the five commits before the damage',
      );
    } finally {
      assert.equal(await serve.stop(), 0);
    }
  } finally {
    dir.remove();
  }
});
