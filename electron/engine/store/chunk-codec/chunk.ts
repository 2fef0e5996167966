// One chunk of one series: n samples (strictly increasing timestamps) in a self-describing blob.
//   0x00 | format (1, 2 or 3) | CRC-32C of the body (u32 LE) | body
// (or format 0x53, a head stream stored as it was when it closed: head-stream.ts), where the body is
//   uvarint n | timestamps | specials | values
// Chunks written before checksums are a bare body. Its first byte is n's first byte, never 0 for
// the n ≥ 1 of every stored chunk, so the 0x00 marker tells the two apart and such chunks still
// read as before (without a checksum, a decoded chunk is only as good as its validation).
// Specials are the samples whose value is not an ordinary finite number — staleness markers, NaN,
// ±Inf, -0 — listed as (index gap, kind), so they survive exactly and keep the ordinary values
// decimal-codable. A stale marker is a kind of its own, never a NaN bit pattern: NaN payloads do not
// survive JavaScript reliably, Prometheus's 0x7ff0000000000002 included.
import { BitReader, BitWriter } from './bit-stream';
import { crc32c } from './crc32c';
import { ChunkDecodeError } from './decode-error';
import { FORMAT_STREAM, decodeStreamBodyInto, isStreamBody, streamBodyLength } from './head-stream';
import { readTimestamps, writeTimestamps } from './timestamps';
import { isScaled, planDecimal, readDecimal, writeDecimal } from './values-decimal';
import { isSplitFloat, planSplitFloat, readSplitFloat, writeSplitFloat } from './values-float';
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
/** Format 2: decimal mantissas whose residuals carry a divisor and a centre (values-decimal.ts). */
const MODE_DECIMAL_SCALED = 3;

const MARKER = 0;
/** Format 1: the first with a checksum. */
const FORMAT_CRC = 1;
/** Format 2: format 1 plus value mode 3. */
const FORMAT_SCALED = 2;
/**
 * Format 3: format 2 whose residual streams may take the bounded code (rice.ts), and whose value
 * mode 2 may hold split floats (values-float.ts) instead of XOR. Written from
 * this version on; all three read. Its checksum is the body's CRC-32C XOR FORMAT3_SALT: the
 * checksum does not cover the format byte, and one flipped bit turns 3 into 1 or 2.
 */
const FORMAT_BOUNDED = 3;
const FORMAT3_SALT = 0x9e3779b9;
/** Marker, format and checksum before the body. */
const HEADER = 6;
/**
 * Most samples a chunk may hold. Stores close chunks at 240 (480 before, and for downsampled
 * data), so this only bounds what a damaged count can make a reader allocate.
 */
export const MAX_CHUNK_SAMPLES = 1 << 16;

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
  if (n > MAX_CHUNK_SAMPLES)
    throw new RangeError(`a chunk holds at most ${MAX_CHUNK_SAMPLES} samples, not ${n}`);
  const w = new BitWriter(HEADER);
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
  const out = w.finish();
  out[0] = MARKER;
  out[1] = FORMAT_BOUNDED;
  new DataView(out.buffer, out.byteOffset).setUint32(2, (crc32c(out, HEADER) ^ FORMAT3_SALT) >>> 0, true);
  return out;
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
    w.write(isScaled(plan) ? MODE_DECIMAL_SCALED : MODE_DECIMAL, 2);
    writeDecimal(w, plan);
    return;
  }
  const xor = new BitWriter();
  writeXor(xor, v, n);
  const split = codec === 'auto' ? planSplitFloat(v, n) : undefined;
  if (plan && plan.bits < xor.bitLength && (!split || plan.bits <= split.bits)) {
    w.write(isScaled(plan) ? MODE_DECIMAL_SCALED : MODE_DECIMAL, 2);
    writeDecimal(w, plan);
    return;
  }
  w.write(MODE_XOR, 2);
  if (split && split.bits < xor.bitLength) writeSplitFloat(w, v, n, split);
  else writeXor(w, v, n);
}

export interface DecodedChunk {
  n: number;
  t: Float64Array;
  v: Float64Array;
  /** Present when the chunk has staleness markers. */
  stale?: Uint8Array;
}

/**
 * The body of a stored chunk, its checksum verified; a chunk from before checksums is its own
 * body, unless `requireChecksum` (the store knows it was written later: without that, one
 * flipped bit in the marker would pass a damaged chunk off as an old one). Throws
 * ChunkDecodeError for a mismatch or an unknown format.
 */
