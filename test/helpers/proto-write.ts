// Hand-built protobuf for tests: a tiny wire-format writer and a prometheus.WriteRequest encoder.

export class ProtoWriter {
  private readonly bytes: number[] = [];

  varint(v: number | bigint): this {
    let b = BigInt.asUintN(64, BigInt(v));
    do {
      const low = Number(b & 0x7fn);
      b >>= 7n;
      this.bytes.push(low | (b > 0n ? 0x80 : 0));
    } while (b > 0n);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const x of data) this.bytes.push(x);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }

  double(field: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.tag(field, 1);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  /** A double given by its raw bits (for NaN payloads such as StaleNaN). */
  doubleBits(field: number, bits: bigint): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, bits, true);
    this.tag(field, 1);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  raw(...xs: number[]): this {
    this.bytes.push(...xs);
    return this;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.bytes);
  }
}

export const STALE_NAN_BITS = 0x7ff0000000000002n;

export interface TestSeries {
  labels: [string, string][];
  samples: { t: number; v?: number; staleBits?: boolean }[];
  histograms?: number;
}

export function encodeWriteRequest(series: TestSeries[]): Uint8Array<ArrayBuffer> {
  const w = new ProtoWriter();
  for (const s of series) {
    const ts = new ProtoWriter();
    for (const [n, v] of s.labels) ts.bytesField(1, new ProtoWriter().string(1, n).string(2, v).finish());
    for (const smp of s.samples) {
      const sw = new ProtoWriter();
      if (smp.staleBits) sw.doubleBits(1, STALE_NAN_BITS);
      else sw.double(1, smp.v ?? 0);
      sw.tag(2, 0).varint(smp.t);
      ts.bytesField(2, sw.finish());
    }
    for (let i = 0; i < (s.histograms ?? 0); i++)
      ts.bytesField(4, new ProtoWriter().tag(15, 0).varint(1).finish());
    w.bytesField(1, ts.finish());
  }
  return w.finish();
}
