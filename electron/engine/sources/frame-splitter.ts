// Splits a byte stream into varint-length-delimited frames (prost's encode_length_delimited).
// The partial frame it holds is bounded: a length prefix over the limit (say a 2 GB one from a
// peer that is not speaking this protocol) throws a FrameError before anything is buffered.

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

export class FrameSplitter {
  private buf: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes held (a partial frame). */
  get buffered(): number {
    return this.buf.length;
  }

  /** Adds received bytes; calls `frame` for each complete frame. */
  push(chunk: Uint8Array, frame: (payload: Uint8Array) => void): void {
    let buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    let pos = 0;
    for (;;) {
      // Read the varint length prefix (at most 5 bytes for a 32-bit length).
      let len = 0;
      let mult = 1;
      let i = pos;
      let complete = false;
      while (i < buf.length && i - pos < 10) {
        const b = buf[i++];
        len += (b & 0x7f) * mult;
        mult *= 128;
        if ((b & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete) {
        if (i - pos >= 10) throw new FrameError('invalid length prefix: varint longer than 10 bytes');
        if (len > this.maxFrameBytes) throw tooLong(len, this.maxFrameBytes);
        break;
      }
      if (len > this.maxFrameBytes) throw tooLong(len, this.maxFrameBytes);
      if (i + len > buf.length) break;
      frame(buf.subarray(i, i + len));
      pos = i + len;
    }
    buf = buf.subarray(pos);
    // Copy the rest so the socket's chunk is not kept alive by a small partial frame.
    this.buf = buf.length === 0 ? new Uint8Array(0) : buf.slice();
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}

function tooLong(len: number, max: number): FrameError {
  return new FrameError(
    `frame length prefix ${len} bytes exceeds the limit of ${max} bytes (not a metrics-exporter-tcp stream?)`,
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
