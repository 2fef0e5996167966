// The shared pool of open chunks against a plain model: many chains growing, closing and
// reusing each other's blocks must never mix samples, and range copies, bounds and encoding
// must equal what the model's arrays give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeadPool, type OpenChunk } from '../../../electron/engine/store/head-pool';
import { decodeChunk } from '../../../electron/engine/store/chunk-codec/chunk';
import { prng } from '../../helpers/node-mix';

interface Model extends OpenChunk {
  t: number[];
  v: number[];
  stale: number[];
}

function chunk(): Model {
  return { headLen: 0, headWindow: 0, headSlot: -1, t: [], v: [], stale: [] };
}

function expectRange(pool: HeadPool, m: Model, mint: number, maxt: number): void {
  const t = new Float64Array(m.headLen + 3);
  const v = new Float64Array(m.headLen + 3);
  const s = new Uint8Array(m.headLen + 3);
  const n = pool.copyRange(m, mint, maxt, t, v, s, 3);
  const want = m.t.flatMap((ti, i) => (ti >= mint && ti <= maxt ? [i] : []));
  assert.equal(n, want.length, `count in [${mint}, ${maxt}]`);
  assert.deepEqual(
    Array.from(t.subarray(3, 3 + n)),
    want.map((i) => m.t[i]),
  );
  assert.deepEqual(
    Array.from(v.subarray(3, 3 + n)),
    want.map((i) => m.v[i]),
  );
  assert.deepEqual(
    Array.from(s.subarray(3, 3 + n)),
    want.map((i) => m.stale[i]),
  );
}

test('many open chunks share blocks without mixing samples', () => {
  const rnd = prng(7);
  const pool = new HeadPool();
  const series = Array.from({ length: 300 }, chunk);
  const nextT = series.map(() => 1_700_000_000_000);
  for (let step = 0; step < 60_000; step++) {
    const k = Math.floor(rnd() * series.length);
    const m = series[k];
    if (m.headLen > 0 && rnd() < 0.002) {
      pool.release(m);
      assert.equal(m.headLen, 0);
      m.t = [];
      m.v = [];
      m.stale = [];
      continue;
    }
    nextT[k] += 1 + Math.floor(rnd() * 30_000);
    const stale = rnd() < 0.05;
    const v = stale ? NaN : Math.round(rnd() * 1e6) / 100;
    pool.append(m, nextT[k], v, stale);
    m.t.push(nextT[k]);
    m.v.push(v);
    m.stale.push(stale ? 1 : 0);
  }
  let checked = 0;
  for (const m of series) {
    assert.equal(m.headLen, m.t.length);
    if (m.headLen === 0) continue;
    assert.equal(pool.minT(m), m.t[0]);
    assert.equal(pool.maxT(m), m.t[m.t.length - 1]);
    expectRange(pool, m, -Infinity, Infinity);
    const a = m.t[Math.floor(rnd() * m.t.length)];
    const b = m.t[Math.floor(rnd() * m.t.length)];
    expectRange(pool, m, Math.min(a, b), Math.max(a, b));
    expectRange(pool, m, Math.min(a, b) + 1, Math.max(a, b) - 1);
    expectRange(pool, m, m.t[m.t.length - 1] + 1, Infinity);
    const d = decodeChunk(pool.encode(m));
    assert.deepEqual(Array.from(d.t), m.t);
    assert.deepEqual(
      Array.from(d.v).map((x, i) => (m.stale[i] ? 'stale' : x)),
      m.v.map((x, i) => (m.stale[i] ? 'stale' : x)),
    );
    checked++;
  }
  assert.ok(checked > 250, `checked ${checked} chunks`);
});

test('freed blocks are reused before new pages are taken', () => {
  const pool = new HeadPool();
  const a = chunk();
  for (let i = 0; i < 20_000; i++) pool.append(a, i, i, false);
  const bytes = pool.bytes;
  pool.release(a);
  const b = chunk();
  const c = chunk();
  for (let i = 0; i < 10_000; i++) {
    pool.append(b, i, -i, false);
    pool.append(c, i, i * 2, i % 3 === 0);
  }
  assert.equal(pool.bytes, bytes, 'no new page while freed blocks remain');
  assert.equal(pool.maxT(b), 9999);
  assert.equal(pool.maxT(c), 9999);
  const t = new Float64Array(10_000);
  const v = new Float64Array(10_000);
  const s = new Uint8Array(10_000);
  assert.equal(pool.copyRange(c, 0, 9999, t, v, s, 0), 10_000);
  assert.ok(v.every((x, i) => x === i * 2));
  assert.ok(s.every((x, i) => x === (i % 3 === 0 ? 1 : 0)));
});