export function chunkBody(blob: Uint8Array, requireChecksum = false): Uint8Array {
  if (blob.length === 0) throw new ChunkDecodeError('the chunk is empty');
  if (blob[0] !== MARKER) {
    if (requireChecksum) throw new ChunkDecodeError('it has no checksum, though it was written with one');
    return blob;
  }
  if (blob.length < HEADER)
    throw new ChunkDecodeError(`a ${blob.length}-byte chunk is shorter than its header`);
  if (
    blob[1] !== FORMAT_CRC &&
    blob[1] !== FORMAT_SCALED &&
    blob[1] !== FORMAT_BOUNDED &&
    blob[1] !== FORMAT_STREAM
  )
    throw new ChunkDecodeError(`unknown chunk format ${blob[1]}`);
  const stored = new DataView(blob.buffer, blob.byteOffset).getUint32(2, true);
  const crc = crc32c(blob, HEADER);
  const actual = blob[1] === FORMAT_BOUNDED ? (crc ^ FORMAT3_SALT) >>> 0 : crc;
  if (stored !== actual) {
    throw new ChunkDecodeError(
      `checksum mismatch (stored ${stored.toString(16).padStart(8, '0')}, computed ${actual.toString(16).padStart(8, '0')})`,
    );
  }
  const body = blob.subarray(HEADER);
  // A stream chunk's body starts with its tag, the others' with n ≥ 1 (head-stream.ts).
  if ((blob[1] === FORMAT_STREAM) !== isStreamBody(body))
    throw new ChunkDecodeError(`a format-${blob[1]} chunk with the wrong body`);
  return body;
}

/** True when the chunk carries a checksum (written by this version or later). */
export function hasChecksum(blob: Uint8Array): boolean {
  return blob[0] === MARKER && blob.length >= HEADER;
}

/** Sample count of a chunk body (see chunkBody) without decoding it. */
export function bodyLength(body: Uint8Array): number {
  if (isStreamBody(body)) return streamBodyLength(body, MAX_CHUNK_SAMPLES);
  const n = new BitReader(body).readUvarint();
  if (n > MAX_CHUNK_SAMPLES) throw new ChunkDecodeError(`a sample count of ${n}`);
  return n;
}

const NO_INDEXES = new Int32Array(0);
const NO_KINDS = new Uint8Array(0);

/** A copy of a body with zeros after it, reused from chunk to chunk; see zeroPadded. */
let padded = new Uint8Array(4096);
/** Bytes of `padded` that may not be zero. */
let paddedDirty = 0;

/**
 * buf's bytes followed by zeros to the end of a scratch buffer at least 8 bytes longer: the
 * decoders' word loads near the end of the input stay in bounds (an out-of-bounds typed-array
 * load is a slower path in V8) and still read zeros past it, as they do from buf itself.
 */
function zeroPadded(buf: Uint8Array): Uint8Array {
  if (padded.length < buf.length + 8) {
    padded = new Uint8Array(Math.max(padded.length * 2, buf.length + 8));
    paddedDirty = 0;
  }
  padded.set(buf);
  if (paddedDirty > buf.length) padded.fill(0, buf.length, paddedDirty);
  paddedDirty = buf.length;
  return padded;
}

/**
 * Decodes a chunk body into t/v/stale at offset `at` (arrays must have room for its
 * bodyLength); returns the sample count. Throws ChunkDecodeError, after at most one pass over
 * the input, for anything this encoder could not have written.
 */
export function decodeBodyInto(
  buf: Uint8Array,
  t: Float64Array,
  v: Float64Array,
  stale: Uint8Array,
  at: number,
): number {
  if (isStreamBody(buf)) return decodeStreamBodyInto(buf, MAX_CHUNK_SAMPLES, t, v, stale, at);
  const r = new BitReader(zeroPadded(buf), buf.length);
  const n = r.readUvarint();
  if (n === 0) return 0;
  if (n > MAX_CHUNK_SAMPLES) throw new ChunkDecodeError(`a sample count of ${n}`);
  const ts = at === 0 ? t : t.subarray(at, at + n);
  readTimestamps(r, ts, n);
  r.checkEnd('timestamps');
  const specials = r.readUvarint();
  if (specials > n) throw new ChunkDecodeError(`${specials} special values in ${n} samples`);
  const idx = specials > 0 ? new Int32Array(specials) : NO_INDEXES;
  const kinds = specials > 0 ? new Uint8Array(specials) : NO_KINDS;
  let last = 0;
  for (let s = 0; s < specials; s++) {
    const gap = r.readUvarint();
    if (s > 0 && gap === 0) throw new ChunkDecodeError('two special values at one sample');
    last += gap;
    if (last >= n) throw new ChunkDecodeError(`a special value at sample ${last} of ${n}`);
    idx[s] = last;
    const kind = r.read(3);
    if (kind === KIND_VALUE || kind >= SPECIAL_VALUE.length)
      throw new ChunkDecodeError(`special value kind ${kind}`);
    kinds[s] = kind;
    r.checkEnd('special values');
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
    else if (mode === MODE_DECIMAL_SCALED) readDecimal(r, vs, nreg, true);
    else if (mode === MODE_XOR) {
      if (isSplitFloat(r)) readSplitFloat(r, vs, nreg);
      else readXor(r, vs, nreg);
    } else throw new ChunkDecodeError(`value mode ${mode}`);
    r.checkEnd('values');
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

/** Verifies and decodes a stored chunk (see chunkBody); throws ChunkDecodeError when it is damaged. */
export function decodeChunk(blob: Uint8Array, requireChecksum = false): DecodedChunk {
  const body = chunkBody(blob, requireChecksum);
  const n = bodyLength(body);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const stale = new Uint8Array(n);
  decodeBodyInto(body, t, v, stale, 0);
  return stale.includes(1) ? { n, t, v, stale } : { n, t, v };
}
