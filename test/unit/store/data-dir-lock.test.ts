import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { DataDirLockedError, lockDataDir } from '../../../electron/engine/store/data-dir-lock';
import { tempDir } from '../../helpers/tmp';

test('a data directory has one user at a time, and a kill -9 frees it at once', async () => {
  const dir = tempDir();
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./electron/engine/store/data-dir-lock.ts').then(({ lockDataDir }) => { lockDataDir(${JSON.stringify(dir.path)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
    });
    assert.throws(
      () => lockDataDir(dir.path),
      (err: Error) => err instanceof DataDirLockedError && new RegExp(`pid ${holder.pid}`).test(err.message),
    );
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const lock = lockDataDir(dir.path); // no stale lock left behind
    assert.throws(
      () => lockDataDir(dir.path),
      DataDirLockedError,
      'also excludes a second user in one process',
    );
    lock.release();
    lockDataDir(dir.path).release();
  } finally {
    holder.kill('SIGKILL');
    dir.remove();
  }
});
