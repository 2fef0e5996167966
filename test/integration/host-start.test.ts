// startHost, the one start-up of serve and the desktop host: a clean stop() is no crash; an
// engine thread that ends by itself is reported (serve exits, the desktop shows a page) rather
// than leaving a server that answers only errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { startHost } from '../../electron/host/start-host';
import { engineOptions } from '../../electron/host/options';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { tempDir } from '../helpers/tmp';

const start = (dataDir: string, onEngineStopped: (m: string) => void) =>
  startHost({
    mode: 'serve',
    dataDir,
    configFile: null,
    ...engineOptions(DEFAULT_SETTINGS),
    http: { host: '127.0.0.1', port: 0, rendererDir: join(dataDir, 'ui'), token: null },
    onListenError: 'throw',
    onEngineStopped,
  });

test('an engine thread that ends by itself is reported; stop() is not', async () => {
  const dir = tempDir('promdesk-start-');
  try {
    const stopped: string[] = [];
    const clean = await start(join(dir.path, 'a'), (m) => stopped.push(m));
    await clean.stop();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(stopped.length, 0, stopped.join());

    const host = await start(join(dir.path, 'b'), (m) => stopped.push(m));
    const url = (host.http() as { url: string }).url;
    assert.equal((await fetch(`${url}-/ready`)).status, 200);
    // A crash, as far as the host can tell: the thread is gone without close().
    await (host.engine as unknown as { worker: Worker }).worker.terminate();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(stopped, ['the engine thread stopped unexpectedly (exit code 1)']);
    await host.stop();
  } finally {
    dir.remove();
  }
});
