// Compaction merges a series' small closed chunks into larger rows: every select answers exactly
// as before (and as the reference store), after a reopen too, a second run rewrites nothing, the
// file does not grow, and size retention still frees space from compacted rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import type { Matcher, SeriesSamples } from '../../../electron/engine/store/types';
import { SqliteStore } from '../../helpers/sqlite-store';
import { nodeMix, scrapeTimes } from '../../helpers/node-mix';

const H = 3600_000;
const T0 = 1_700_000_000_000;
const ALL: Matcher[] = [{ name: 'job', type: '=', value: 'node' }];

/** 40 node-mix series × 30 h at 15 s, with stale markers, NaN and a gap, into both stores. */
function fill(stores: (ChunkStore | SqliteStore)[]): number {
  const mix = nodeMix(40);
  const n = (30 * H) / 15_000;
  const ts = scrapeTimes(T0, n);
  for (let i = 0; i < n; i++) {
    if (i >= 3000 && i < 3100) continue; // a 25 min gap for every series
    const apps = stores.map((s) => s.appender());
    for (let k = 0; k < mix.length; k++) {
      let v = mix[k].next();
      const stale = k === 7 && i % 500 === 499;
      if (k === 3 && i % 777 === 5) v = NaN;
      for (const a of apps) {
        if (stale) a.appendStale(mix[k].labels, ts[i]);
        else a.append(mix[k].labels, ts[i], v);
      }
    }
    for (const a of apps) a.commit();
  }
  return ts[n - 1];
}

function same(a: SeriesSamples[], b: SeriesSamples[], what: string): void {
  const key = (s: SeriesSamples) => JSON.stringify(s.labels);
  const bs = new Map(b.map((s) => [key(s), s]));
  assert.equal(a.length, b.length, `${what}: series count`);
  for (const s of a) {
    const o = bs.get(key(s));
    assert.ok(o, `${what}: ${key(s)} missing`);
    assert.deepEqual(Array.from(s.t), Array.from(o.t), `${what}: timestamps of ${key(s)}`);
    assert.equal(s.v.length, o.v.length);
    for (let i = 0; i < s.v.length; i++)
      assert.ok(Object.is(s.v[i], o.v[i]), `${what}: ${key(s)} v[${i}] ${s.v[i]} != ${o.v[i]}`);
    assert.deepEqual(Array.from(s.stale ?? []), Array.from(o.stale ?? []), `${what}: stale of ${key(s)}`);
  }
}

const ranges = (end: number): [number, number][] => [
  [T0 - H, end + H],
  [T0 + 5 * H + 123, T0 + 5 * H + 40 * 60_000],
  [T0 + 7 * H, T0 + 16 * H + 1],
  [T0 + 12 * H + 30_000, T0 + 12 * H + 45_000],
  [end - 3 * H, end],
];

test('compaction merges closed chunks; selects answer exactly as before, and as the reference store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-compact-'));
  try {
    const file = join(dir, 'promdesk.db');
    let store = new ChunkStore(file);
    const ref = new SqliteStore(':memory:');
    const end = fill([store, ref]);
    store.checkpoint();
    const rows = () => store.db.prepare('SELECT count(*) FROM chunks').pluck().get() as number;
    const before = ranges(end).map(([a, b]) => store.select(ALL, a, b));
    const rowsBefore = rows();
    const bytesBefore = store.sizeBytes();

    const r = await store.compact();
    assert.ok(r.mergedChunks > r.writtenChunks && r.writtenChunks > 0, JSON.stringify(r));
    assert.ok(rows() < rowsBefore / 2, `${rowsBefore} -> ${rows()} rows`);
    assert.ok(store.sizeBytes() <= bytesBefore, `${bytesBefore} -> ${store.sizeBytes()} bytes`);
    ranges(end).forEach(([a, b], i) => {
      same(store.select(ALL, a, b), before[i], `range ${i} after compaction`);
      same(store.select(ALL, a, b), ref.select(ALL, a, b), `range ${i} vs the reference store`);
    });

    // Nothing left to do until newer windows close; the rows stay as they are.
    const again = await store.compact();
    assert.deepEqual(again, { mergedChunks: 0, writtenChunks: 0, movedChunks: 0 });

    store.close();
    store = new ChunkStore(file);
    ranges(end).forEach(([a, b], i) => same(store.select(ALL, a, b), before[i], `range ${i} after reopen`));
    // Appends go on after the merged rows, and a later run merges the newer windows too.
    const mix = nodeMix(40);
    const app = store.appender();
    for (const s of mix) app.append(s.labels, end + 5 * H, 1);
    app.commit();
    const later = await store.compact();
    assert.ok(later.mergedChunks + later.movedChunks > 0, JSON.stringify(later));
    same(store.select(ALL, T0 - H, end), before[0], 'all of the old data after a second run');
    store.close();
    ref.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('size retention frees compacted rows, which span more than one chunk window', async () => {
  const store = new ChunkStore(':memory:');
  try {
    const end = fill([store]);
    store.checkpoint();
    await store.compact();
    const size = store.sizeBytes();
    const r = await store.retention({ maxAgeMs: 1000 * H, now: end, maxBytes: Math.floor(size * 0.8) });
    assert.ok(r.deletedChunks > 0, JSON.stringify(r));
    const left = store.select(ALL, T0 - H, end);
    assert.ok(left.length > 0);
    for (const s of left) assert.ok(s.t[0] > T0 + 4 * H, `oldest sample left ${s.t[0] - T0} ms in`);
  } finally {
    store.close();
  }
});

test('a compaction stopped part way (close) leaves every sample readable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-compact-stop-'));
  try {
    const file = join(dir, 'promdesk.db');
    let store = new ChunkStore(file);
    const end = fill([store]);
    store.checkpoint();
    const before = store.select(ALL, T0 - H, end);
    const running = store.compact();
    await new Promise((r) => setImmediate(r));
    store.close();
    await running;
    store = new ChunkStore(file);
    same(store.select(ALL, T0 - H, end), before, 'after a stopped compaction');
    const r = await store.compact();
    assert.ok(r.writtenChunks > 0, 'the next run does the rest');
    same(store.select(ALL, T0 - H, end), before, 'after the next run');
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
