// MSB-first bit writer and reader over bytes. Fields are at most 24 bits per call so the
// arithmetic stays inside 32-bit integers; wider values (up to 2^53) go through writeWide.
import { ChunkDecodeError } from './decode-error';

const TWO24 = 16777216;
/** Bytes of a uvarint below 2^53 (7 bits each); a longer one is not one this writer wrote. */
const MAX_UVARINT_BYTES = 8;

export class BitWriter {
  private buf = new Uint8Array(256);
  private len: number;
  private acc = 0;
  private nacc = 0;

  /** `reserve` bytes at the start are left for a header the caller fills in after finish(). */
  constructor(reserve = 0) {
    this.len = reserve;
  }

  /** Writes the low n bits of bits (0 ≤ n ≤ 24). */
  write(bits: number, n: number): void {
    if (n === 0) return;
    this.acc = (this.acc << n) | (bits & ((1 << n) - 1));
    this.nacc += n;
    while (this.nacc >= 8) {
      this.nacc -= 8;
      this.push((this.acc >>> this.nacc) & 0xff);
    }
    this.acc &= (1 << this.nacc) - 1;
  }

  /** Writes a non-negative integer value < 2^n, n ≤ 53. */
  writeWide(value: number, n: number): void {
    if (n <= 24) return this.write(value, n);
    const hi = Math.floor(value / TWO24);
    this.writeWide(hi, n - 24);
    this.write(value - hi * TWO24, 24);
  }

  /** Unsigned LEB-style varint in the bit stream (7 bits + continuation), for values < 2^53. */
  writeUvarint(value: number): void {
    while (value >= 128) {
      this.write(0x80 | (value % 128), 8);
      value = Math.floor(value / 128);
    }
    this.write(value, 8);
  }

  writeVarint(value: number): void {
    this.writeUvarint(zigzag(value));
  }

  private push(byte: number): void {
    if (this.len === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = byte;
  }

  get bitLength(): number {
    return this.len * 8 + this.nacc;
  }

  finish(): Uint8Array {
    if (this.nacc > 0) this.write(0, 8 - this.nacc);
    return this.buf.slice(0, this.len);
  }
}

export class BitReader {
  pos = 0;
  /** Bits of input. Reads past it return zeros, so decoders call checkEnd() in their loops. */
  readonly end: number;

  /** The input (decoders with a hot loop read it directly, see readRice). */
  readonly bytes: Uint8Array;

  /** `length`: bytes of buf that are input (the rest, zeros, lets loads run past the end). */
  constructor(
    private readonly buf: Uint8Array,
    length = buf.length,
  ) {
    this.bytes = buf;
    this.end = length * 8;
  }

  /** Throws when reading has gone past the end of the input. */
  checkEnd(what: string): void {
    if (this.pos > this.end) throw new ChunkDecodeError(`the data ends inside its ${what}`);
  }

  /** The next 24 bits without consuming them (zeros past the end). */
  peek24(): number {
    const b = this.buf;
    const i = this.pos >>> 3;
    const word = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    return (word << (this.pos & 7)) >>> 8;
  }

  read(n: number): number {
    if (n === 0) return 0;
    const v = this.peek24() >>> (24 - n);
    this.pos += n;
    return v;
  }

  readWide(n: number): number {
    if (n <= 24) return this.read(n);
    const hi = this.readWide(n - 24);
    return hi * TWO24 + this.read(24);
  }

  readUvarint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_UVARINT_BYTES; i++) {
      const byte = this.read(8);
      value += (byte & 0x7f) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
    throw new ChunkDecodeError(`a number runs past ${MAX_UVARINT_BYTES} bytes`);
  }

  readVarint(): number {
    return unzigzag(this.readUvarint());
  }
}

/** Signed → unsigned (0, -1, 1, -2 … → 0, 1, 2, 3 …), exact for |v| < 2^52. */
export function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

export function unzigzag(z: number): number {
  if (z < 0x80000000) return (z >>> 1) ^ -(z & 1);
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

/** Number of bits needed for a non-negative integer < 2^53 (0 for 0). */
export function bitLength(v: number): number {
  if (v < 0x100000000) return 32 - Math.clz32(v);
  return 32 + bitLength(Math.floor(v / 0x100000000));
}

/** Bits BitWriter.writeUvarint takes for z (a cost estimate for encoders choosing a form). */
export function uvarintBits(z: number): number {
  let bytes = 1;
  while (z >= 128) {
    z = Math.floor(z / 128);
    bytes++;
  }
  return 8 * bytes;
}
