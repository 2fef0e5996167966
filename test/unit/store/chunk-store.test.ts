// v2 specifics: the same answers as v1 on a random workload (across chunk boundaries, reopens
// and head checkpoints), retention by age and size, and a fast reopen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../helpers/sqlite-store';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import type { Matcher, SeriesSamples } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';
import { prng } from '../../helpers/node-mix';

function same(a: SeriesSamples[], b: SeriesSamples[], what: string): void {
  assert.equal(a.length, b.length, `${what}: series count`);
  for (let i = 0; i < a.length; i++) {
    assert.deepEqual(a[i].labels, b[i].labels, what);
    assert.deepEqual([...a[i].t], [...b[i].t], `${what}: t of ${JSON.stringify(a[i].labels)}`);
    assert.equal(a[i].v.length, b[i].v.length);
    for (let j = 0; j < a[i].v.length; j++) assert.ok(Object.is(a[i].v[j], b[i].v[j]), `${what}: v[${j}]`);
    assert.deepEqual([...(a[i].stale ?? [])], [...(b[i].stale ?? [])], `${what}: stale`);
  }
}

const ALL: Matcher[] = [{ name: '__name__', type: '=~', value: '.+' }];

test('v2 answers exactly like v1 on a random workload with reopens and checkpoints', () => {
  const dir = tempDir();
  const rnd = prng(42);
  const f1 = join(dir.path, 'v1.db');
  const f2 = join(dir.path, 'v2.db');
  // Small chunks and frequent checkpoints so the workload crosses every path.
  const open2 = () => new ChunkStore(f2, { maxChunkSamples: 37, checkpointSamples: 500 });
  let v1 = new SqliteStore(f1);
  let v2 = open2();
  let chunks = 0;
  let checkpoints = 0;
  try {
    const series = Array.from({ length: 12 }, (_, i) => ({
      __name__: `m${i % 3}`,
      inst: `i${i}`,
      ...(i % 4 === 0 ? { extra: 'x' } : {}),
    }));
    let t = 1_700_000_000_000;
    for (let round = 0; round < 400; round++) {
      t += 15_000 + Math.floor(rnd() * 20) - 10 + (rnd() < 0.02 ? 3 * 3600_000 : 0);
      const a1 = v1.appender();
      const a2 = v2.appender();
      for (const l of series) {
        if (rnd() < 0.1) continue;
        const r = rnd();
        const ts = rnd() < 0.03 ? t - 30_000 : t; // sometimes out of order
        const v =
          r < 0.05
            ? NaN
            : r < 0.07
              ? Infinity
              : r < 0.08
                ? -0
                : r < 0.5
                  ? Math.round(rnd() * 1e4) / 100
                  : rnd();
        if (r > 0.98) assert.equal(a1.appendStale(l, ts), a2.appendStale(l, ts));
        else assert.equal(a1.append(l, ts, v), a2.append(l, ts, v));
        if (rnd() < 0.02) assert.equal(a1.append(l, ts, v + 1), a2.append(l, ts, v + 1), 'duplicate');
      }
      assert.deepEqual(a1.commit().samples, a2.commit().samples);
      if (round % 97 === 96) {
        chunks += v2.stats.chunksWritten;
        checkpoints += v2.stats.checkpoints;
        v1.close();
        v2.close();
        v1 = new SqliteStore(f1);
        v2 = open2();
      }
      if (round % 50 === 0)
        same(v1.select(ALL, -Infinity, Infinity), v2.select(ALL, -Infinity, Infinity), 'all');
    }
    assert.deepEqual(
      { ooo: v1.stats.outOfOrder, dup: v1.stats.duplicates },
      { ooo: v2.stats.outOfOrder, dup: v2.stats.duplicates },
    );
    assert.ok(chunks > 50 && checkpoints > 3, `chunks ${chunks}, checkpoints ${checkpoints}`);
    for (let q = 0; q < 60; q++) {
      const a = 1_700_000_000_000 + Math.floor(rnd() * (t - 1_700_000_000_000));
      const b = a + Math.floor(rnd() * 4 * 3600_000);
      const m: Matcher[] = [{ name: 'inst', type: rnd() < 0.5 ? '=~' : '!~', value: 'i1.*|i3' }];
      same(v1.select(m, a, b), v2.select(m, a, b), `range ${a}..${b}`);
      assert.deepEqual(v1.series([m], a, b), v2.series([m], a, b));
      assert.deepEqual(v1.labelValues('inst', [], a, b), v2.labelValues('inst', [], a, b));
      assert.deepEqual(v1.labelNames([m], a, b), v2.labelNames([m], a, b));
    }
  } finally {
    v1.close();
    v2.close();
    dir.remove();
  }
});

function fill(store: ChunkStore, series: number, samples: number, t0: number, noisy = false): void {
  const step = 15_000;
  const rnd = prng(9);
  // A few scrapes per commit keeps the test quick; the store handles them the same.
  for (let i = 0; i < samples; i += 10) {
    const app = store.appender();
    for (let j = i; j < Math.min(samples, i + 10); j++)
      for (let s = 0; s < series; s++)
        app.append({ __name__: 'fill', s: String(s) }, t0 + j * step, noisy ? rnd() : j * s);
    app.commit();
  }
}

