// Open (head) chunks as an appendable bit stream, so a head sample costs a few bytes, not the 17
// of plain arrays: each sample is appended bit by bit after the previous one, with no look at
// the chunk as a whole (that is what the closed format, chosen per chunk, needs). MSB first.
// Per sample:
//   timestamp  sample 0: zigzag(t) in 54 bits (3 × 18).
//              sample i > 0: z = zigzag(dod), dod = (t_i - t_{i-1}) - (t_{i-1} - t_{i-2}), the
//              delta before sample 1 taken as 0:
//              '0' z = 0 | '10' z in 8 bits | '110' z in 12 | '1110' z in 20 | '1111' z in 54
//   value      one of (prev = the previous sample's value, its 64 bits 0 before sample 0):
//              '0'    the same bits as prev
//              '10'   a short decimal m / 10^scale, m as zigzag(m - the last m) in
//                     '0' 7 bits | '10' 14 | '110' 24 | '111' 54
//              '110'  bits XOR prev's, their meaningful bits in the current window (Gorilla)
//              '1110' the same in a new window: leading zeros (5 bits, at most 31), width
//                     (6 bits, 64 written as 0), the bits
//              '1111' an escape, 2 bits: 00 a staleness marker (its value code follows);
//                     01 a new scale (4 bits, at most 9) and m itself, zigzag in 54 bits
//              A value that is m / 10^k exactly (|m| < 2^51, not -0) takes '10' at the
//              current scale k, else a new scale (the fewest digits above it) if one fits,
//              else XOR.
// Other values go as their raw bits, so -0, ±Inf and every NaN bit pattern come back as they went in.
// Stored (the `head` table at a checkpoint) with chunk.ts's marker and a format byte of its own,
// 0x48 ('H', apart from the closed formats' small numbers):
//   0x00 | 0x48 | CRC-32C of the body (u32 LE) | uvarint n | the stream, zero-padded to a byte
import { crc32c } from './crc32c';
import { ChunkDecodeError } from './decode-error';

/** Where the encoder writes: MSB-first bits appended to a slot's stream (n ≤ 24). */
export interface BitSink {
  writeBits(slot: number, bits: number, n: number): void;
}

const TWO18 = 262144;
const TWO36 = TWO18 * TWO18;
const NO_WINDOW = 255;
const NO_SCALE = 255;
/** Most decimal digits a scale has (4 bits would allow 15; more rarely pays). */
const MAX_SCALE = 9;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** Decimal integers stay below this, so differences fit the 54-bit field. */
const MAX_M = 2 ** 51;
const MARKER = 0;
const FORMAT_HEAD = 0x48;
const HEADER = 6;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian hosts (x64, arm64): word 1 holds the sign and exponent.
const HI = 1;
const LO = 0;

function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * The encoder state of every open stream, in typed arrays indexed by slot (no object per
 * chunk): first and newest timestamp, last delta, previous value bits, XOR window.
 */
export class HeadEncoders {
  private firstT = new Float64Array(0);
  private lastT = new Float64Array(0);
  private delta = new Float64Array(0);
  private hi = new Int32Array(0);
  private lo = new Int32Array(0);
  private lead = new Uint8Array(0);
  private trail = new Uint8Array(0);
  /** Decimal scale (digits) and the integer of the last value coded at it. */
  private scale = new Uint8Array(0);
  private m = new Float64Array(0);
  /** Samples in the stream. */
  private count = new Int32Array(0);

  constructor(private readonly sink: BitSink) {}

  /** Makes room for slots [0, n). */
  grow(n: number): void {
    if (n <= this.count.length) return;
    let cap = Math.max(64, this.count.length);
    while (cap < n) cap *= 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.firstT = g(this.firstT, (k) => new Float64Array(k));
    this.lastT = g(this.lastT, (k) => new Float64Array(k));
    this.delta = g(this.delta, (k) => new Float64Array(k));
    this.hi = g(this.hi, (k) => new Int32Array(k));
    this.lo = g(this.lo, (k) => new Int32Array(k));
    this.lead = g(this.lead, (k) => new Uint8Array(k));
    this.trail = g(this.trail, (k) => new Uint8Array(k));
    this.scale = g(this.scale, (k) => new Uint8Array(k));
    this.m = g(this.m, (k) => new Float64Array(k));
    this.count = g(this.count, (k) => new Int32Array(k));
  }

