// A select keeps the closed chunks it decoded (decoded-chunks.ts) and the next one copies them
// instead of decoding: its answers must be those of a store that decodes everything (a fresh one
// on the same file), and a row the store's connection rewrote, damaged or deleted (its id then
// handed out again) must be read from its new bytes, never served from the cache.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { DecodedChunks } from '../../../electron/engine/store/decoded-chunks';
import type { Matcher, SeriesSamples } from '../../../electron/engine/store/types';
import { prng } from '../../helpers/node-mix';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_700_000_000_000;
const ALL: Matcher[] = [{ name: '__name__', type: '=~', value: '.+' }];
const dir = tempDir('promdesk-decoded-');
after(() => dir.remove());

/** 5 series × 1000 scrapes (4 closed chunks each and an open one), stale markers and NaN among them. */
function fill(file: string): void {
  const store = new ChunkStore(file);
  const rnd = prng(3);
  const c = [0, 0, 0, 0, 0];
  for (let i = 0; i < 1000; i++) {
    const app = store.appender();
    const t = T0 + i * 15_000 + Math.floor(rnd() * 30);
    for (let s = 0; s < 5; s++) {
      const labels = { __name__: `m${s}`, job: 'j' };
      if (s === 1 && i % 97 === 50) app.appendStale(labels, t);
      else if (s === 2 && i % 53 === 7) app.append(labels, t, NaN);
      else {
        c[s] = s === 3 ? Math.round(rnd() * 1e4) / 100 : s === 4 ? rnd() * 1e3 : c[s] + Math.floor(rnd() * 9);
        app.append(labels, t, c[s]);
      }
    }
    app.commit();
  }
  store.close();
}

function plain(rows: SeriesSamples[]): unknown {
  return rows.map((s) => ({
    labels: s.labels,
    t: Array.from(s.t),
    v: Array.from(s.v, (x) => (Number.isNaN(x) ? 'NaN' : x)),
    stale: s.stale ? Array.from(s.stale) : null,
  }));
}

/** What a store that has decoded nothing yet answers on the same file. */
function fresh(file: string, mint: number, maxt: number): unknown {
  const store = new ChunkStore(file);
  try {
    return plain(store.select(ALL, mint, maxt));
  } finally {
    store.close();
  }
}

test('selects served from decoded chunks answer as a store that decodes them', () => {
  const file = join(dir.path, 'same.db');
  fill(file);
  const ranges: [number, number][] = [
    [-Infinity, Infinity],
    [T0 + 3_000_000, T0 + 9_000_000],
    [T0 + 100_000, T0 + 3_700_000],
    [T0 + 14_000_000, Infinity],
  ];
  const want = ranges.map(([a, b]) => fresh(file, a, b));
  const store = new ChunkStore(file);
  try {
    for (let round = 0; round < 3; round++) {
      ranges.forEach(([a, b], i) => assert.deepEqual(plain(store.select(ALL, a, b)), want[i], `range ${i}`));
    }
    assert.ok((store as unknown as { decoded: DecodedChunks }).decoded.size > 0, 'the cache is used');
    assert.equal(store.damage.count, 0);
  } finally {
    store.close();
  }
});

test('a chunk rewritten, damaged or deleted and its id reused is read from its new bytes', () => {
  const file = join(dir.path, 'changed.db');
  fill(file);
  const store = new ChunkStore(file);
  try {
    // Decoded twice: kept.
    store.select(ALL, -Infinity, Infinity);
    store.select(ALL, -Infinity, Infinity);
    const rows = store.db
      .prepare(
        'SELECT id, series_id AS sid, min_t AS minT, max_t AS maxT, data FROM chunks ORDER BY series_id, max_t',
      )
      .all() as { id: number; sid: number; minT: number; maxT: number; data: Buffer }[];
    const [a, b] = rows.filter((r) => r.sid === rows[0].sid);
    // Row a now holds row b's chunk (a valid blob) under its own time range: damage (a range
    // mismatch), found only if a is decoded anew.
    store.db.prepare('UPDATE chunks SET data = ? WHERE id = ?').run(b.data, a.id);
    // Another row's blob gets a flipped byte: damage, reported and skipped as without a cache.
    const hurt = rows.find((r) => r.sid !== a.sid)!;
    const bad = Buffer.from(hurt.data);
    bad[bad.length >> 1] ^= 0x10;
    store.db.prepare('UPDATE chunks SET data = ? WHERE id = ?').run(bad, hurt.id);
    // The newest row goes, and its id comes back holding its series' first chunk.
    const last = rows.reduce((x, r) => (r.id > x.id ? r : x));
    const first = rows.find((r) => r.sid === last.sid)!;
    store.db.prepare('DELETE FROM chunks WHERE id = ?').run(last.id);
    store.db
      .prepare('INSERT INTO chunks (series_id, min_t, max_t, data) VALUES (?, ?, ?, ?)')
      .run(first.sid, first.minT, first.maxT, first.data);
    assert.equal(store.db.prepare('SELECT max(id) FROM chunks').pluck().get(), last.id);
    const got = plain(store.select(ALL, -Infinity, Infinity));
    assert.deepEqual(got, fresh(file, -Infinity, Infinity));
    assert.ok(store.damage.has('chunks', hurt.id));
    assert.ok(store.damage.has('chunks', a.id));
  } finally {
    store.close();
  }
});

test('the cache keeps a chunk decoded twice, holds at most its bound, and drops the least recently used first', () => {
  const cache = new DecodedChunks(3 * (64 * 16 + 200));
  const t = Float64Array.from({ length: 64 }, (_, i) => i);
  const stale = new Uint8Array(64);
  const put = (id: number) => {
    cache.put(id, t, t, stale, 0, 64);
    assert.equal(cache.get(id), undefined, 'decoded once: not kept');
    cache.put(id, t, t, stale, 0, 64);
  };
  for (const id of [1, 2, 3]) put(id);
  assert.ok(cache.get(1));
  put(4);
  assert.ok(cache.size <= 3 * (64 * 16 + 200));
  assert.equal(cache.get(2), undefined);
  assert.ok(cache.get(1));
  assert.ok(cache.get(4));
  cache.forget(3);
  assert.equal(cache.get(3), undefined);
  assert.equal(cache.count, 2);
});
