// Rice coding of a chunk's residuals (zigzagged deltas): one parameter k per stream, chosen for
// the fewest bits. A residual z is written as q = z >> k in unary then k low bits; large outliers
// (a gap, a counter reset) escape to a length-prefixed raw value so one bad sample costs ~60 bits,
// not thousands. A stream of all zeros (constant series, jitter-free timestamps) costs 6 bits.
// Since chunk format 3 a stream may instead take the bounded code (writeResiduals): residuals
// spread evenly over a range (ms jitter, a counter's rate ± noise) cost Rice about half a bit
// more than the range's log2, since its k bits cover a power of two. The bounded code writes
// z < R - 1 in truncated binary over R symbols and lets symbol R - 1 escape a larger z, its
// excess over R - 1 following in the stream's widest excess's width; its 6-bit field is BOUNDED,
// which Rice never writes, followed by R - 2 as a uvarint and that width in 6 bits.
// readResiduals reads both.
import { BitReader, BitWriter, bitLength, uvarintBits } from './bit-stream';
import { ChunkDecodeError } from './decode-error';

const ESCAPE = 20;
const ALL_ZERO = 63;
const BOUNDED = 62;
/** Bounded codes take at most 24 bits a symbol (one 32-bit load holds one)... */
const MAX_BOUNDED_R = 1 << 23;
/**
 * ...and are written over at most 1024 symbols: wider ones (a counter's rate of ±75000) saved
 * ~2% of their bytes and decoded ~30% slower than Rice (one symbol a word either way, and Rice's
 * loop is the tighter); up to 1024 (timestamps' jitter, a decimal counter's steps) decode level.
 */
const MAX_WRITTEN_R = 1024;
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

// ---- The bounded code (chunk format 3) ----

/**
 * Reads n residuals into out[from..from+n) in either code. The choice is made here, not inside
 * readRice: with a branch to the bounded code in its prologue, readRice's loop decoded format-2
 * counters ~25% slower (measured in one process against the previous rice.ts).
 */
export function readResiduals(r: BitReader, out: Float64Array, from: number, n: number): void {
  if (r.peek24() >>> 18 === BOUNDED) {
    r.pos += 6;
    readBounded(r, out, from, from + n);
  } else readRice(r, out, from, n);
}

/** writeResiduals' histogram: counts of the residuals 0..MAX_WRITTEN_R - 1, then of the rest. */
const counts = new Int32Array(MAX_WRITTEN_R + 1);
/** Quantiles whose values (+ 2) are tried as R: the bulk of the residuals below the escape. */
const QUANTILES = [0.9, 0.97, 1];

/** Bits of the bounded code over r symbols for every residual, escapes included. */
function boundedBits(zs: ArrayLike<number>, r: number): number {
  const k = 31 - Math.clz32(r);
  const u = 2 ** (k + 1) - r;
  const esc = r - 1;
  let bits = 6 + uvarintBits(r - 2) + 6;
  let escapes = 0;
  let widest = 0;
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i];
    if (z < esc) bits += z < u ? k : k + 1;
    else {
      escapes++;
      if (z - esc > widest) widest = z - esc;
    }
  }
  return bits + escapes * ((esc < u ? k : k + 1) + bitLength(widest));
}

/** Bit width of the widest escaped excess over r symbols (see writeResiduals). */
function escapeWidth(zs: ArrayLike<number>, r: number): number {
  let widest = 0;
  for (let i = 0; i < zs.length; i++) if (zs[i] - (r - 1) > widest) widest = zs[i] - (r - 1);
  return bitLength(widest);
}

/**
 * Writes residuals in whichever of Rice (parameter k costing riceBits, from riceCost) and the
 * bounded code takes fewer bits. Format 3 readers only (readResiduals reads both).
 */
export function writeResiduals(w: BitWriter, zs: ArrayLike<number>, k: number, riceBits: number): void {
  const n = zs.length;
  let bestR = 0;
  let best = riceBits;
  // Rice k above 9: the residuals mostly lie past MAX_WRITTEN_R, so the bounded code is not tried.
  if (k !== ALL_ZERO && k <= 9 && n >= 8) {
    // Quantiles from a histogram of the residuals below MAX_WRITTEN_R (the rest in its last slot).
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const z = zs[i];
      counts[z < MAX_WRITTEN_R ? z : MAX_WRITTEN_R]++;
    }
    let tried = -1;
    let value = 0;
    let below = counts[0];
    for (const q of QUANTILES) {
      const rank = Math.min(n - 1, Math.floor(q * n));
      while (below <= rank && value < MAX_WRITTEN_R) below += counts[++value];
      const r = value + 2;
      if (r === tried || r > MAX_WRITTEN_R) continue;
      tried = r;
      const bits = boundedBits(zs, r);
      if (bits < best) {
        best = bits;
        bestR = r;
      }
    }
  }
  if (bestR === 0) {
    writeRice(w, zs, k);
    return;
  }
  w.write(BOUNDED, 6);
  w.writeUvarint(bestR - 2);
  const kk = 31 - Math.clz32(bestR);
  const u = 2 ** (kk + 1) - bestR;
  const esc = bestR - 1;
  const ew = escapeWidth(zs, bestR);
  w.write(ew, 6);
  for (let i = 0; i < n; i++) {
    const z = zs[i];
    const s = z < esc ? z : esc;
    if (s < u) w.write(s, kk);
    else w.write(s + u, kk + 1);
    if (s === esc) w.writeWide(z - esc, ew);
  }
}

/** The bounded code after its field: R, then the symbols and their escapes into out[from..end). */
function readBounded(r: BitReader, out: Float64Array, from: number, end: number): void {
  const size = r.readUvarint() + 2;
  if (size > MAX_BOUNDED_R) throw new ChunkDecodeError(`a bounded code over ${size} symbols`);
  // Small integers throughout (size < 2^23), so the loop stays in int32 arithmetic.
  const k = (31 - Math.clz32(size)) | 0;
  const k1 = (k + 1) | 0;
  const u = ((1 << k1) - size) | 0;
  const esc = (size - 1) | 0;
  const shortShift = (32 - k) | 0;
  // Every escaped excess takes ew bits (the stream's widest).
  const ew = r.read(6);
  if (ew > MAX_ESCAPED_BITS) throw new ChunkDecodeError(`escaped residuals of ${ew} bits`);
  // As in readRice: one 32-bit load at the bit position gives 25..32 bits; every symbol (at most
  // 24 bits) inside it is taken by shifts, the position being the only state between words.
  const b = r.bytes;
  const stop = r.end;
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
    // Symbols surely inside this word (each takes at most k1 bits).
    let m = ((32 - sh) / k1) | 0;
    if (m > end - i) m = end - i;
    let used = 0;
    for (; m > 0; m--) {
      // Branch-free: a long code's top k bits are ≥ u (uniform data would mispredict a branch
      // on it half the time).
      const long = ((u - 1 - (w >>> shortShift)) >>> 31) | 0;
      const len = (k + long) | 0;
      const s = ((w >>> (32 - len)) - (u & -long)) | 0;
      w <<= len;
      used += len;
      if (s !== esc) out[i++] = s;
      else {
        // An escape: its excess read field by field, then a new word.
        r.pos = pos + used;
        out[i++] = esc + r.readWide(ew);
        used = r.pos - pos;
        break;
      }
    }
    pos += used;
  }
  r.pos = pos;
  r.checkEnd('residuals');
}
