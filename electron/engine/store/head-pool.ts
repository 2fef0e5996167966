// The open chunks of every series, uncompressed, in shared pages of fixed-size blocks. A chunk
// is a chain of blocks whose place is four small integers on its series, so an open chunk costs
// no JS object of its own: with three typed arrays (and their ArrayBuffers) per series, tens of
// thousands of series made hundreds of thousands of objects for every major GC to trace, and
// each growth of a chunk left old ones behind as old-space garbage. Blocks freed when a chunk
// closes are reused by the next chunk to open, so memory follows the samples held.
import { encodeChunk } from './chunk-codec/chunk';

/** Chunks cover aligned windows of this span (2 h, like Prometheus blocks). */
export const CHUNK_SPAN_MS = 2 * 3600 * 1000;

export function windowOf(t: number): number {
  return Math.floor(t / CHUNK_SPAN_MS);
}

/** Samples a block. */
const BLOCK = 32;
const BLOCK_SHIFT = 5;
/** Samples a page (512 blocks): 128 KiB of timestamps, as much of values, 16 KiB of flags. */
const PAGE_SHIFT = 14;
const PAGE = 1 << PAGE_SHIFT;

/** Where a series' open chunk is (fields of the series itself). */
export interface OpenChunk {
  /** Samples in the open chunk; 0 when there is none. */
  headLen: number;
  /** Index of the aligned window the open chunk belongs to (valid while headLen > 0). */
  headWindow: number;
  /** First and last block of its chain. */
  headFirst: number;
  headLast: number;
}

export class HeadPool {
  private readonly tPages: Float64Array[] = [];
  private readonly vPages: Float64Array[] = [];
  private readonly sPages: Uint8Array[] = [];
  /** The block after each block in its chain. */
  private next = new Int32Array(PAGE >> BLOCK_SHIFT);
  private readonly free: number[] = [];
  private blocks = 0;
  private scratch = { t: new Float64Array(512), v: new Float64Array(512), s: new Uint8Array(512) };

  /** Appends a sample to h's open chunk (the caller checks order and sets headWindow). */
  append(h: OpenChunk, t: number, v: number, stale: boolean): void {
    const i = h.headLen & (BLOCK - 1);
    if (i === 0) {
      const b = this.alloc();
      if (h.headLen === 0) h.headFirst = b;
      else this.next[h.headLast] = b;
      h.headLast = b;
    }
    const a = (h.headLast << BLOCK_SHIFT) + i;
    const p = a >>> PAGE_SHIFT;
    const o = a & (PAGE - 1);
    this.tPages[p][o] = t;
    this.vPages[p][o] = v;
    this.sPages[p][o] = stale ? 1 : 0;
    h.headLen++;
  }

  /** Timestamp of the open chunk's first sample (headLen > 0). */
  minT(h: OpenChunk): number {
    const a = h.headFirst << BLOCK_SHIFT;
    return this.tPages[a >>> PAGE_SHIFT][a & (PAGE - 1)];
  }

  /** Timestamp of the open chunk's newest sample (headLen > 0). */
  maxT(h: OpenChunk): number {
    const a = (h.headLast << BLOCK_SHIFT) + ((h.headLen - 1) & (BLOCK - 1));
    return this.tPages[a >>> PAGE_SHIFT][a & (PAGE - 1)];
  }

  /**
   * Copies the samples with mint ≤ t ≤ maxt into t/v/stale from index `at`; returns how many.
   * Samples are in time order, so whole blocks before mint are skipped by their first timestamp.
   */
  copyRange(
    h: OpenChunk,
    mint: number,
    maxt: number,
    t: Float64Array,
    v: Float64Array,
    stale: Uint8Array,
    at: number,
  ): number {
    let n = 0;
    let left = h.headLen;
    for (let b = h.headFirst; left > 0; b = this.next[b]) {
      const len = left < BLOCK ? left : BLOCK;
      left -= len;
      const a = b << BLOCK_SHIFT;
      const p = a >>> PAGE_SHIFT;
      const o = a & (PAGE - 1);
      const tp = this.tPages[p];
      // A block wholly before mint is skipped on its last timestamp.
      if (tp[o + len - 1] < mint) continue;
      const vp = this.vPages[p];
      const sp = this.sPages[p];
      for (let i = o; i < o + len; i++) {
        const ti = tp[i];
        if (ti < mint) continue;
        if (ti > maxt) return n;
        t[at + n] = ti;
        v[at + n] = vp[i];
        stale[at + n] = sp[i];
        n++;
      }
    }
    return n;
  }

  /** The open chunk, encoded as a closed chunk. */
  encode(h: OpenChunk): Uint8Array {
    const n = h.headLen;
    if (this.scratch.t.length < n) {
      let cap = this.scratch.t.length;
      while (cap < n) cap *= 2;
      this.scratch = { t: new Float64Array(cap), v: new Float64Array(cap), s: new Uint8Array(cap) };
    }
    const { t, v, s } = this.scratch;
    this.copyRange(h, -Infinity, Infinity, t, v, s, 0);
    return encodeChunk(t, v, s, n);
  }

  /** Frees h's blocks; h has no open chunk after. */
  release(h: OpenChunk): void {
    let left = h.headLen;
    for (let b = h.headFirst; left > 0; b = this.next[b]) {
      this.free.push(b);
      left -= BLOCK;
    }
    h.headLen = 0;
    h.headFirst = -1;
    h.headLast = -1;
  }

  /** Bytes of sample storage allocated (in use or free for reuse). */
  get bytes(): number {
    return this.tPages.length * PAGE * 17;
  }

  private alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const b = this.blocks++;
    if ((b << BLOCK_SHIFT) >>> PAGE_SHIFT === this.tPages.length) {
      this.tPages.push(new Float64Array(PAGE));
      this.vPages.push(new Float64Array(PAGE));
      this.sPages.push(new Uint8Array(PAGE));
    }
    if (b === this.next.length) {
      const grown = new Int32Array(this.next.length * 2);
      grown.set(this.next);
      this.next = grown;
    }
    return b;
  }
}
