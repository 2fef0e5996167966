// A minimal protobuf writer and the prometheus.WriteRequest encoding the remote_write sender
// sends: TimeSeries (field 1) of Labels (1: name, 2: value) and Samples (1: double, 2: int64 ms).
// Concatenated WriteRequests are one valid WriteRequest, so queued records merge by concatenation.

const STALE_NAN_BITS = 0x7ff0000000000002n;
const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  varint(v: number): this {
    this.reserve(10);
    if (v < 0 || !Number.isSafeInteger(v)) {
      // Negative int64: ten bytes of two's complement.
      let b = BigInt.asUintN(64, BigInt(Math.trunc(v)));
      do {
        const low = Number(b & 0x7fn);
        b >>= 7n;
        this.buf[this.len++] = low | (b > 0n ? 0x80 : 0);
      } while (b > 0n);
      return this;
    }
    while (v > 0x7f) {
      this.buf[this.len++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  bytes(field: number, data: Uint8Array): this {
    return this.tag(field, 2).varint(data.length).raw(data);
  }

  /** Bytes already in wire format. */
  raw(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8.encode(s));
  }

  double(field: number, v: number, stale = false): this {
    this.tag(field, 1);
    this.reserve(8);
    if (stale) this.view.setBigUint64(this.len, STALE_NAN_BITS, true);
    else this.view.setFloat64(this.len, v, true);
    this.len += 8;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** The Label fields of a TimeSeries, encoded once per series (pairs sorted by name). */
export function encodeLabels(pairs: readonly (readonly [string, string])[]): Uint8Array {
  const w = new ProtoWriter();
  for (const [n, v] of pairs) w.bytes(1, new ProtoWriter().string(1, n).string(2, v).finish());
  return w.finish();
}

export interface OutSample {
  t: number;
  v: number;
  stale: boolean;
}

/** One WriteRequest of series given as pre-encoded labels and their samples. */
export function encodeWriteRequest(
  series: readonly { labels: Uint8Array; samples: OutSample[] }[],
): Uint8Array {
  const w = new ProtoWriter();
  for (const s of series) {
    const ts = new ProtoWriter();
    ts.raw(s.labels);
    for (const smp of s.samples) {
      ts.bytes(2, new ProtoWriter().double(1, smp.v, smp.stale).tag(2, 0).varint(smp.t).finish());
    }
    w.bytes(1, ts.finish());
  }
  return w.finish();
}
