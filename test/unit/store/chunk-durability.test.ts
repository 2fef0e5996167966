// Durability: a child process commits scrapes and is killed with SIGKILL at random moments; the
// reopened store must hold every scrape the child reported committed, intact, and nothing torn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { tempDir } from '../../helpers/tmp';

const SERIES = 20;

function runAndKill(file: string, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../helpers/store-writer.ts'),
        file,
        String(SERIES),
        '50',
        '3000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Start the clock at the first commit so startup time does not eat the window.
      timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own: ${err}`));
      const lines = out.trim().split('\n');
      resolve(Number(lines[lines.length - 1]));
    });
  });
}

test('every committed scrape survives kill -9, over several rounds', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'd.db');
  try {
    let seed = 3;
    for (let round = 0; round < 4; round++) {
      seed = (seed * 48271) % 2147483647;
      const lastCommitted = await runAndKill(file, 150 + (seed % 600));
      const store = new ChunkStore(file);
      try {
        const sel = store.select([{ name: '__name__', type: '=', value: 'dur' }], -Infinity, Infinity);
        assert.equal(sel.length, SERIES);
        const n = sel[0].t.length;
        assert.ok(n > lastCommitted, `round ${round}: ${n} samples, child committed #${lastCommitted}`);
        for (const s of sel) {
          const k = Number(s.labels.s);
          // A commit is all or nothing: every series has the same samples.
          assert.equal(s.t.length, n, `round ${round}: series ${k}`);
          for (let i = 0; i < n; i++) {
            assert.equal(s.t[i], i * 1000);
            const stale = i % 97 === 13 && k === 0;
            assert.equal(s.stale?.[i] ?? 0, stale ? 1 : 0);
            if (!stale) assert.equal(s.v[i], i * 0.25 + k);
          }
        }
      } finally {
        // Not close(): the next round starts from a crashed state again only if we leave it be,
        // but a clean close between rounds also exercises the checkpoint path; alternate.
        if (round % 2 === 0) store.close();
        else store.db.close();
      }
    }
  } finally {
    dir.remove();
  }
});
