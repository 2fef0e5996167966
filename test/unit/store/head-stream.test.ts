// The appendable head encoding against the plain form: every kind of sample (random and
// node_exporter-like series, NaN, ±Inf, -0, staleness markers with and without a value, gaps
// from 1 ms to centuries, negative times) reads back exactly, from the pool and from a stored
// `head` row; damaged rows are refused; compaction gives pages back without touching samples;
// and a checkpoint + reopen (clean, or after a crash with commits in the log) gives the same
// samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HeadPool, type OpenChunk } from '../../../electron/engine/store/head-pool';
import { decodeHeadRow, isHeadRow } from '../../../electron/engine/store/chunk-codec/head-stream';
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

/** Random series: gaps of every size (dod buckets up to the widest), values of every kind. */
function randomSeries(seed: number, n: number): Plain {
  const rnd = prng(seed);
  const p: Plain = { t: [], v: [], stale: [] };
  let t = Math.floor((rnd() - 0.5) * 2 ** 49);
  let step = 1 + Math.floor(rnd() * 30_000);
  let v = rnd() * 100;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.6) t += step;
    else if (r < 0.8) t += Math.max(1, step + Math.floor((rnd() - 0.5) * 300));
    else if (r < 0.95) t += 1 + Math.floor(rnd() * 2 ** (1 + Math.floor(rnd() * 30)));
    else t += 1 + Math.floor(rnd() * 2 ** 44);
    if (r > 0.98) step = 1 + Math.floor(rnd() * 100_000);
    if (t > 2 ** 49) break;
    const k = rnd();
    if (k < 0.05) {
      p.t.push(t);
      p.v.push(rnd() < 0.5 ? NaN : v);
      p.stale.push(1);
      continue;
    }
    if (k < 0.15) v = SPECIALS[Math.floor(rnd() * SPECIALS.length)];
    else if (k < 0.4) v = Math.round(rnd() * 1000) / 8;
    else if (k < 0.6) {
      // the same value again
    } else if (k < 0.8) v = rnd() * 10 ** Math.floor(rnd() * 20 - 10);
    else v = -rnd() * 1e6;
    p.t.push(t);
    p.v.push(v);
    p.stale.push(0);
  }
  return p;
}

function appendAll(pool: HeadPool, h: OpenChunk, p: Plain): void {
  for (let i = 0; i < p.t.length; i++) pool.append(h, p.t[i], p.v[i], p.stale[i] === 1);
}

function assertSame(
  got: { t: ArrayLike<number>; v: ArrayLike<number>; stale: ArrayLike<number> },
  want: Plain,
  n: number,
  what: string,
): void {
  assert.equal(n, want.t.length, `${what}: count`);
  for (let i = 0; i < n; i++) {
    assert.equal(got.t[i], want.t[i], `${what}: t[${i}]`);
    assert.equal(got.stale[i], want.stale[i], `${what}: stale[${i}]`);
    assert.ok(Object.is(got.v[i], want.v[i]), `${what}: v[${i}] = ${got.v[i]}, want ${want.v[i]}`);
  }
}

function readBack(
  pool: HeadPool,
  h: OpenChunk,
): { t: Float64Array; v: Float64Array; stale: Uint8Array; n: number } {
  const t = new Float64Array(h.headLen);
  const v = new Float64Array(h.headLen);
  const stale = new Uint8Array(h.headLen);
  const n = pool.copyRange(h, -Infinity, Infinity, t, v, stale, 0);
  return { t, v, stale, n };
}

const open = (): OpenChunk => ({ headLen: 0, headWindow: 0, headSlot: -1 });

test('random series of every kind of sample read back exactly, from the pool and from a head row', () => {
  const pool = new HeadPool();
  for (let seed = 1; seed <= 200; seed++) {
    const p = randomSeries(seed, 1 + (seed % 7) * 60);
    const h = open();
    appendAll(pool, h, p);
    const got = readBack(pool, h);
    assertSame(got, p, got.n, `seed ${seed} (pool)`);
    const row = pool.row(h);
    assert.ok(isHeadRow(row));
    const d = decodeHeadRow(row);
    assertSame(d, p, d.n, `seed ${seed} (row)`);
    assert.equal(pool.minT(h), p.t[0]);
    assert.equal(pool.maxT(h), p.t[p.t.length - 1]);
    // Every other chunk stays open, so chains interleave and reuse freed blocks.
    if (seed % 2 === 0) pool.release(h);
  }
});

test('node_exporter-like series at 15 s and 1 s take a few bytes a sample and read back exactly', () => {
  for (const step of [15_000, 1000]) {
    const pool = new HeadPool();
    const series = nodeMix(400, 5);
    const times = scrapeTimes(1_700_000_000_000, 240, step, 9);
    const plain: Plain[] = series.map(() => ({ t: [], v: [], stale: [] }));
    const heads = series.map(open);
    for (let i = 0; i < times.length; i++) {
      for (let k = 0; k < series.length; k++) {
        const stale = i === 100 && k % 50 === 0;
        const v = stale ? NaN : series[k].next();
        pool.append(heads[k], times[i], v, stale);
        plain[k].t.push(times[i]);
        plain[k].v.push(v);
        plain[k].stale.push(stale ? 1 : 0);
      }
    }
    let bytes = 0;
    for (let k = 0; k < series.length; k++) {
      const got = readBack(pool, heads[k]);
      assertSame(got, plain[k], got.n, `step ${step}, series ${k}`);
      bytes += pool.row(heads[k]).length;
    }
    const perSample = bytes / (series.length * times.length);
    assert.ok(perSample < 6, `${perSample.toFixed(2)} bytes a sample`);
  }
});

