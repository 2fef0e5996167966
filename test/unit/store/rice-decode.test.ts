// readRice's buffered fast path against the bit-by-bit format: residual streams of every Rice
// parameter (short ones from one peek, long ones over two, escapes, k > 24), started at every bit
// offset and followed by a marker field, read back exactly, leaving the reader just after them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitReader, BitWriter } from '../../../electron/engine/store/chunk-codec/bit-stream';
import { readRice, riceCost, writeRice } from '../../../electron/engine/store/chunk-codec/rice';
import { ChunkDecodeError } from '../../../electron/engine/store/chunk-codec/decode-error';
import { prng } from '../../helpers/node-mix';

test('readRice reads back every parameter, offset and escape exactly', () => {
  const rnd = prng(7);
  for (let round = 0; round < 400; round++) {
    const n = 1 + Math.floor(rnd() * 300);
    const scale = 2 ** Math.floor(rnd() * 40);
    const zs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      // Mostly near the scale, some outliers that escape, some zeros.
      zs[i] = r < 0.1 ? 0 : r < 0.15 ? Math.floor(rnd() * 2 ** 52) : Math.floor(rnd() * scale);
    }
    const lead = round % 8;
    const { k } = riceCost(zs);
    const w = new BitWriter();
    w.write(0, lead);
    writeRice(w, zs, k);
    w.write(0x5a5a5, 20);
    const r = new BitReader(w.finish());
    r.pos = lead;
    const out = new Float64Array(n + 2);
    readRice(r, out, 1, n);
    assert.deepEqual([...out.subarray(1, n + 1)], [...zs], `round ${round}, k ${k}, offset ${lead}`);
    assert.equal(r.read(20), 0x5a5a5, `round ${round}: the reader stops right after the residuals`);
  }
});

test('readRice fails on a stream cut short, at every length', () => {
  const zs = Float64Array.from({ length: 50 }, (_, i) => (i * 37) % 101);
  const w = new BitWriter();
  writeRice(w, zs, riceCost(zs).k);
  const full = w.finish();
  for (let len = 1; len < full.length; len++) {
    const r = new BitReader(full.subarray(0, len));
    assert.throws(() => readRice(r, new Float64Array(50), 0, 50), ChunkDecodeError, `${len} bytes`);
  }
});