  /** Starts an empty stream in slot. */
  reset(slot: number): void {
    this.count[slot] = 0;
    this.delta[slot] = 0;
    this.hi[slot] = 0;
    this.lo[slot] = 0;
    this.lead[slot] = NO_WINDOW;
    this.trail[slot] = 0;
    this.scale[slot] = NO_SCALE;
    this.m[slot] = 0;
  }

  minT(slot: number): number {
    return this.firstT[slot];
  }

  maxT(slot: number): number {
    return this.lastT[slot];
  }

  /** Appends a sample (t integer, after the stream's newest). */
  append(slot: number, t: number, v: number, stale: boolean): void {
    const w = this.sink;
    if (this.count[slot]++ === 0) {
      this.firstT[slot] = t;
      writeWide(w, slot, zigzag(t));
    } else {
      const d = t - this.lastT[slot];
      const z = zigzag(d - this.delta[slot]);
      this.delta[slot] = d;
      if (z === 0) w.writeBits(slot, 0, 1);
      else if (z < 256) w.writeBits(slot, (2 << 8) | z, 10);
      else if (z < 4096) w.writeBits(slot, (6 << 12) | z, 15);
      else if (z < 1048576) w.writeBits(slot, (14 << 20) | z, 24);
      else {
        w.writeBits(slot, 15, 4);
        writeWide(w, slot, z);
      }
    }
    this.lastT[slot] = t;
    if (stale) w.writeBits(slot, 0b111100, 6);
    f64[0] = v;
    const hi = u32[HI] | 0;
    const lo = u32[LO] | 0;
    const xh = (hi ^ this.hi[slot]) >>> 0;
    const xl = (lo ^ this.lo[slot]) >>> 0;
    if (xh === 0 && xl === 0) {
      w.writeBits(slot, 0, 1);
      return;
    }
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    // A short decimal: its integer at the stream's scale, as a difference from the last one.
    const k = this.scale[slot];
    if (k !== NO_SCALE) {
      const m = Math.round(v * POW10[k]);
      if (m / POW10[k] === v && m < MAX_M && m > -MAX_M && (v !== 0 || 1 / v > 0)) {
        const z = zigzag(m - this.m[slot]);
        this.m[slot] = m;
        if (z < 128) w.writeBits(slot, (2 << 8) | z, 10);
        else if (z < 16384) w.writeBits(slot, (0b1010 << 14) | z, 18);
        else if (z < 16777216) {
          w.writeBits(slot, 0b10110, 5);
          w.writeBits(slot, z, 24);
        } else {
          w.writeBits(slot, 0b10111, 5);
          writeWide(w, slot, z);
        }
        return;
      }
    }
    // A decimal with more digits than the scale (or the first one): set a new scale.
    for (let kk = k === NO_SCALE ? 0 : k + 1; kk <= MAX_SCALE; kk++) {
      const m = Math.round(v * POW10[kk]);
      if (m / POW10[kk] === v && m < MAX_M && m > -MAX_M && (v !== 0 || 1 / v > 0)) {
        this.scale[slot] = kk;
        this.m[slot] = m;
        w.writeBits(slot, (0b111101 << 4) | kk, 10);
        writeWide(w, slot, zigzag(m));
        return;
      }
    }
    let l = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const tz = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
    if (l > 31) l = 31;
    const lead = this.lead[slot];
    const trail = this.trail[slot];
    if (lead !== NO_WINDOW && l >= lead && tz >= trail) {
      w.writeBits(slot, 0b110, 3);
      writeRange(w, slot, xh, xl, lead, 64 - lead - trail);
      return;
    }
    this.lead[slot] = l;
    this.trail[slot] = tz;
    const sig = 64 - l - tz;
    w.writeBits(slot, (0b1110 << 11) | (l << 6) | (sig & 63), 15);
    writeRange(w, slot, xh, xl, l, sig);
  }
}

