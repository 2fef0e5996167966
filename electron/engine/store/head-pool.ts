// The open chunks of every series, each an appendable bit stream (chunk-codec/head-stream.ts,
// a few bytes a sample instead of 17 plain) in shared pages of fixed-size blocks. A chunk is a
// chain of blocks plus a slot of encoder state in typed arrays, and its place is two small
// integers on its series, so an open chunk costs no JS object of its own: with objects per
// chunk, tens of thousands of series made hundreds of thousands of objects for every major GC
// to trace. Blocks freed when a chunk closes are reused by the next chunk to open, and once most
// of the pool stays free, compact() moves the live chains together and gives whole pages back.
import { encodeChunk } from './chunk-codec/chunk';
import {
  HeadEncoders,
  decodeHeadStream,
  headRow,
  streamChunk,
  type BitSink,
} from './chunk-codec/head-stream';

/** Chunks cover aligned windows of this span (2 h, like Prometheus blocks). */
export const CHUNK_SPAN_MS = 2 * 3600 * 1000;

export function windowOf(t: number): number {
  return Math.floor(t / CHUNK_SPAN_MS);
}

/** Bytes a block: a 240-sample chunk of 1 s scrapes takes a dozen or so. */
const BLOCK_SHIFT = 6;
const BLOCK_BYTES = 1 << BLOCK_SHIFT;
const BLOCK_BITS = BLOCK_BYTES * 8;
/** Bytes a page (4096 blocks). */
const PAGE_SHIFT = 18;
const PAGE_BYTES = 1 << PAGE_SHIFT;
/** compact() runs when at least this many pages' worth of blocks are free, and half the pool. */
const COMPACT_MIN_FREE_PAGES = 4;

/** Where a series' open chunk is (fields of the series itself). */
export interface OpenChunk {
  /** Samples in the open chunk; 0 when there is none. */
  headLen: number;
  /** Index of the aligned window the open chunk belongs to (valid while headLen > 0). */
  headWindow: number;
  /** Its slot in the pool (valid while headLen > 0). */
  headSlot: number;
}

export class HeadPool implements BitSink {
  private pages: Uint8Array[] = [];
  /** The block after each block in its chain. */
  private next = new Int32Array(PAGE_BYTES >> BLOCK_SHIFT);
  /** A stack of free blocks (typed: a million of them is 4 MiB outside the JS heap). */
  private freeBlocks = new Int32Array(1024);
  private freeTop = 0;
  /** The fewest free blocks since the last compact() call: those stayed unused all along. */
  private freeLow = 0;
  /** Blocks handed out so far (in use or free): the next new block's number. */
  private blocks = 0;
  /** Per slot: first and current block of its chain (-1: slot free), bits written. */
  private first = new Int32Array(0);
  private last = new Int32Array(0);
  private bits = new Int32Array(0);
  private freeSlots: number[] = [];
  private slots = 0;
  private readonly enc = new HeadEncoders(this);
  /** A chain's bytes gathered for decoding. */
  private buf = new Uint8Array(4096);
  private scratch = { t: new Float64Array(512), v: new Float64Array(512), s: new Uint8Array(512) };

  /** Appends a sample to h's open chunk (the caller checks order and sets headWindow). */
  append(h: OpenChunk, t: number, v: number, stale: boolean): void {
    if (h.headLen === 0) h.headSlot = this.openSlot();
    this.enc.append(h.headSlot, t, v, stale);
    h.headLen++;
  }

