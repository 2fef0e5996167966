// The built `promdesk` on damaged data directories, as a user meets them: `promdesk check`
// reports damaged chunks and sample-log records with file and row or offset (exit 1), a clean
// directory passes (exit 0), also while a server runs on it; serve skips and counts damaged
// chunks (/metrics) and answers queries with the rest; and serve refuses to start an empty store
// beside a sample log whose promdesk.db is gone, unless --storage.allow-empty-start.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChunkStore } from '../../electron/engine/store/chunk-store';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const bin = join(process.cwd(), 'bin', 'promdesk.mjs');
const T0 = 1_700_000_000_000;
const running = new Set<ServeProcess>();
const dirs: { remove(): void }[] = [];
after(async () => {
  for (const s of running) await s.stop();
  for (const d of dirs) d.remove();
});

function dataDir(): string {
  const d = tempDir('promdesk-damage-');
  dirs.push(d);
  return d.path;
}

/** A data directory with 4 series × 1200 samples (5 closed chunks each), closed cleanly. */
function writeStore(dir: string): void {
  const store = new ChunkStore(join(dir, 'promdesk.db'));
  for (let i = 0; i < 1200; i++) {
    const app = store.appender();
    for (let s = 0; s < 4; s++) app.append({ __name__: 'dmg', s: String(s) }, T0 + i * 15_000, i * 1.5 + s);
    app.commit();
  }
  store.close();
}

/** Flips bytes in the middle of `count` chunk blobs; returns their row ids. */
function corruptChunks(dir: string, count: number): number[] {
  const db = new Database(join(dir, 'promdesk.db'));
  const rows = db.prepare('SELECT id, data FROM chunks ORDER BY id LIMIT ?').all(count) as {
    id: number;
    data: Buffer;
  }[];
  for (const r of rows) {
    const d = Buffer.from(r.data);
    for (let k = 0; k < 5; k++) d[8 + ((k * 7) % (d.length - 8))] ^= 0x5a;
    db.prepare('UPDATE chunks SET data = ? WHERE id = ?').run(d, r.id);
  }
  db.close();
  return rows.map((r) => r.id);
}

function check(dir: string, ...extra: string[]) {
  return spawnSync(process.execPath, [bin, 'check', '--data', dir, ...extra], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('promdesk check: exit 0 on an intact directory, 1 with each damaged chunk named, 2 on bad usage', () => {
  const dir = dataDir();
  writeStore(dir);
  const db = readFileSync(join(dir, 'promdesk.db'));
  const clean = check(dir);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /SQLite integrity check ok/);
  assert.match(
    clean.stdout,
    /4 series; 20 chunks \(20 with checksums, 0 from before checksums\), 4\d{3} samples/,
  );
  assert.match(clean.stdout, /intact: no damage found/);
  // Nothing changed: the database is byte for byte what it was, and the only file added is the
  // directory's lock (which every Promdesk process takes, serve included).
  assert.deepEqual(readFileSync(join(dir, 'promdesk.db')), db);
  assert.deepEqual(readdirSync(dir).sort(), ['promdesk.db', 'promdesk.lock']);

  const ids = corruptChunks(dir, 3);
  const bad = check(dir);
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /DAMAGED: 3 problem\(s\)/);
  for (const id of ids) {
    assert.match(
      bad.stdout,
      new RegExp(`promdesk\\.db: chunks row ${id}: chunk of series dmg\\{s="\\d"\\}: checksum mismatch`),
    );
  }
  const json = JSON.parse(check(dir, '--json').stdout) as { damage: { where: string }[] };
  assert.deepEqual(
    json.damage.map((d) => d.where),
    ids.map((id) => `chunks row ${id}`),
  );

  const usage = check(dir, '--nope');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /Unknown option '--nope'/);
  const nodir = check(join(dir, 'absent'));
  assert.equal(nodir.status, 2);
  assert.match(nodir.stderr, /absent is not a directory/);
});

