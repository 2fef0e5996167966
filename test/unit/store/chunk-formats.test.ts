// Every chunk format a store may hold keeps reading: chunks written by the format-1 and format-2
// encoders (kept as fixtures) decode to the samples they were written from, through decodeChunk
// and through the store's read path (chunkBody + decodeBodyInto), and the current encoder writes
// the same samples back exactly, in no more bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  bodyLength,
  chunkBody,
  decodeBodyInto,
  decodeChunk,
  encodeChunk,
} from '../../../electron/engine/store/chunk-codec/chunk';
import { FORMAT1_CHUNKS } from './chunk-format1.fixture';
import { FORMAT2_CHUNKS } from './chunk-format2.fixture';

function digest(n: number, t: Float64Array, v: Float64Array, stale: Uint8Array): string {
  const h = createHash('sha256');
  h.update(new Uint8Array(t.buffer, t.byteOffset, n * 8));
  h.update(new Uint8Array(v.buffer, v.byteOffset, n * 8));
  h.update(stale.subarray(0, n));
  return h.digest('hex');
}

for (const [format, c] of [
  ...FORMAT1_CHUNKS.map((c) => [1, c] as const),
  ...FORMAT2_CHUNKS.map((c) => [2, c] as const),
]) {
  test(`format-${format} chunk reads back: ${c.name}`, () => {
    const blob = new Uint8Array(Buffer.from(c.base64, 'base64'));
    assert.equal(blob[1], format);
    const d = decodeChunk(blob, true);
    assert.equal(d.n, c.n);
    assert.equal(digest(d.n, d.t, d.v, d.stale ?? new Uint8Array(d.n)), c.sha256);

    // The store's path: into shared arrays at an offset.
    const body = chunkBody(blob, true);
    assert.equal(bodyLength(body), c.n);
    const at = 7;
    const t = new Float64Array(at + c.n);
    const v = new Float64Array(at + c.n);
    const stale = new Uint8Array(at + c.n);
    assert.equal(decodeBodyInto(body, t, v, stale, at), c.n);
    assert.equal(digest(c.n, t.subarray(at), v.subarray(at), stale.subarray(at)), c.sha256);

    // Written again by the current encoder: same samples, never more bytes.
    const again = encodeChunk(d.t, d.v, d.stale ?? new Uint8Array(d.n), d.n);
    const back = decodeChunk(again, true);
    assert.equal(digest(back.n, back.t, back.v, back.stale ?? new Uint8Array(back.n)), c.sha256);
    assert.ok(again.length <= blob.length, `${again.length} > ${blob.length} bytes`);
  });
}

test('formats 2 and 3: divisors and centred deltas round-trip exactly, near the exactness bounds too', () => {
  const t = Array.from({ length: 240 }, (_, i) => 1_700_000_000_000 + i * 15_000 + ((i * 7) % 10));
  const stale = new Uint8Array(240);
  const shapes: [string, (i: number) => number][] = [
    ['pages of 4096 bytes', (i) => 8e9 + 4096 * (((i * 7919) % 2001) - 1000)],
    ['steady counter', (i) => 1e9 + i * 150_000 + ((i * 7919) % 1000)],
    ['counter with a reset', (i) => (i < 100 ? 5e6 + i * 2000 : (i - 100) * 2000 + ((i * 31) % 7))],
    ['decimal counter', (i) => Math.round((12_345.67 + i * 14.9 + ((i * 13) % 3) / 100) * 100) / 100],
    ['mantissas near 2^50', (i) => 2 ** 50 - 1 - (i % 2 === 0 ? 0 : 2 ** 49) - i * 3],
    ['alternating extremes', (i) => (i % 2 === 0 ? 2 ** 49 : -(2 ** 49)) + i * 1024],
    ['negative steps of 0.25', (i) => 1000 - i * 0.25],
  ];
  for (const [name, f] of shapes) {
    const v = t.map((_, i) => f(i));
    const blob = encodeChunk(t, v, stale, t.length);
    assert.equal(blob[1], 3, name);
    const d = decodeChunk(blob, true);
    for (let i = 0; i < t.length; i++) {
      assert.equal(d.t[i], t[i], `${name}: t[${i}]`);
      assert.ok(Object.is(d.v[i], v[i]), `${name}: v[${i}] ${d.v[i]} != ${v[i]}`);
    }
  }
});