  /** @internal (BitSink) Appends the low n bits of `bits` (n ≤ 24) to slot's chain. */
  writeBits(slot: number, bits: number, n: number): void {
    let pos = this.bits[slot];
    this.bits[slot] = pos + n;
    const start = pos & (BLOCK_BITS - 1);
    if ((start !== 0 || pos === 0) && start + n <= BLOCK_BITS) {
      // Inside the current block: OR the bits into the (up to four) bytes they cover.
      const a = (this.last[slot] << BLOCK_SHIFT) + (start >>> 3);
      const page = this.pages[a >>> PAGE_SHIFT];
      const o = a & (PAGE_BYTES - 1);
      const end = (start & 7) + n;
      const word = ((bits & ((1 << n) - 1)) << (32 - end)) >>> 0;
      page[o] |= word >>> 24;
      if (end > 8) page[o + 1] = (word >>> 16) & 255;
      if (end > 16) page[o + 2] = (word >>> 8) & 255;
      if (end > 24) page[o + 3] = word & 255;
      return;
    }
    while (n > 0) {
      const off = pos & (BLOCK_BITS - 1);
      if (off === 0 && pos > 0) {
        const b = this.alloc();
        this.next[this.last[slot]] = b;
        this.last[slot] = b;
      }
      const a = (this.last[slot] << BLOCK_SHIFT) + (off >>> 3);
      const room = 8 - (off & 7);
      const take = n < room ? n : room;
      this.pages[a >>> PAGE_SHIFT][a & (PAGE_BYTES - 1)] |=
        ((bits >>> (n - take)) & ((1 << take) - 1)) << (room - take);
      n -= take;
      pos += take;
    }
  }

  /** Timestamp of the open chunk's first sample (headLen > 0). */
  minT(h: OpenChunk): number {
    return this.enc.minT(h.headSlot);
  }

  /** Timestamp of the open chunk's newest sample (headLen > 0). */
  maxT(h: OpenChunk): number {
    return this.enc.maxT(h.headSlot);
  }

  /**
   * Copies the samples with mint ≤ t ≤ maxt into t/v/stale from index `at` (the arrays need room
   * for all h.headLen samples there); returns how many.
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
    const n = h.headLen;
    if (n === 0 || this.enc.maxT(h.headSlot) < mint || this.enc.minT(h.headSlot) > maxt) return 0;
    const len = this.gather(h.headSlot);
    decodeHeadStream(this.buf, len, n, t, v, stale, at);
    if (t[at] >= mint && t[at + n - 1] <= maxt) return n;
    let k = at;
    for (let i = at; i < at + n; i++) {
      const ti = t[i];
      if (ti < mint) continue;
      if (ti > maxt) break;
      t[k] = ti;
      v[k] = v[i];
      stale[k] = stale[i];
      k++;
    }
    return k - at;
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

  /**
   * The open chunk as a closed chunk of the stream format (head-stream.ts), its bytes as they
   * are: closing costs a copy, not a decode and an encode (compaction writes the compact format).
   */
  closedChunk(h: OpenChunk): Uint8Array {
    const len = this.gather(h.headSlot);
    return streamChunk(h.headLen, this.buf, len);
  }

  /** The open chunk's stream as a `head` row (head-stream.ts), its bytes as they are. */
  row(h: OpenChunk): Uint8Array {
    const len = this.gather(h.headSlot);
    return headRow(h.headLen, this.buf, len);
  }

  /** Frees h's blocks and slot; h has no open chunk after. */
  release(h: OpenChunk): void {
    if (h.headLen === 0) return;
    const slot = h.headSlot;
    let b = this.first[slot];
    for (let left = this.blockCount(slot); left > 0; left--) {
      this.pushFree(b);
      b = this.next[b];
    }
    this.first[slot] = -1;
    this.freeSlots.push(slot);
    h.headLen = 0;
    h.headSlot = -1;
  }

  /** Bytes of stream storage allocated (in use or free for reuse). */
  get bytes(): number {
    return this.pages.length * PAGE_BYTES;
  }

