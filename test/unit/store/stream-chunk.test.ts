// Closed chunks of the stream format (a head stream stored as it was when the chunk closed,
// chunk-codec/head-stream.ts) against the plain samples: every kind of sample (staleness markers
// with NaN and with values, NaN, ±Inf, -0, gaps of every size) reads back exactly through
// decodeChunk and through the store's read path (chunkBody, bodyLength, decodeBodyInto at an
// offset); damaged ones are refused; a store closes its chunks in this format, reads them after a
// reopen, and compaction rewrites them in the compact format with the same samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HeadPool, type OpenChunk } from '../../../electron/engine/store/head-pool';
import {
  bodyLength,
  chunkBody,
  decodeBodyInto,
  decodeChunk,
} from '../../../electron/engine/store/chunk-codec/chunk';
import { FORMAT_STREAM } from '../../../electron/engine/store/chunk-codec/head-stream';
import { ChunkDecodeError } from '../../../electron/engine/store/chunk-codec/decode-error';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { nodeMix, prng, scrapeTimes } from '../../helpers/node-mix';
import { tempDir } from '../../helpers/tmp';

interface Plain {
  t: number[];
  v: number[];
  stale: number[];
}

const SPECIALS = [NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, -Number.MIN_VALUE, 2 ** 53, 1e-300];

function randomSeries(seed: number, n: number): Plain {
  const rnd = prng(seed);
  const p: Plain = { t: [], v: [], stale: [] };
  let t = Math.floor((rnd() - 0.5) * 2 ** 48);
  let v = rnd() * 100;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    t += r < 0.7 ? 15_000 : r < 0.9 ? 1 + Math.floor(rnd() * 40_000) : 1 + Math.floor(rnd() * 2 ** 40);
    const k = rnd();
    if (k < 0.08) {
      // A staleness marker, with Prometheus's NaN or with a value of its own.
      p.t.push(t);
      p.v.push(rnd() < 0.5 ? NaN : v);
      p.stale.push(1);
      continue;
    }
    if (k < 0.25) v = SPECIALS[Math.floor(rnd() * SPECIALS.length)];
    else if (k < 0.5) v = Math.round(rnd() * 100_000) / 1000;
    else if (k < 0.7) v = rnd() * 10 ** Math.floor(rnd() * 20 - 10);
    p.t.push(t);
    p.v.push(v);
    p.stale.push(0);
  }
  return p;
}

function assertSame(
  got: { t: ArrayLike<number>; v: ArrayLike<number>; stale?: ArrayLike<number> },
  want: Plain,
  what: string,
): void {
  for (let i = 0; i < want.t.length; i++) {
    assert.equal(got.t[i], want.t[i], `${what}: t[${i}]`);
    assert.equal(got.stale?.[i] ?? 0, want.stale[i], `${what}: stale[${i}]`);
    assert.ok(Object.is(got.v[i], want.v[i]), `${what}: v[${i}] = ${got.v[i]}, want ${want.v[i]}`);
  }
}

const open = (): OpenChunk => ({ headLen: 0, headWindow: 0, headSlot: -1 });

function closed(pool: HeadPool, p: Plain): Uint8Array {
  const h = open();
  for (let i = 0; i < p.t.length; i++) pool.append(h, p.t[i], p.v[i], p.stale[i] === 1);
  const blob = pool.closedChunk(h);
  pool.release(h);
  return blob;
}

test('stream chunks read back exactly, specials included, through decodeChunk and the read path', () => {
  const pool = new HeadPool();
  for (let seed = 1; seed <= 150; seed++) {
    const p = randomSeries(seed, 1 + (seed % 9) * 40);
    const blob = closed(pool, p);
    assert.equal(blob[1], FORMAT_STREAM);
    const d = decodeChunk(blob, true);
    assert.equal(d.n, p.t.length);
    assert.equal(d.stale !== undefined, p.stale.includes(1), `seed ${seed}: stale flags`);
    assertSame(d, p, `seed ${seed} (decodeChunk)`);
    const body = chunkBody(blob, true);
    assert.equal(bodyLength(body), p.t.length);
    const at = 5;
    const t = new Float64Array(at + p.t.length);
    const v = new Float64Array(at + p.t.length);
    const stale = new Uint8Array(at + p.t.length).fill(7);
    assert.equal(decodeBodyInto(body, t, v, stale, at), p.t.length);
    assertSame(
      { t: t.subarray(at), v: v.subarray(at), stale: stale.subarray(at) },
      p,
      `seed ${seed} (read path)`,
    );
  }
});

test('a damaged stream chunk is refused, never misread', () => {
  const pool = new HeadPool();
  const blob = closed(pool, randomSeries(9, 240));
  for (let i = 0; i < blob.length; i++) {
    const bad = blob.slice();
    bad[i] ^= 1 << (i % 8);
    assert.throws(() => decodeChunk(bad, true), ChunkDecodeError, `bit flipped in byte ${i}`);
  }
  for (const len of [0, 3, 6, 7, 8, blob.length >> 1, blob.length - 1]) {
    assert.throws(() => decodeChunk(blob.subarray(0, len), true), ChunkDecodeError, `cut to ${len} bytes`);
  }
});

test('a store closes chunks as streams, reads them after reopen, and compaction rewrites them compact', async () => {
  const dir = tempDir('promdesk-stream-chunk-');
  try {
    const file = join(dir.path, 'promdesk.db');
    let store = new ChunkStore(file);
    const series = nodeMix(60, 3);
    const times = scrapeTimes(1_700_000_000_000, 2000);
    for (let i = 0; i < times.length; i++) {
      const app = store.appender();
      for (const [k, s] of series.entries()) {
        if (i % 300 === 77 && k % 7 === 0) app.appendStale(s.labels, times[i]);
        else app.append(s.labels, times[i], k % 11 === 0 && i % 97 === 5 ? SPECIALS[i % 4] : s.next());
      }
      app.commit();
    }
    const all = [{ name: '__name__', type: '=~' as const, value: '.+' }];
    const want = store.select(all, -Infinity, Infinity);
    const formats = () =>
      store.db.prepare('SELECT substr(data, 2, 1) AS f, count(*) AS n FROM chunks GROUP BY f').all() as {
        f: Uint8Array;
        n: number;
      }[];
    assert.deepEqual(
      formats().map((r) => r.f[0]),
      [FORMAT_STREAM],
      'chunks close in the stream format',
    );
    store.close();
    store = new ChunkStore(file);
    assert.deepEqual(store.select(all, -Infinity, Infinity), want, 'after reopen');
    const r = await store.compact();
    assert.ok(r.writtenChunks > 0);
    assert.deepEqual(store.select(all, -Infinity, Infinity), want, 'after compaction');
    const stream = formats().find((f) => f.f[0] === FORMAT_STREAM)?.n ?? 0;
    const newestWindow = store.db
      .prepare('SELECT count(*) FROM chunks WHERE max_t >= ?')
      .pluck()
      .get(Math.floor(times[times.length - 1] / 7_200_000) * 7_200_000) as number;
    assert.ok(stream <= newestWindow, `${stream} stream chunks left, ${newestWindow} in the newest window`);
    store.close();
    store = new ChunkStore(file);
    assert.deepEqual(store.select(all, -Infinity, Infinity), want, 'compacted, after reopen');
    store.close();
  } finally {
    dir.remove();
  }
});
