// A minimal protobuf wire-format reader (varints, fixed64 doubles, length-delimited fields),
// enough for the metrics-exporter-tcp Event stream. Every read is bounds-checked and throws a
// ProtobufError naming the offset, so garbage never reads past a frame.

export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export class ProtoReader {
  pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** An unsigned varint as a number (exact up to 2^53, approximate beyond). */
  varint(): number {
    let result = 0;
    let mult = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufError(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * mult;
      if ((b & 0x80) === 0) return result;
      mult *= 128;
    }
    throw new ProtobufError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** Field number and wire type of the next field. */
  tag(): { field: number; wire: number } {
    const t = this.varint();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (field === 0) throw new ProtobufError(`field number 0 at byte ${this.pos}`);
    return { field, wire };
  }

  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    const len = this.varint();
    this.need(len);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    try {
      return utf8.decode(this.bytes());
    } catch {
      throw new ProtobufError(`invalid UTF-8 in a string field before byte ${this.pos}`);
    }
  }

  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_I64) this.advance(8);
    else if (wire === WIRE_LEN) this.bytes();
    else if (wire === WIRE_I32) this.advance(4);
    else throw new ProtobufError(`unsupported wire type ${wire} before byte ${this.pos}`);
  }

  expect(wire: number, got: number, field: string): void {
    if (wire !== got) throw new ProtobufError(`field ${field} has wire type ${got}, expected ${wire}`);
  }

  private advance(n: number): void {
    this.need(n);
    this.pos += n;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new ProtobufError(`truncated field: ${n} bytes needed at byte ${this.pos} of ${this.buf.length}`);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
