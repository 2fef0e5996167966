// Rice coding of a chunk's residuals (zigzagged deltas): one parameter k per stream, chosen for
// the fewest bits. A residual z is written as q = z >> k in unary then k low bits; large outliers
// (a gap, a counter reset) escape to a length-prefixed raw value so one bad sample costs ~60 bits,
// not thousands. A stream of all zeros (constant series, jitter-free timestamps) costs 6 bits.
import { BitReader, BitWriter, bitLength } from './bit-stream';
import { ChunkDecodeError } from './decode-error';

const ESCAPE = 20;
const ALL_ZERO = 63;
/** Largest k riceCost picks, and the widest escaped residual (values stay below 2^53). */
const MAX_K = 52;
const MAX_ESCAPED_BITS = 53;
const POW2 = Array.from({ length: 54 }, (_, i) => 2 ** i);

const WINDOW = 7;
/** Per-candidate bit totals of riceCost, reused between calls (it runs for every chunk). */
const totals = new Float64Array(WINDOW);

/** The best k and its cost in bits; k = ALL_ZERO when every residual is zero. */
export function riceCost(zs: ArrayLike<number>): { k: number; bits: number } {
  let sum = 0;
  for (let i = 0; i < zs.length; i++) sum += zs[i];
  if (sum === 0) return { k: ALL_ZERO, bits: 6 };
  // The optimum sits near log2(mean): cost a window of candidates around it, all in one pass
  // (residuals below 2^31 take integer shifts; larger ones the float path).
  const guess = Math.max(0, bitLength(Math.floor(sum / zs.length)) - 1);
  const k0 = Math.max(0, guess - 3);
  const k1 = Math.min(MAX_K, guess + 3);
  totals.fill(0);
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i];
    if (z < 0x80000000) {
      const escape = ESCAPE + 6 + (32 - Math.clz32(z));
      for (let k = k0; k <= k1; k++) {
        const q = k < 31 ? z >>> k : 0;
        totals[k - k0] += q < ESCAPE ? q + 1 + k : escape;
      }
    } else {
      const escape = ESCAPE + 6 + bitLength(z);
      for (let k = k0; k <= k1; k++) {
        const q = Math.floor(z / POW2[k]);
        totals[k - k0] += q < ESCAPE ? q + 1 + k : escape;
      }
    }
  }
  let bestK = k0;
  for (let k = k0 + 1; k <= k1; k++) if (totals[k - k0] < totals[bestK - k0]) bestK = k;
  return { k: bestK, bits: totals[bestK - k0] + 6 };
}

export function writeRice(w: BitWriter, zs: ArrayLike<number>, k: number): void {
  w.write(k, 6);
  if (k === ALL_ZERO) return;
  const div = POW2[k];
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i];
    const q = Math.floor(z / div);
    if (q < ESCAPE) {
      w.write((1 << (q + 1)) - 2, q + 1); // q ones then a zero
      w.writeWide(z - q * div, k);
    } else {
      w.write((1 << ESCAPE) - 1, ESCAPE);
      const len = bitLength(z);
      w.write(len, 6);
      w.writeWide(z, len);
    }
  }
}

/**
 * Reads n residuals into out[from..from+n). Each takes at least one bit, so a stream that claims
 * more residuals than its input holds stops with an error after one pass over that input.
 */
export function readRice(r: BitReader, out: Float64Array, from: number, n: number): void {
  const k = r.read(6);
  const end = from + n;
  if (k === ALL_ZERO) {
    out.fill(0, from, end);
    return;
  }
  if (k > MAX_K) throw new ChunkDecodeError(`Rice parameter ${k} is out of range`);
  const mul = POW2[k];
  if (k > 24) {
    readRiceWide(r, out, from, end, k, mul);
    return;
  }
  // k ≤ 24: one 32-bit load at the bit position gives 25..32 bits (`avail`); residuals whose
  // unary part and low bits lie inside it are all taken from that one word by shifts (two or
  // three at k ≈ 8), the position being the only state carried from word to word. A residual
  // crossing the word, or an escape, is read field by field.
  const b = r.bytes;
  const stop = r.end;
  const lowMask = (1 << k) - 1;
  let pos = r.pos;
  let i = from;
  while (i < end) {
    if (pos > stop) {
      r.pos = pos;
      r.checkEnd('residuals');
    }
    const sh = pos & 7;
    const p = pos >>> 3;
    let w = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) << sh;
    let avail = 32 - sh;
    let q = Math.clz32(~w);
    let used = q + 1 + k;
    if (used > avail || q >= ESCAPE) {
      if (q < ESCAPE) {
        r.pos = pos + q + 1;
        out[i++] = q * mul + r.read(k);
      } else {
        r.pos = pos + ESCAPE;
        out[i++] = readEscaped(r);
      }
      pos = r.pos;
      continue;
    }
    do {
      out[i++] = q * mul + ((w >>> (32 - used)) & lowMask);
      pos += used;
      avail -= used;
      w <<= used;
      q = Math.clz32(~w);
      used = q + 1 + k;
    } while (used <= avail && q < ESCAPE && i < end);
  }
  r.pos = pos;
  r.checkEnd('residuals');
}

/** A residual after its escape: 6 bits of length, then that many bits. */
function readEscaped(r: BitReader): number {
  const len = r.read(6);
  if (len > MAX_ESCAPED_BITS) throw new ChunkDecodeError(`an escaped residual of ${len} bits`);
  return r.readWide(len);
}

/** readRice's loop for k > 24 (values this wide are rare: no fast path). */
function readRiceWide(
  r: BitReader,
  out: Float64Array,
  from: number,
  end: number,
  k: number,
  mul: number,
): void {
  for (let i = from; i < end; i++) {
    if (r.pos > r.end) r.checkEnd('residuals');
    const q = Math.clz32(~(r.peek24() << 8));
    if (q < ESCAPE) {
      r.pos += q + 1;
      out[i] = q * mul + r.readWide(k);
    } else {
      r.pos += ESCAPE;
      out[i] = readEscaped(r);
    }
  }
  r.checkEnd('residuals');
}