  /**
   * When most of the pool has stayed free since the last call (a large target gone), moves the
   * live chains into as few pages as they need and drops the rest, so the memory goes back.
   * Slots stay put, so series need no update. Returns the pages given back. The store calls it
   * at each checkpoint.
   */
  compact(): number {
    // Blocks freed since the last call may be taken again soon (at a steady rate of scrapes,
    // chunks close and reopen in waves), so only those free all along count.
    const free = this.freeLow;
    this.freeLow = this.freeTop;
    if (free < COMPACT_MIN_FREE_PAGES * (PAGE_BYTES >> BLOCK_SHIFT) || free * 2 < this.blocks) return 0;
    const oldPages = this.pages;
    const oldNext = this.next;
    this.pages = [];
    this.next = new Int32Array(PAGE_BYTES >> BLOCK_SHIFT);
    this.freeTop = 0;
    this.freeLow = 0;
    this.blocks = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      let from = this.first[slot];
      if (from < 0) continue;
      let prev = -1;
      for (let left = this.blockCount(slot); left > 0; left--) {
        const b = this.alloc();
        const src = from << BLOCK_SHIFT;
        const dst = b << BLOCK_SHIFT;
        this.pages[dst >>> PAGE_SHIFT].set(
          oldPages[src >>> PAGE_SHIFT].subarray(
            src & (PAGE_BYTES - 1),
            (src & (PAGE_BYTES - 1)) + BLOCK_BYTES,
          ),
          dst & (PAGE_BYTES - 1),
        );
        if (prev < 0) this.first[slot] = b;
        else this.next[prev] = b;
        prev = b;
        from = oldNext[from];
      }
      this.last[slot] = prev;
    }
    return oldPages.length - this.pages.length;
  }

  /** Blocks in slot's chain. */
  private blockCount(slot: number): number {
    const bits = this.bits[slot];
    return bits === 0 ? 1 : Math.ceil(bits / BLOCK_BITS);
  }

  /** Copies slot's stream into this.buf (which it may replace), zeros after it; returns its length in bytes. */
  private gather(slot: number): number {
    const len = (this.bits[slot] + 7) >>> 3;
    if (this.buf.length < len + 4) {
      let cap = this.buf.length;
      while (cap < len + 4) cap *= 2;
      this.buf = new Uint8Array(cap);
    }
    const buf = this.buf;
    let b = this.first[slot];
    for (let p = 0; p < len; p += BLOCK_BYTES) {
      const a = b << BLOCK_SHIFT;
      const page = this.pages[a >>> PAGE_SHIFT];
      const o = a & (PAGE_BYTES - 1);
      const k = len - p < BLOCK_BYTES ? len - p : BLOCK_BYTES;
      for (let i = 0; i < k; i++) buf[p + i] = page[o + i];
      b = this.next[b];
    }
    buf[len] = buf[len + 1] = buf[len + 2] = buf[len + 3] = 0;
    return len;
  }

  private openSlot(): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots++;
      if (slot >= this.first.length) {
        const cap = Math.max(64, this.first.length * 2);
        const grow = (a: Int32Array) => {
          const g = new Int32Array(cap);
          g.set(a);
          return g;
        };
        this.first = grow(this.first);
        this.last = grow(this.last);
        this.bits = grow(this.bits);
        this.enc.grow(cap);
      }
    }
    const b = this.alloc();
    this.first[slot] = b;
    this.last[slot] = b;
    this.bits[slot] = 0;
    this.enc.reset(slot);
    return slot;
  }

  private pushFree(b: number): void {
    if (this.freeTop === this.freeBlocks.length) {
      const grown = new Int32Array(this.freeBlocks.length * 2);
      grown.set(this.freeBlocks);
      this.freeBlocks = grown;
    }
    this.freeBlocks[this.freeTop++] = b;
  }

  /** A zeroed block. */
  private alloc(): number {
    if (this.freeTop > 0) {
      const reused = this.freeBlocks[--this.freeTop];
      if (this.freeTop < this.freeLow) this.freeLow = this.freeTop;
      const a = reused << BLOCK_SHIFT;
      const o = a & (PAGE_BYTES - 1);
      this.pages[a >>> PAGE_SHIFT].fill(0, o, o + BLOCK_BYTES);
      return reused;
    }
    const b = this.blocks++;
    if ((b << BLOCK_SHIFT) >>> PAGE_SHIFT === this.pages.length) this.pages.push(new Uint8Array(PAGE_BYTES));
    if (b === this.next.length) {
      const grown = new Int32Array(this.next.length * 2);
      grown.set(this.next);
      this.next = grown;
    }
    return b;
  }
}
