// The `promdesk` command as a user runs it: a bad config stops start-up with file, line and
// key; SIGTERM and SIGINT shut down cleanly (exit 0) with the store closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitHttp } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const bin = join(process.cwd(), 'bin', 'promdesk.mjs');

test('a bad config file: a clear error naming file, line and key, and a non-zero exit', () => {
  const dir = tempDir();
  try {
    const cfg = join(dir.path, 'prometheus.yml');
    writeFileSync(cfg, 'scrape_configs:\n  - job_name: x\n    scrape_interval: soon\n');
    const r = spawnSync(
      process.execPath,
      [bin, 'serve', '--config', cfg, '--data', join(dir.path, 'd'), '--listen', '127.0.0.1:0'],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `${cfg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: scrape_configs\\[x\\]\\.scrape_interval: not a valid duration`,
      ),
    );
    assert.equal(
      existsSync(join(dir.path, 'd', 'promdesk.db')),
      false,
      'no store was opened for a bad config',
    );
    const u = spawnSync(process.execPath, [bin, 'serve', '--listen', 'nope'], { encoding: 'utf8' });
    assert.equal(u.status, 2);
    assert.match(u.stderr, /--listen must be HOST:PORT/);
  } finally {
    dir.remove();
  }
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} stops serve cleanly`, { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--data', dir.path, '--listen', `127.0.0.1:${port}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitHttp(`http://127.0.0.1:${port}/-/ready`);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      assert.equal(await exited, 0, stderr);
      assert.match(stderr, new RegExp(`${signal}, shutting down`));
      // Closed cleanly: the WAL was folded back into the database file.
      assert.equal(existsSync(join(dir.path, 'promdesk.db-wal')), false);
    } finally {
      child.kill('SIGKILL');
      dir.remove();
    }
  });
}