test('a range read returns exactly the samples inside it', () => {
  const pool = new HeadPool();
  const p = randomSeries(77, 300);
  const h = open();
  appendAll(pool, h, p);
  const rnd = prng(3);
  for (let k = 0; k < 50; k++) {
    const a = p.t[Math.floor(rnd() * p.t.length)] + (k % 3) - 1;
    const b = p.t[Math.floor(rnd() * p.t.length)] + (k % 2);
    const [mint, maxt] = a < b ? [a, b] : [b, a];
    const t = new Float64Array(h.headLen + 2);
    const v = new Float64Array(h.headLen + 2);
    const s = new Uint8Array(h.headLen + 2);
    const n = pool.copyRange(h, mint, maxt, t, v, s, 2);
    const want = p.t.flatMap((ti, i) => (ti >= mint && ti <= maxt ? [i] : []));
    assertSame(
      { t: t.subarray(2), v: v.subarray(2), stale: s.subarray(2) },
      { t: want.map((i) => p.t[i]), v: want.map((i) => p.v[i]), stale: want.map((i) => p.stale[i]) },
      n,
      `[${mint}, ${maxt}]`,
    );
  }
});

test('a damaged head row is refused, never misread', () => {
  const pool = new HeadPool();
  const h = open();
  appendAll(pool, h, randomSeries(5, 200));
  const row = pool.row(h);
  for (let i = 0; i < row.length; i += 3) {
    const bad = row.slice();
    bad[i] ^= 1 << (i % 8);
    assert.throws(() => decodeHeadRow(bad), ChunkDecodeError, `bit flipped in byte ${i}`);
  }
  for (const len of [0, 3, 6, 7, row.length >> 1, row.length - 1]) {
    assert.throws(() => decodeHeadRow(row.subarray(0, len)), ChunkDecodeError, `cut to ${len} bytes`);
  }
});

test('compaction gives pages back once most chains have stayed gone, and the rest read back the same', () => {
  const pool = new HeadPool();
  const plain: Plain[] = [];
  const heads: OpenChunk[] = [];
  for (let k = 0; k < 3000; k++) {
    const p = randomSeries(1000 + k, 240);
    const h = open();
    appendAll(pool, h, p);
    plain.push(p);
    heads.push(h);
  }
  const before = pool.bytes;
  assert.equal(pool.compact(), 0, 'nothing to give back while the chains are live');
  for (let k = 0; k < heads.length; k++) if (k % 10 !== 0) pool.release(heads[k]);
  assert.equal(pool.compact(), 0, 'blocks just freed may be taken again: kept');
  const given = pool.compact();
  assert.ok(
    given > 0 && pool.bytes < before / 3,
    `gave back ${given} pages: ${before} -> ${pool.bytes} bytes`,
  );
  for (let k = 0; k < heads.length; k += 10) {
    const got = readBack(pool, heads[k]);
    assertSame(got, plain[k], got.n, `series ${k} after compaction`);
    // Appending after the move continues the same chain.
    pool.append(heads[k], plain[k].t[plain[k].t.length - 1] + 1000, 42, false);
    const more = readBack(pool, heads[k]);
    assert.equal(more.n, plain[k].t.length + 1);
    assert.equal(more.v[more.n - 1], 42);
  }
});

function storeSamples(store: ChunkStore): Map<string, Plain> {
  const out = new Map<string, Plain>();
  for (const s of store.select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)) {
    out.set(JSON.stringify(s.labels), {
      t: Array.from(s.t),
      v: Array.from(s.v),
      stale: Array.from(s.t, (_, i) => s.stale?.[i] ?? 0),
    });
  }
  return out;
}

function assertSameStore(got: Map<string, Plain>, want: Map<string, Plain>, what: string): void {
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${what}: series`);
  for (const [key, p] of want) {
    const g = got.get(key)!;
    assertSame(g, p, g.t.length, `${what}: ${key}`);
  }
}

test('a checkpoint and reopen give the same samples, clean or after a crash with commits in the log', () => {
  const dir = tempDir();
  try {
    for (const crash of [false, true]) {
      const file = join(dir.path, `s-${crash}.db`);
      const store = new ChunkStore(file, { maxChunkSamples: 100 });
      const series = nodeMix(60, 11);
      const times = scrapeTimes(1_700_000_000_000, 330, 1000, 4);
      for (let i = 0; i < times.length; i++) {
        const app = store.appender();
        for (let k = 0; k < series.length; k++) {
          const labels = series[k].labels;
          if ((i + k) % 37 === 0) app.appendStale(labels, times[i]);
          else
            app.append(
              labels,
              times[i],
              k % 9 === 0 && i % 5 === 0 ? SPECIALS[i % SPECIALS.length] : series[k].next(),
            );
        }
        app.commit();
        // Checkpoints land mid-chunk, so reopen reads head rows and replays the log after them.
        if (i === 150 || (!crash && i === 250)) store.checkpoint();
      }
      const want = storeSamples(store);
      if (crash) store.db.close();
      else store.close();
      const reopened = new ChunkStore(file, { maxChunkSamples: 100 });
      try {
        assert.equal(reopened.stats.logDamage, null);
        if (crash) assert.ok(reopened.stats.walReplayed > 0, 'the crash left commits in the log');
        assertSameStore(storeSamples(reopened), want, crash ? 'after a crash' : 'after a clean close');
        // The reopened head keeps appending where it was.
        const app = reopened.appender();
        app.append(series[0].labels, times[times.length - 1] + 1000, 7);
        app.commit();
        const last = storeSamples(reopened).get(JSON.stringify(series[0].labels))!;
        assert.equal(last.v[last.v.length - 1], 7);
      } finally {
        reopened.close();
      }
    }
  } finally {
    dir.remove();
  }
});