test('promdesk check: a garbled sample-log record is reported with its byte offset', () => {
  const dir = dataDir();
  writeStore(dir);
  // Commits after the last checkpoint live in the sample log: copy it while the store is open.
  const live = dataDir();
  const store = new ChunkStore(join(live, 'promdesk.db'));
  for (let i = 0; i < 20; i++) {
    const app = store.appender();
    app.append({ __name__: 'dmg', s: '0' }, T0 + i * 1000, i);
    app.commit();
  }
  copyFileSync(join(live, 'promdesk.db-samples'), join(dir, 'promdesk.db-samples'));
  store.close();
  const log = readFileSync(join(dir, 'promdesk.db-samples'));
  const recordBytes = log.length / 20;
  log[Math.floor(recordBytes * 5) + 12] ^= 0xff; // inside the sixth record's payload
  writeFileSync(join(dir, 'promdesk.db-samples'), log);
  const r = check(dir);
  assert.equal(r.status, 1, r.stdout);
  assert.match(
    r.stdout,
    new RegExp(
      `promdesk\\.db-samples: byte ${recordBytes * 5}: a record whose checksum does not match; ` +
        `the ${log.length - recordBytes * 5} bytes from there are not replayed \\(they hold 14 intact records, 14 samples\\)`,
    ),
  );
});

test('serve skips damaged chunks, counts them on /metrics, answers with the rest; check runs beside it', async () => {
  const dir = dataDir();
  writeStore(dir);
  corruptChunks(dir, 2);
  const s = await startServeProcess(dir, undefined, running);
  const q = new URLSearchParams({ query: 'count_over_time(dmg[1d])', time: String(T0 / 1000 + 86_400) });
  const res = (await (await fetch(`${s.base}/api/v1/query?${q}`)).json()) as {
    status: string;
    data: { result: { metric: { s: string }; value: [number, string] }[] };
  };
  assert.equal(res.status, 'success');
  const counts = res.data.result.map((r) => Number(r.value[1])).sort((a, b) => a - b);
  // Two series lost one 240-sample chunk each (chunk ids 1 and 2 belong to different series).
  assert.deepEqual(counts, [960, 960, 1200, 1200]);
  const metrics = await (await fetch(`${s.base}/metrics`)).text();
  assert.match(metrics, /^promdesk_store_chunks_corrupt_total 2$/m);
  assert.match(
    s.output(),
    /promdesk\.db: chunk 1 of series dmg\{s="0"\} is damaged and was skipped: checksum mismatch/,
  );

  const beside = check(dir);
  assert.equal(beside.status, 1, beside.stdout);
  assert.match(
    beside.stdout,
    /in use: the data directory .* is in use by another Promdesk process \(pid \d+\); checked read-only beside it/,
  );
  assert.match(beside.stdout, /DAMAGED: 2 problem\(s\)/);
  assert.equal(await s.stop(), 0);
});

test('serve refuses a missing or empty promdesk.db beside a sample log with commits, unless --storage.allow-empty-start', async () => {
  const live = dataDir();
  const store = new ChunkStore(join(live, 'promdesk.db'));
  for (let i = 0; i < 10; i++) {
    const app = store.appender();
    app.append({ __name__: 'orphan' }, T0 + i * 1000, i);
    app.commit();
  }
  const logBytes = readFileSync(join(live, 'promdesk.db-samples'));
  store.close();
  for (const state of ['missing', 'empty'] as const) {
    const dir = dataDir();
    writeFileSync(join(dir, 'promdesk.db-samples'), logBytes);
    if (state === 'empty') writeFileSync(join(dir, 'promdesk.db'), '');
    const r = spawnSync(process.execPath, [bin, 'serve', '--data', dir, '--listen', '127.0.0.1:0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 1, r.stderr);
    const file = join(dir, 'promdesk.db').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    assert.match(r.stderr, new RegExp(`${file} is ${state}`));
    assert.match(r.stderr, new RegExp(`${file}-samples, holds ${logBytes.length} bytes of commits`));
    assert.match(r.stderr, /--storage\.allow-empty-start/);
    assert.deepEqual(readFileSync(join(dir, 'promdesk.db-samples')), logBytes, 'the log is untouched');
    const c = check(dir);
    assert.equal(c.status, 1);
    assert.match(c.stdout, new RegExp(`promdesk\\.db: the file: it is ${state}`));
  }
  // With the flag it starts, empty, and keeps the log aside.
  const dir = dataDir();
  writeFileSync(join(dir, 'promdesk.db-samples'), logBytes);
  mkdirSync(dir, { recursive: true });
  const { spawn } = await import('node:child_process');
  const { freePort } = await import('../helpers/peers');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--data', dir, '--listen', `127.0.0.1:${port}`, '--storage.allow-empty-start'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok) break;
      } catch {
        // not yet
      }
      assert.ok(i < 200 && child.exitCode === null, `serve did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const aside = readdirSync(dir).filter((f) => f.startsWith('promdesk.db-samples.orphaned-'));
    assert.equal(aside.length, 1);
    assert.deepEqual(readFileSync(join(dir, aside[0])), logBytes);
    assert.match(stderr, /starting an empty store as --storage\.allow-empty-start asks/);
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
