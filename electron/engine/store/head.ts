// A series' open chunk, in memory and uncompressed: appends are a typed-array store, reads a
// slice. It is encoded once, when it closes (window end or size cap) or for a head checkpoint.
import { encodeChunk } from './chunk-codec/chunk';

/** Chunks cover aligned windows of this span (2 h, like Prometheus blocks). */
export const CHUNK_SPAN_MS = 2 * 3600 * 1000;

export class HeadChunk {
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array;
  len = 0;

  constructor(
    /** Index of the aligned window this chunk belongs to (floor(t / span)). */
    readonly window: number,
    capacity = 16,
  ) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
    this.stale = new Uint8Array(capacity);
  }

  append(t: number, v: number, stale: boolean): void {
    if (this.len === this.t.length) this.grow();
    this.t[this.len] = t;
    this.v[this.len] = v;
    this.stale[this.len] = stale ? 1 : 0;
    this.len++;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    const v = new Float64Array(cap);
    const s = new Uint8Array(cap);
    t.set(this.t);
    v.set(this.v);
    s.set(this.stale);
    this.t = t;
    this.v = v;
    this.stale = s;
  }

  get minT(): number {
    return this.t[0];
  }

  get maxT(): number {
    return this.t[this.len - 1];
  }

  encode(): Uint8Array {
    return encodeChunk(this.t, this.v, this.stale, this.len);
  }

  /** Index of the first sample with t ≥ ts (binary search). */
  lowerBound(ts: number): number {
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid] < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function windowOf(t: number): number {
  return Math.floor(t / CHUNK_SPAN_MS);
}
