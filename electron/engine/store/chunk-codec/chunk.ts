// One chunk of one series: n samples (strictly increasing timestamps) in a self-describing blob.
//   uvarint n | timestamps | specials | values
// Specials are the samples whose value is not an ordinary finite number — staleness markers, NaN,
// ±Inf, -0 — listed as (index gap, kind), so they survive exactly and keep the ordinary values
// decimal-codable. A stale marker is a kind of its own, never a NaN bit pattern: NaN payloads do not
// survive JavaScript reliably, Prometheus's 0x7ff0000000000002 included.
import { BitReader, BitWriter } from './bit-stream';
import { readTimestamps, writeTimestamps } from './timestamps';
import { planDecimal, readDecimal, writeDecimal } from './values-decimal';
import { readXor, writeXor } from './values-xor';

export const KIND_VALUE = 0;
export const KIND_STALE = 1;
const KIND_NAN = 2;
const KIND_POS_INF = 3;
const KIND_NEG_INF = 4;
const KIND_NEG_ZERO = 5;

const MODE_CONST = 0;
const MODE_DECIMAL = 1;
const MODE_XOR = 2;

/** Above this many bits a sample, a decimal plan is compared with XOR (full-precision floats). */
const DECIMAL_CHECK_BITS = 24;

export type ValueCodec = 'auto' | 'xor';

function specialKind(v: number, stale: number): number {
  if (stale) return KIND_STALE;
  if (Number.isNaN(v)) return KIND_NAN;
  if (v === Infinity) return KIND_POS_INF;
  if (v === -Infinity) return KIND_NEG_INF;
  if (v === 0 && 1 / v < 0) return KIND_NEG_ZERO;
  return KIND_VALUE;
}

const SPECIAL_VALUE = [0, NaN, NaN, Infinity, -Infinity, -0];

/**
 * Encodes samples [0, n). stale[i] = 1 marks a staleness marker. codec 'xor' forces Gorilla values
 * (for comparisons); 'auto' picks per chunk.
 */
export function encodeChunk(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  stale: ArrayLike<number>,
  n: number,
  codec: ValueCodec = 'auto',
): Uint8Array {
  const w = new BitWriter();
  w.writeUvarint(n);
  writeTimestamps(w, t, n);
  const regular = new Float64Array(n);
  let nreg = 0;
  let specials = 0;
  for (let i = 0; i < n; i++) if (specialKind(v[i], stale[i]) !== KIND_VALUE) specials++;
  w.writeUvarint(specials);
  let last = 0;
  for (let i = 0; i < n; i++) {
    const kind = specialKind(v[i], stale[i]);
    if (kind === KIND_VALUE) {
      regular[nreg++] = v[i];
      continue;
    }
    w.writeUvarint(i - last);
    w.write(kind, 3);
    last = i;
  }
  if (nreg > 0) writeValues(w, regular, nreg, codec);
  return w.finish();
}

function writeValues(w: BitWriter, v: Float64Array, n: number, codec: ValueCodec): void {
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = v[i] === v[0];
  if (constant && codec === 'auto') {
    // A constant that is a short decimal costs a few bits; others the raw 64.
    const plan = planDecimal(v, 1);
    w.write(MODE_CONST, 2);
    if (plan) {
      w.write(1, 1);
      writeDecimal(w, plan);
    } else {
      w.write(0, 1);
      writeXor(w, v, 1);
    }
    return;
  }
  const plan = codec === 'auto' ? planDecimal(v, n) : undefined;
  if (plan && plan.bits <= DECIMAL_CHECK_BITS * n) {
    w.write(MODE_DECIMAL, 2);
    writeDecimal(w, plan);
    return;
  }
  const xor = new BitWriter();
  writeXor(xor, v, n);
  if (plan && plan.bits < xor.bitLength) {
    w.write(MODE_DECIMAL, 2);
    writeDecimal(w, plan);
    return;
  }
  w.write(MODE_XOR, 2);
  writeXor(w, v, n);
}

export interface DecodedChunk {
  n: number;
  t: Float64Array;
  v: Float64Array;
  /** Present when the chunk has staleness markers. */
  stale?: Uint8Array;
}

/** Sample count of an encoded chunk without decoding it. */
export function chunkLength(buf: Uint8Array): number {
  return new BitReader(buf).readUvarint();
}

/** Decodes into t/v/stale at offset `at` (arrays must have room); returns the sample count. */
export function decodeChunkInto(
  buf: Uint8Array,
  t: Float64Array,
  v: Float64Array,
  stale: Uint8Array,
  at: number,
): number {
  const r = new BitReader(buf);
  const n = r.readUvarint();
  if (n === 0) return 0;
  const ts = at === 0 ? t : t.subarray(at, at + n);
  readTimestamps(r, ts, n);
  const specials = r.readUvarint();
  const idx = new Int32Array(specials);
  const kinds = new Uint8Array(specials);
  let last = 0;
  for (let s = 0; s < specials; s++) {
    last += r.readUvarint();
    idx[s] = last;
    kinds[s] = r.read(3);
  }
  const nreg = n - specials;
  const vs = v.subarray(at, at + n);
  if (nreg > 0) {
    const mode = r.read(2);
    if (mode === MODE_CONST) {
      const decimal = r.read(1) === 1;
      if (decimal) readDecimal(r, vs, 1);
      else readXor(r, vs, 1);
      vs.fill(vs[0], 1, nreg);
    } else if (mode === MODE_DECIMAL) readDecimal(r, vs, nreg);
    else readXor(r, vs, nreg);
  }
  stale.fill(0, at, at + n);
  if (specials > 0) {
    // Spread ordinary values to their positions, back to front, then drop the specials in.
    let src = nreg - 1;
    let s = specials - 1;
    for (let i = n - 1; i >= 0; i--) {
      if (s >= 0 && idx[s] === i) {
        vs[i] = SPECIAL_VALUE[kinds[s]];
        if (kinds[s] === KIND_STALE) stale[at + i] = 1;
        s--;
      } else vs[i] = vs[src--];
    }
  }
  return n;
}

export function decodeChunk(buf: Uint8Array): DecodedChunk {
  const n = chunkLength(buf);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const stale = new Uint8Array(n);
  decodeChunkInto(buf, t, v, stale, 0);
  return stale.includes(1) ? { n, t, v, stale } : { n, t, v };
}
