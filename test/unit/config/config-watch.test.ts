// --config.watch's watcher on a real folder: an editor's save (write a new file, rename it over)
// and an in-place write each call back once their burst settles; a save of the same text does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchConfigFile } from '../../../electron/engine/config/config-watch';
import { tempDir } from '../../helpers/tmp';

async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('config watch: renamed-over and in-place saves call back; the same text does not', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'prometheus.yml');
  writeFileSync(file, 'scrape_configs: []\n');
  let calls = 0;
  const logs: string[] = [];
  const w = watchConfigFile(file, () => calls++, { log: (m) => logs.push(m), settleMs: 50 });
  try {
    // An editor's atomic save: a temporary file renamed over the config.
    writeFileSync(file + '.tmp', 'scrape_configs: [] # 1\n');
    renameSync(file + '.tmp', file);
    await until('the renamed-over save', () => calls === 1);
    // A burst of in-place writes (truncate, then parts) is one change.
    writeFileSync(file, '');
    writeFileSync(file, 'scrape_configs:');
    writeFileSync(file, 'scrape_configs: [] # 2\n');
    await until('the in-place save', () => calls === 2);
    // Saved again unchanged, and a file beside it written: no reload.
    writeFileSync(file, 'scrape_configs: [] # 2\n');
    writeFileSync(join(dir.path, 'other.txt'), 'x');
    await pause(400);
    assert.equal(calls, 2);
    assert.deepEqual(logs, []);
  } finally {
    w.close();
    dir.remove();
  }
  // After close, nothing more.
  const before = calls;
  await pause(100);
  assert.equal(calls, before);
});
