// Format 3's split floats (values-float.ts): full-precision values round-trip bit for bit through
// encodeChunk / decodeChunk whatever their signs, exponents and trailing zeros, the encoder takes
// them where they beat XOR, and a damaged split stream is rejected, not misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitReader, BitWriter } from '../../../electron/engine/store/chunk-codec/bit-stream';
import { decodeChunk, encodeChunk } from '../../../electron/engine/store/chunk-codec/chunk';
import { ChunkDecodeError } from '../../../electron/engine/store/chunk-codec/decode-error';
import {
  isSplitFloat,
  planSplitFloat,
  readSplitFloat,
  writeSplitFloat,
} from '../../../electron/engine/store/chunk-codec/values-float';
import { prng } from '../../helpers/node-mix';

const rnd = prng(13);
const N = 300;
const make = (f: (i: number) => number) => Float64Array.from({ length: N }, (_, i) => f(i));
const SHAPES: [string, Float64Array][] = [
  ['scrape durations', make(() => 0.002 + rnd() * 0.01)],
  ['mixed signs', make(() => (rnd() - 0.5) * 1e3)],
  ['one exponent', make(() => 1 + rnd())],
  [
    'wide exponents, subnormals and zero',
    make((i) => (i % 7 === 0 ? 0 : i % 5 === 0 ? 5e-324 * i : rnd() * 10 ** (rnd() * 600 - 300))),
  ],
  ['largest finite', make((i) => (i % 2 ? Number.MAX_VALUE : -Number.MAX_VALUE / (1 + rnd())))],
  ['floats with short mantissas', make(() => Math.fround(rnd() * 100))],
];

test('split floats read back bit for bit, at every bit offset', () => {
  for (const [name, v] of SHAPES) {
    for (let lead = 0; lead < 8; lead++) {
      const w = new BitWriter();
      w.write(0, lead);
      writeSplitFloat(w, v, N, planSplitFloat(v, N));
      w.write(0x5a5a5, 20);
      const r = new BitReader(w.finish());
      r.pos = lead;
      assert.ok(isSplitFloat(r));
      const out = new Float64Array(N);
      readSplitFloat(r, out, N);
      for (let i = 0; i < N; i++) assert.ok(Object.is(out[i], v[i]), `${name}: v[${i}] ${out[i]} != ${v[i]}`);
      assert.equal(r.read(20), 0x5a5a5, `${name}: the reader stops right after the values`);
    }
  }
});

test('planSplitFloat counts exactly the bits writeSplitFloat writes', () => {
  for (const [name, v] of SHAPES) {
    const plan = planSplitFloat(v, N);
    const w = new BitWriter();
    writeSplitFloat(w, v, N, plan);
    assert.equal(w.bitLength, plan.bits, name);
  }
});

test('chunks of full-precision floats take split floats and round-trip through decodeChunk', () => {
  const t = Array.from({ length: N }, (_, i) => 1_700_000_000_000 + i * 15_000 + (i % 10));
  for (const [name, v] of SHAPES) {
    const stale = new Uint8Array(N);
    const blob = encodeChunk(t, v, stale, N);
    const xor = encodeChunk(t, v, stale, N, 'xor');
    const d = decodeChunk(blob, true);
    for (let i = 0; i < N; i++) assert.ok(Object.is(d.v[i], v[i]), `${name}: v[${i}]`);
    assert.ok(blob.length <= xor.length, `${name}: ${blob.length} > XOR's ${xor.length} bytes`);
  }
  const durations = SHAPES[0][1];
  const split = encodeChunk(t, durations, new Uint8Array(N), N);
  const xor = encodeChunk(t, durations, new Uint8Array(N), N, 'xor');
  assert.ok(
    split.length * 8 < xor.length * 7.5,
    `scrape durations: ${split.length} vs XOR ${xor.length} bytes`,
  );
});

test('a split stream cut short or with an impossible exponent range is rejected', () => {
  const v = SHAPES[1][1];
  const w = new BitWriter();
  writeSplitFloat(w, v, N, planSplitFloat(v, N));
  const full = w.finish();
  for (let len = 1; len < full.length; len += 7) {
    assert.throws(
      () => readSplitFloat(new BitReader(full.subarray(0, len)), new Float64Array(N), N),
      ChunkDecodeError,
    );
  }
  const bad = new BitWriter();
  bad.write(0xfff, 12);
  bad.write(0, 1);
  bad.write(0, 1);
  bad.write(2000, 11);
  bad.write(100, 11);
  bad.write(0, 6);
  assert.throws(() => readSplitFloat(new BitReader(bad.finish()), new Float64Array(1), 1), /exponents 2000/);
});
