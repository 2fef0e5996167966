// A protobuf wire-format reader for the few messages remote write needs. It reads fields one at
// a time, skips unknown ones by wire type, and throws ProtoError on anything truncated or malformed.

export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ProtoReader {
  private pos: number;
  private end: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
    private readonly view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength),
  ) {
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's tag: its number and wire type. */
  tag(): { field: number; wire: number } {
    const t = this.rawTag();
    return { field: Math.floor(t / 8), wire: t % 8 };
  }

  /** The next field's tag as one number, field * 8 + wire (the hot path's tag(), no object). */
  rawTag(): number {
    const t = this.varint();
    if (t < 8) throw new ProtoError(`protobuf: field number 0 at byte ${this.pos}`);
    return t;
  }

  /**
   * Narrows the reader to the length-delimited field that follows (a nested message), without
   * a reader of its own; returns the outer end, to hand to leave() once the message is read.
   */
  enter(): number {
    const len = this.varint();
    if (len > this.end - this.pos) throw new ProtoError(`protobuf: length ${len} runs past the message`);
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Skips what is left of the message enter() narrowed to and widens back to `outer`. */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  /** The byte offset of the next read (for error messages). */
  get offset(): number {
    return this.pos;
  }

  /** An unsigned varint as a number (exact up to 2^53; larger values lose low bits). */
  varint(): number {
    if (this.pos < this.end && this.buf[this.pos] < 0x80) return this.buf[this.pos++];
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('protobuf: truncated varint');
      const b = this.buf[this.pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
    throw new ProtoError(`protobuf: varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** An int64 varint (two's complement) as a number. */
  int64(): number {
    const start = this.pos;
    const v = this.varint();
    // Ten-byte varints are negative int64s: read them again exactly with BigInt.
    if (this.pos - start < 10) return v;
    let b = 0n;
    for (let i = 0; i < 10; i++) b |= BigInt(this.buf[start + i] & 0x7f) << BigInt(7 * i);
    return Number(BigInt.asIntN(64, b));
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('protobuf: truncated double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** The little-endian uint32 `at` bytes ahead, without moving (0 when past the end). */
  peekUint32(at: number): number {
    return this.pos + at + 4 <= this.end ? this.view.getUint32(this.pos + at, true) : 0;
  }

  /** The raw 64 bits of a double field, high word first (to recognize NaN payloads). */
  doubleBits(): { hi: number; lo: number; value: number } {
    if (this.pos + 8 > this.end) throw new ProtoError('protobuf: truncated double');
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return { hi, lo, value };
  }

  /** A length-delimited field's extent, as a reader over just those bytes. */
  message(): ProtoReader {
    const { start, end } = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end, this.view);
  }

  string(): string {
    const { start, end } = this.lengthDelimited();
    // Label names and values are short and mostly ASCII: build those without TextDecoder.
    if (end - start <= 64) {
      let s = '';
      let i = start;
      for (; i < end; i++) {
        const c = this.buf[i];
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === end) return s;
    }
    try {
      return utf8.decode(this.buf.subarray(start, end));
    } catch {
      throw new ProtoError(`protobuf: invalid UTF-8 in a string at byte ${start}`);
    }
  }

  /** Skips a field of the given wire type (unknown fields, fields Promdesk does not use). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        throw new ProtoError(`protobuf: unsupported wire type ${wire} at byte ${this.pos}`);
    }
  }

  /** Checks a known field's wire type, so a mismatched sender fails clearly instead of misreading. */
  expect(wire: number, want: number, what: string): void {
    if (wire !== want) throw new ProtoError(`protobuf: ${what} has wire type ${wire}, expected ${want}`);
  }

  private lengthDelimited(): { start: number; end: number } {
    const len = this.varint();
    const start = this.pos;
    if (len > this.end - start) throw new ProtoError(`protobuf: length ${len} runs past the message`);
    this.pos = start + len;
    return { start, end: this.pos };
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError('protobuf: truncated fixed-width field');
    this.pos += n;
  }
}
