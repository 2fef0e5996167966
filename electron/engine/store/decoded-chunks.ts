// Closed chunks already decoded, kept for the next select that reads them (a dashboard
// refreshing the same hours decodes each closed chunk once, not on every refresh). Bounded by
// bytes, least recently used out. An entry serves a row only when the row's blob is byte for
// byte the one it was decoded from, so a row id SQLite hands out again after a delete, or a page
// damaged since, never yields another chunk's samples: it misses and is read (and checked) anew.
// A chunk is kept the second time it is decoded, so a one-off read (an export, a query over old
// data) pays no copy and evicts nothing.

export interface DecodedChunk {
  /** The stored blob the samples were decoded from (a copy). */
  blob: Buffer;
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

  /** The samples of chunk `id` when they were decoded from exactly `blob`. */
  get(id: number, blob: Uint8Array): DecodedChunk | undefined {
    const e = this.byId.get(id);
    if (e === undefined) return undefined;
    if (e.blob.length !== blob.length || !e.blob.equals(blob)) {
      this.drop(id, e);
      return undefined;
    }
    this.byId.delete(id);
    this.byId.set(id, e);
    return e;
  }

  /** Keeps copies of samples [from, from + n) of t/v/stale, decoded from `blob` (the second time). */
  put(
    id: number,
    blob: Uint8Array,
    t: Float64Array,
    v: Float64Array,
    stale: Uint8Array,
    from: number,
    n: number,
  ): void {
    const size = blob.length + n * 16 + ENTRY_OVERHEAD;
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
      blob: Buffer.from(blob),
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

  /** Bytes held (for tests and self metrics). */
  get size(): number {
    return this.bytes;
  }

  private drop(id: number, e: DecodedChunk): void {
    this.byId.delete(id);
    this.bytes -= e.blob.length + e.t.length * 16 + ENTRY_OVERHEAD + (e.stale ? e.stale.length : 0);
  }
}