test('retention by age drops whole old chunks, keeps the rest and the head, without blocking', async () => {
  const dir = tempDir();
  const store = new ChunkStore(join(dir.path, 'r.db'));
  try {
    const t0 = 0;
    fill(store, 20, 4 * 24 * 240, t0); // 4 days at 15 s
    const end = t0 + (4 * 24 * 240 - 1) * 15_000;
    const before = store.select([{ name: '__name__', type: '=', value: 'fill' }], -Infinity, Infinity);
    assert.equal(before[0].t.length, 4 * 24 * 240);
    // Commits interleave with retention: a timer tick must run while it works.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const res = await store.retention({ maxAgeMs: 24 * 3600_000, now: end });
    clearInterval(timer);
    assert.ok(res.steps > 1 && ticks > 0, `steps ${res.steps}, ticks ${ticks}`);
    const after = store.select([{ name: '__name__', type: '=', value: 'fill' }], -Infinity, Infinity);
    assert.equal(after.length, 20);
    // Whole 2 h chunks go: the oldest kept sample is within one chunk span of the cut.
    const cut = end - 24 * 3600_000;
    assert.ok(
      after[0].t[0] <= cut && after[0].t[0] > cut - 2 * 3600_000,
      `first ${after[0].t[0]}, cut ${cut}`,
    );
    assert.equal(after[0].t[after[0].t.length - 1], end);
    assert.deepEqual(store.series([], -Infinity, cut - 3 * 3600_000), []);
  } finally {
    store.close();
    dir.remove();
  }
});

test('retention by size deletes the oldest chunks until under the limit', async () => {
  const dir = tempDir();
  const store = new ChunkStore(join(dir.path, 'r.db'));
  try {
    fill(store, 30, 3 * 24 * 240, 0, true); // random floats: the chunks dominate the file
    store.checkpoint();
    const full = store.sizeBytes();
    const res = await store.retention({ maxAgeMs: 1e15, maxBytes: full / 2, now: 0 });
    assert.ok(res.deletedChunks > 0, 'deleted some');
    assert.ok(store.sizeBytes() <= full / 2, `${store.sizeBytes()} > ${full / 2}`);
    const [s] = store.select([{ name: 's', type: '=', value: '3' }], -Infinity, Infinity);
    assert.ok(s.t[0] > 0 && s.t.length < 3 * 24 * 240, 'the oldest data went first');
  } finally {
    store.close();
    dir.remove();
  }
});

test('size retention counts the sample log, as Prometheus counts its WAL', () => {
  const dir = tempDir();
  const file = join(dir.path, 's.db');
  const store = new ChunkStore(file);
  try {
    fill(store, 50, 200, 1_700_000_000_000);
    const log = statSync(`${file}-samples`).size;
    assert.ok(log > 50 * 200, `the log holds the samples (${log} bytes)`);
    const pragma = (p: string) => store.db.pragma(p, { simple: true }) as number;
    const pages = (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
    assert.equal(store.sizeBytes(), pages + log);
    store.checkpoint();
    assert.equal(statSync(`${file}-samples`).size, 0);
    assert.equal(store.sizeBytes(), (pragma('page_count') - pragma('freelist_count')) * pragma('page_size'));
  } finally {
    store.close();
    dir.remove();
  }
});

test('a checkpoint waits until the WAL holds twice the open chunks, then replay still restores all', () => {
  const dir = tempDir();
  const file = join(dir.path, 'c.db');
  // 200 series × 400 samples at 15 s stay inside one 2 h chunk each (with chunks of up to 480
  // samples): 80k samples in open chunks.
  const store = new ChunkStore(file, { checkpointSamples: 20_000, maxChunkSamples: 480 });
  fill(store, 200, 400, 1_700_000_000_000 - (1_700_000_000_000 % 7_200_000));
  // 80k WAL samples < 2 × 80k open-chunk samples: no checkpoint yet, though 20k was passed.
  assert.equal(store.stats.checkpoints, 0);
  const reopened = new ChunkStore(file);
  try {
    assert.equal(reopened.stats.walReplayed, 80_000);
    const sel = reopened.select([{ name: '__name__', type: '=', value: 'fill' }], -Infinity, Infinity);
    assert.equal(sel.length, 200);
    for (const s of sel) assert.equal(s.t.length, 400);
  } finally {
    reopened.close();
    store.db.close();
    dir.remove();
  }
});

test('reopen replays the WAL after the last checkpoint, quickly', () => {
  const dir = tempDir();
  const file = join(dir.path, 'w.db');
  const store = new ChunkStore(file, { checkpointSamples: 50_000, checkpointHeadRatio: 0 });
  fill(store, 100, 1200, 1_700_000_000_000); // 120k samples: 2 checkpoints, then 20k in the WAL
  // No close(): as after a crash, the head exists only as `head` rows + WAL rows.
  assert.equal(store.stats.checkpoints, 2);
  const reopened = new ChunkStore(file);
  try {
    assert.equal(reopened.stats.walReplayed, 20_000);
    assert.ok(reopened.stats.openMs < 2000, `open took ${reopened.stats.openMs} ms`);
    const sel = reopened.select([{ name: '__name__', type: '=', value: 'fill' }], -Infinity, Infinity);
    assert.equal(sel.length, 100);
    for (const s of sel) assert.equal(s.t.length, 1200);
    assert.equal(
      reopened.appender().append({ __name__: 'fill', s: '5' }, 1_700_000_000_000, 1),
      'out_of_order',
    );
  } finally {
    reopened.close();
    store.db.close();
    dir.remove();
  }
});