/** A non-negative integer below 2^54, as 3 × 18 bits. */
function writeWide(w: BitSink, slot: number, z: number): void {
  const hi = Math.floor(z / TWO36);
  const rest = z - hi * TWO36;
  const mid = Math.floor(rest / TWO18);
  w.writeBits(slot, hi, 18);
  w.writeBits(slot, mid, 18);
  w.writeBits(slot, rest - mid * TWO18, 18);
}

/** Writes bits [start, start+n) of the 64-bit word hi:lo (bit 0 = most significant). */
function writeRange(w: BitSink, slot: number, hi: number, lo: number, start: number, n: number): void {
  while (n > 0) {
    const take = Math.min(n, 24, start < 32 ? 32 - start : 64 - start);
    const word = start < 32 ? hi : lo;
    w.writeBits(slot, ((word << (start & 31)) >>> (32 - take)) & ((1 << take) - 1), take);
    start += take;
    n -= take;
  }
}

/**
 * Decodes n samples of a stream (the first `length` bytes of `bytes`, read from bit 0) into
 * t/v/stale from index `at`. Throws ChunkDecodeError when the stream ends before n samples or
 * holds what no encoder wrote.
 */
export function decodeHeadStream(
  bytes: Uint8Array,
  length: number,
  n: number,
  t: Float64Array,
  v: Float64Array,
  stale: Uint8Array,
  at: number,
): void {
  const end = length * 8;
  // The bit position lives in a local (closures over it would keep it in a context slot, a
  // memory access each time); peek24 is pure, so each read is peek24 then pos += width.
  let pos = 0;
  let prevT = 0;
  let delta = 0;
  let hi = 0;
  let lo = 0;
  let lead = NO_WINDOW;
  let sig = 0;
  let scale = NO_SCALE;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let ti: number;
    if (i === 0) {
      ti = unzigzag(wide(bytes, pos));
      pos += 54;
    } else {
      const p = peek24(bytes, pos);
      let z: number;
      if (p < 0x800000) {
        z = 0;
        pos += 1;
      } else if (p < 0xc00000) {
        z = (p >>> 14) & 0xff;
        pos += 10;
      } else if (p < 0xe00000) {
        z = (p >>> 9) & 0xfff;
        pos += 15;
      } else if (p < 0xf00000) {
        z = p & 0xfffff;
        pos += 24;
      } else {
        pos += 4;
        z = wide(bytes, pos);
        pos += 54;
      }
      delta += unzigzag(z);
      ti = prevT + delta;
    }
    prevT = ti;
    let isStale = 0;
    let fromBits = true;
    let value = 0;
    for (;;) {
      const p = peek24(bytes, pos);
      if (p < 0x800000) {
        // the same bits
        pos += 1;
        break;
      }
      if (p < 0xc00000) {
        if (scale === NO_SCALE) throw new ChunkDecodeError('a decimal value before any scale');
        // '10' then the difference's bucket, read from the same 24 bits where they hold it.
        let z: number;
        if (p < 0xa00000) {
          z = (p >>> 14) & 0x7f;
          pos += 10;
        } else if (p < 0xb00000) {
          z = (p >>> 6) & 0x3fff;
          pos += 18;
        } else if (p < 0xb80000) {
          pos += 5;
          z = peek24(bytes, pos);
          pos += 24;
        } else {
          pos += 5;
          z = wide(bytes, pos);
          pos += 54;
        }
        m += unzigzag(z);
        value = m / POW10[scale];
        fromBits = false;
        break;
      }
      if (p < 0xf00000) {
        if (p < 0xe00000) {
          pos += 3;
          if (lead === NO_WINDOW) throw new ChunkDecodeError('an XOR value before any window');
        } else {
          lead = (p >>> 15) & 31;
          sig = (p >>> 9) & 63 || 64;
          pos += 15;
          if (lead + sig > 64)
            throw new ChunkDecodeError(`an XOR window of ${sig} bits after ${lead} leading zeros`);
        }
        // Bits [lead, lead+sig) of the XOR, at most 24 a read.
        let start = lead;
        let k = sig;
        while (k > 0) {
          const take = k < 24 ? k : 24;
          const room = start < 32 ? 32 - start : 64 - start;
          const tk = take < room ? take : room;
          const bits = peek24(bytes, pos) >>> (24 - tk);
          pos += tk;
          const shift = 32 - (start & 31) - tk;
          if (start < 32) hi ^= bits << shift;
          else lo ^= bits << shift;
          start += tk;
          k -= tk;
        }
        break;
      }
      const esc = (p >>> 18) & 3;
      if (esc === 0) {
        if (isStale === 1) throw new ChunkDecodeError('two staleness escapes on one sample');
        isStale = 1;
        pos += 6;
        continue;
      }
      if (esc !== 1) throw new ChunkDecodeError(`escape ${esc}`);
      scale = (p >>> 14) & 15;
      if (scale > MAX_SCALE) throw new ChunkDecodeError(`a decimal scale of ${scale} digits`);
      pos += 10;
      m = unzigzag(wide(bytes, pos));
      pos += 54;
      value = m / POW10[scale];
      fromBits = false;
      break;
    }
    if (pos > end) throw new ChunkDecodeError(`the stream ends inside sample ${i} of ${n}`);
    if (fromBits) {
      u32[HI] = hi;
      u32[LO] = lo;
      value = f64[0];
    } else {
      f64[0] = value;
      hi = u32[HI] | 0;
      lo = u32[LO] | 0;
    }
    t[at + i] = ti;
    v[at + i] = value;
    stale[at + i] = isStale;
  }
}

