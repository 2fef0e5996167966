// Closed chunks already decoded, kept for the next select that reads them (a dashboard
// refreshing the same hours decodes each closed chunk once, not on every refresh). Bounded by
// bytes, least recently used out. A closed chunk's row never changes, only goes: the store forgets
// a row its connection deleted or updated (a row id SQLite may hand out again) before it selects.
// A chunk is kept the second time it is decoded, so a one-off read (an export, a query over old
// data) pays no copy and evicts nothing.

export interface DecodedChunk {
  t: Float64Array;
  v: Float64Array;
  /** Staleness flags, or null when the chunk has none. */
  stale: Uint8Array | null;
}

/** What an entry costs beyond its arrays (objects, map slot). */
const ENTRY_OVERHEAD = 200;
/** Row ids decoded once and not kept yet, at most (then forgotten, all at once). */
const MAX_SEEN = 1 << 17;

export class DecodedChunks {
  /** Oldest use first (a hit moves its entry to the end). */
  private readonly byId = new Map<number, DecodedChunk>();
  private bytes = 0;
  private readonly seenOnce = new Set<number>();

  constructor(private readonly maxBytes: number) {}

  /** The samples of chunk `id`, marked as just used. */
  get(id: number): DecodedChunk | undefined {
    const e = this.byId.get(id);
    if (e === undefined) return undefined;
    this.byId.delete(id);
    this.byId.set(id, e);
    return e;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Drops chunk `id` (its row was deleted or changed). */
  forget(id: number): void {
    const e = this.byId.get(id);
    if (e) this.drop(id, e);
    this.seenOnce.delete(id);
  }

  /** Keeps copies of samples [from, from + n) of t/v/stale (the second time chunk `id` is decoded). */
  put(id: number, t: Float64Array, v: Float64Array, stale: Uint8Array, from: number, n: number): void {
    const size = n * 16 + ENTRY_OVERHEAD;
    if (size > this.maxBytes) return;
    if (!this.seenOnce.delete(id)) {
      if (this.seenOnce.size >= MAX_SEEN) this.seenOnce.clear();
      this.seenOnce.add(id);
      return;
    }
    const old = this.byId.get(id);
    if (old) this.drop(id, old);
    let flags: Uint8Array | null = null;
    for (let i = from; i < from + n; i++) {
      if (stale[i]) {
        flags = stale.slice(from, from + n);
        break;
      }
    }
    const e: DecodedChunk = {
      t: t.slice(from, from + n),
      v: v.slice(from, from + n),
      stale: flags,
    };
    this.byId.set(id, e);
    this.bytes += size + (flags ? n : 0);
    for (const [oldest, x] of this.byId) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest, x);
    }
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes;
  }

  get count(): number {
    return this.byId.size;
  }

  private drop(id: number, e: DecodedChunk): void {
    this.byId.delete(id);
    this.bytes -= e.t.length * 16 + ENTRY_OVERHEAD + (e.stale ? e.stale.length : 0);
  }
}
