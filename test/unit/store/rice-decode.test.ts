// readRice's buffered fast path against the bit-by-bit format: residual streams of every Rice
// parameter (short ones from one peek, long ones over two, escapes, k > 24), started at every bit
// offset and followed by a marker field, read back exactly, leaving the reader just after them;
// and the same for format 3's bounded code (writeResiduals), against a plain reference encoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitReader, BitWriter } from '../../../electron/engine/store/chunk-codec/bit-stream';
import {
  readResiduals,
  readRice,
  riceCost,
  writeResiduals,
  writeRice,
} from '../../../electron/engine/store/chunk-codec/rice';
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

/** Residual streams the bounded code is made for, and ones it is not. */
function shapes(rnd: () => number, n: number): [string, Float64Array][] {
  const make = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return [
    ['ms jitter, zigzagged', make(() => Math.floor(rnd() * 10))],
    [
      'jitter with slow scrapes',
      make(() => (rnd() < 0.03 ? 10 + Math.floor(rnd() * 90) : Math.floor(rnd() * 10))),
    ],
    ["a counter's rate, centred", make(() => Math.floor(rnd() * 300_001))],
    ['wide with a 2^52 outlier', make((i) => (i === n >> 1 ? 2 ** 52 + 1 : Math.floor(rnd() * 2 ** 22)))],
    ['geometric', make(() => Math.floor(-Math.log(1 - rnd()) * 40))],
    ['mostly zero', make(() => (rnd() < 0.9 ? 0 : Math.floor(rnd() * 5)))],
    ['all zero', make(() => 0)],
  ];
}

test('writeResiduals: the bounded code or Rice, read back exactly at every offset, never more bits than Rice', () => {
  const rnd = prng(11);
  let bounded = 0;
  for (let round = 0; round < 60; round++) {
    const n = [1, 7, 8, 9, 240, 1920][round % 6];
    for (const [name, zs] of shapes(rnd, n)) {
      const lead = round % 8;
      const w = new BitWriter();
      w.write(0, lead);
      writeResiduals(w, zs, riceCost(zs).k, riceCost(zs).bits);
      const bits = w.bitLength - lead;
      const rice = new BitWriter();
      writeRice(rice, zs, riceCost(zs).k);
      assert.ok(bits <= rice.bitLength, `${name}, n ${n}: ${bits} > Rice's ${rice.bitLength} bits`);
      w.write(0x5a5a5, 20);
      const bytes = w.finish();
      if (n > 1 && new BitReader(bytes).read(lead + 6) % 64 === 62) bounded++;
      const r = new BitReader(bytes);
      r.pos = lead;
      const out = new Float64Array(n + 2);
      readResiduals(r, out, 1, n);
      assert.deepEqual([...out.subarray(1, n + 1)], [...zs], `${name}, n ${n}, offset ${lead}`);
      assert.equal(r.read(20), 0x5a5a5, `${name}: the reader stops right after the residuals`);
    }
  }
  assert.ok(bounded > 0, 'some streams took the bounded code');
});

test('the bounded code of ms jitter (10 values: 3.32 bits of entropy) takes 3.5 bits, where Rice takes about 3.8', () => {
  const rnd = prng(3);
  const zs = Float64Array.from({ length: 1920 }, () => Math.floor(rnd() * 10));
  const w = new BitWriter();
  writeResiduals(w, zs, riceCost(zs).k, riceCost(zs).bits);
  assert.ok(w.bitLength / zs.length < 3.52, `${w.bitLength / zs.length} bits a residual`);
  assert.ok(riceCost(zs).bits / zs.length > 3.7);
});

test('a bounded stream cut short fails, at every length', () => {
  const rnd = prng(5);
  const zs = Float64Array.from({ length: 200 }, () =>
    rnd() < 0.02 ? 100 + Math.floor(rnd() * 1000) : Math.floor(rnd() * 12),
  );
  const w = new BitWriter();
  writeResiduals(w, zs, riceCost(zs).k, riceCost(zs).bits);
  const full = w.finish();
  assert.equal(new BitReader(full).read(6), 62, 'the bounded code');
  for (let len = 1; len < full.length; len++) {
    const r = new BitReader(full.subarray(0, len));
    assert.throws(() => readResiduals(r, new Float64Array(200), 0, 200), ChunkDecodeError, `${len} bytes`);
  }
});