/**
 * The 24 bits of `bytes` from bit `pos`, MSB first. Past the input the caller leaves zeros or
 * the array's end (where a typed array reads undefined, 0 in << and |).
 */
function peek24(bytes: Uint8Array, pos: number): number {
  const i = pos >>> 3;
  const word = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
  return (word << (pos & 7)) >>> 8;
}

/** A 54-bit field (3 × 18) at pos. */
function wide(bytes: Uint8Array, pos: number): number {
  return (
    (peek24(bytes, pos) >>> 6) * TWO36 +
    (peek24(bytes, pos + 18) >>> 6) * TWO18 +
    (peek24(bytes, pos + 36) >>> 6)
  );
}

/** The `head` row of a stream: n samples in `stream`'s first `bytes` bytes. */
export function headRow(n: number, stream: Uint8Array, bytes: number): Uint8Array {
  return framedStream(FORMAT_HEAD, [], n, stream, bytes);
}

/**
 * MARKER | format | CRC-32C of what follows (u32 LE) | `tag` bytes | uvarint n | the stream's
 * first `bytes` bytes: the frame head rows and stream chunks share.
 */
function framedStream(
  format: number,
  tag: readonly number[],
  n: number,
  stream: Uint8Array,
  bytes: number,
): Uint8Array {
  let len = 1;
  for (let x = n; x >= 128; x = Math.floor(x / 128)) len++;
  const out = new Uint8Array(HEADER + tag.length + len + bytes);
  let p = HEADER;
  for (const b of tag) out[p++] = b;
  let x = n;
  while (x >= 128) {
    out[p++] = 0x80 | (x % 128);
    x = Math.floor(x / 128);
  }
  out[p++] = x;
  out.set(stream.subarray(0, bytes), p);
  out[0] = MARKER;
  out[1] = format;
  new DataView(out.buffer).setUint32(2, crc32c(out, HEADER), true);
  return out;
}

/**
 * Chunk format 0x53 ('S'): a head stream stored as it is as a closed chunk when the chunk
 * closes (no decode and re-encode on the ingest path; compaction writes the compact format
 * later, when it merges the rows anyway):
 *   0x00 | 0x53 | CRC-32C of the body (u32 LE) | body = 0x00 | uvarint n | the stream
 * The body's first byte 0 tells it apart from the other formats' bodies, which start with
 * n ≥ 1 (chunk.ts's reader dispatches on it).
 */
