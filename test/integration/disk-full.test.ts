// A full disk under `promdesk serve`, on a real small tmpfs (needs root to mount; skipped with
// the reason elsewhere). Ingest until ENOSPC; while full, remote_write and push answer 500 with
// the reason, the scrape target is down with the error and /metrics counts failed commits; free
// the space, ingest more (acknowledged), kill -9, restart: every acknowledged sample is there.
// The store alone first: chunks closed while the disk was full are not lost either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ChunkStore } from '../../electron/engine/store/chunk-store';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { AckedWriter } from '../helpers/acked-writes';
import { fillDisk, mountTmpfs, unmountTmpfs } from '../helpers/tmpfs';
import { tempDir } from '../helpers/tmp';

async function until(what: string, fn: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Target {
  health: string;
  lastError: string;
}

async function target(base: string): Promise<Target> {
  const r = (await (await fetch(`${base}/api/v1/targets`)).json()) as { data: { activeTargets: Target[] } };
  return r.data.activeTargets[0];
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

test('the store on a full tmpfs: failed commits store nothing, acknowledged ones survive a crash', async (t) => {
  const dir = tempDir();
  const mnt = join(dir.path, 'mnt');
  const why = mountTmpfs(mnt, 8 << 20);
  if (why) {
    dir.remove();
    return t.skip(why);
  }
  const file = join(mnt, 'promdesk.db');
  try {
    // Small chunks: they close all the time, so SQLite writes (and fails) as often as the log.
    const store = new ChunkStore(file, { maxChunkSamples: 8 });
    const acked: number[] = [];
    let t0 = 1_700_000_000_000;
    const commit = (k: number) => {
      const app = store.appender();
      for (let i = 0; i < 300; i++) app.append({ __name__: 'm', i: String(i) }, t0 + k * 1000, k);
      app.commit();
      acked.push(k);
    };
    let k = 0;
    for (; k < 20; k++) commit(k);
    const filler = fillDisk(mnt, 48 << 10);
    let failures = 0;
    for (let tries = 0; tries < 200 && failures < 10; tries++, k++) {
      try {
        commit(k);
      } catch (err) {
        assert.match((err as Error).message, /ENOSPC|disk is full/);
        assert.ok((err as Error).message.includes(file), `names the file: ${(err as Error).message}`);
        failures++;
      }
    }
    assert.equal(failures, 10, 'the disk filled up');
    filler.free();
    for (let n = 0; n < 30; n++, k++) commit(k);
    const want = acked.map((x) => t0 + x * 1000);
    const times = (s: ChunkStore) => s.select([{ name: 'i', type: '=', value: '7' }], -Infinity, Infinity)[0];
    assert.deepEqual([...times(store).t], want, 'all acknowledged, none refused, in memory');
    store.db.close(); // kill -9
    const again = new ChunkStore(file);
    try {
      assert.deepEqual([...times(again).t], want, 'and after a crash');
      assert.equal(
        again.select([{ name: '__name__', type: '=', value: 'm' }], -Infinity, Infinity).length,
        300,
      );
      assert.equal(again.stats.logDamage, null);
    } finally {
      again.close();
    }
    t0 = 0;
  } finally {
    unmountTmpfs(mnt);
    dir.remove();
  }
});

test('promdesk serve on a full tmpfs: 500s with the reason, target down, then nothing acknowledged lost', async (t) => {
  const dir = tempDir();
  const mnt = join(dir.path, 'mnt');
  const why = mountTmpfs(mnt, 24 << 20);
  if (why) {
    dir.remove();
    return t.skip(why);
  }
  const exporter = http.createServer((_q, r) =>
    r.end(Array.from({ length: 50 }, (_, i) => `df_scraped{i="${i}"} ${i}\n`).join('')),
  );
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  const config = join(dir.path, 'p.yml');
  writeFileSync(
    config,
    `scrape_configs:\n  - job_name: df\n    scrape_interval: 1s\n    static_configs:\n` +
      `      - targets: ["127.0.0.1:${(exporter.address() as AddressInfo).port}"]\n`,
  );
  const data = join(mnt, 'data');
  const running = new Set<ServeProcess>();
  try {
    let serve = await startServeProcess(data, config, running);
    const base = () => serve.base;
    await until('the target up', async () => (await target(base())).health === 'up');
    const writer = new AckedWriter({
      metric: 'df_acked',
      series: 100,
      samples: 10,
      startMs: Date.now() - 3600_000,
    });
    for (let i = 0; i < 5; i++) assert.equal((await writer.send(base())).status, 204);
    const push = (v: number) =>
      fetch(`${base()}/metrics/job/df`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain; version=0.0.4' },
        // More than a page of log record: tmpfs may still have room in the log's last page.
        body: Array.from({ length: 500 }, (_, i) => `df_pushed{k="${i}"} ${v}\n`).join(''),
      });
    assert.equal((await push(1)).status, 200);

    const filler = fillDisk(mnt, 64 << 10);
    let full: { status: number; body: string } | null = null;
    for (let i = 0; i < 300 && !full; i++) {
      const r = await writer.send(base());
      if (r.status !== 204) full = r;
    }
    assert.ok(full, 'remote_write was refused once the disk filled');
    assert.equal(full.status, 500);
    assert.match(full.body, /storing the samples failed: .*(ENOSPC: no space left on device|disk is full)/);
    assert.ok(full.body.includes(join(data, 'promdesk.db')), `names the file: ${full.body}`);
    // Now every byte: small commits (a push, a scrape) fail too.
    const rest = fillDisk(mnt, 0, 'filler2');
    for (let i = 0; i < 3; i++) assert.equal((await writer.send(base())).status, 500);
    const pushed = await push(2);
    assert.equal(pushed.status, 500);
    assert.match(await pushed.text(), /storing .*failed: .*(ENOSPC|disk is full)/);
    await until('the target down with the store error', async () => {
      const tg = await target(base());
      return tg.health === 'down' && /storing the scrape failed: .*(ENOSPC|disk is full)/.test(tg.lastError);
    });
    assert.ok((await metric(base(), 'promdesk_store_commit_failures_total')) >= 5);

    filler.free();
    rest.free();
    const before = writer.acked.length;
    for (let i = 0; i < 10; i++) assert.equal((await writer.send(base())).status, 204, 'space again');
    assert.equal(writer.acked.length, before + 10);
    assert.equal((await push(3)).status, 200);
    await until('the target up again', async () => (await target(base())).health === 'up');

    serve.proc.kill('SIGKILL');
    await new Promise((r) => serve.proc.once('exit', r));
    running.delete(serve);
    serve = await startServeProcess(data, config, running);
    const check = await writer.check(base());
    assert.equal(check.lost, 0, `lost ${check.lost} of ${check.acknowledged}: ${check.examples.join(', ')}`);
    assert.equal(check.present, check.acknowledged);
    assert.ok(check.acknowledged >= 15 * 100 * 10);
    // A kill can cut one unfinished write short; never may acknowledged records follow a tear.
    assert.doesNotMatch(serve.output(), /intact records .* not replayed/);
    const q = await fetch(`${base()}/api/v1/query?query=df_pushed`);
    const vals = ((await q.json()) as { data: { result: { value: [number, string] }[] } }).data.result;
    assert.equal(vals.length, 500);
    assert.ok(vals.every((s) => s.value[1] === '3'));
    assert.equal(await serve.stop(), 0);
  } finally {
    for (const s of running) s.proc.kill('SIGKILL');
    await new Promise<void>((r) => exporter.close(() => r()));
    await new Promise((r) => setTimeout(r, 300));
    unmountTmpfs(mnt);
    dir.remove();
  }
});