export const FORMAT_STREAM = 0x53;
const STREAM_TAG = 0;

/** A closed chunk of format FORMAT_STREAM: n samples in `stream`'s first `bytes` bytes. */
export function streamChunk(n: number, stream: Uint8Array, bytes: number): Uint8Array {
  return framedStream(FORMAT_STREAM, [STREAM_TAG], n, stream, bytes);
}

/** Whether a checked chunk body (chunk.ts's chunkBody) is a stream body. */
export function isStreamBody(body: Uint8Array): boolean {
  return body.length > 1 && body[0] === STREAM_TAG;
}

/**
 * The sample count (a varint at `from`, at most `max`) before a stream, and where the stream
 * starts; throws ChunkDecodeError for a count that is cut or cannot fit the bytes after it.
 */
function sampleCount(bytes: Uint8Array, from: number, max: number, what: string): [n: number, start: number] {
  let p = from;
  let n = 0;
  let mul = 1;
  for (;;) {
    if (p >= bytes.length || mul > 2 ** 21)
      throw new ChunkDecodeError(`${what} ends inside its sample count`);
    const b = bytes[p++];
    n += (b & 127) * mul;
    if (b < 128) break;
    mul *= 128;
  }
  if (n > max) throw new ChunkDecodeError(`a sample count of ${n}`);
  // A sample takes at least 2 bits: a larger count cannot fit the bytes.
  if (n > (bytes.length - p) * 4 + 1) throw new ChunkDecodeError(`${n} samples in ${bytes.length - p} bytes`);
  return [n, p];
}

/** n and where the stream starts in a stream body (after its tag byte). */
function streamHeader(body: Uint8Array, max: number): [n: number, start: number] {
  return sampleCount(body, 1, max, 'the chunk');
}

/** Sample count of a stream body (at most `max`). */
export function streamBodyLength(body: Uint8Array, max: number): number {
  return streamHeader(body, max)[0];
}

/** Decodes a stream body into t/v/stale from index `at`; returns the sample count. */
export function decodeStreamBodyInto(
  body: Uint8Array,
  max: number,
  t: Float64Array,
  v: Float64Array,
  stale: Uint8Array,
  at: number,
): number {
  const [n, p] = streamHeader(body, max);
  const stream = body.subarray(p);
  decodeHeadStream(stream, stream.length, n, t, v, stale, at);
  for (let i = at + 1; i < at + n; i++) {
    if (!(t[i] > t[i - 1])) throw new ChunkDecodeError(`timestamp ${i - at} does not follow the one before`);
  }
  return n;
}

/** Whether a stored blob is a head stream (else a closed-format chunk, chunk.ts). */
export function isHeadRow(blob: Uint8Array): boolean {
  return blob.length >= 2 && blob[0] === MARKER && blob[1] === FORMAT_HEAD;
}

/** Most samples a stored head stream may claim (a damaged count must not size allocations). */
const MAX_HEAD_SAMPLES = 1 << 16;

/** Verifies and decodes a head row (isHeadRow); throws ChunkDecodeError when it is damaged. */
export function decodeHeadRow(blob: Uint8Array): {
  n: number;
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array;
} {
  if (!isHeadRow(blob)) throw new ChunkDecodeError('it is not a head stream');
  if (blob.length < HEADER + 1)
    throw new ChunkDecodeError(`a ${blob.length}-byte head row is shorter than its header`);
  const stored = new DataView(blob.buffer, blob.byteOffset).getUint32(2, true);
  const actual = crc32c(blob, HEADER);
  if (stored !== actual) {
    throw new ChunkDecodeError(
      `checksum mismatch (stored ${stored.toString(16).padStart(8, '0')}, computed ${actual.toString(16).padStart(8, '0')})`,
    );
  }
  const [n, p] = sampleCount(blob, HEADER, MAX_HEAD_SAMPLES, 'the head row');
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const stale = new Uint8Array(n);
  decodeHeadStream(blob.subarray(p), blob.length - p, n, t, v, stale, 0);
  return { n, t, v, stale };
}
