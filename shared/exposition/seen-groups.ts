// The label groups an OpenMetrics family has shown so far, for the rule that samples of one label
// set come together. A family can have 100k groups, and keeping every group's key string alive
// until the family ended had the strict parser spend half its time in the garbage collector. So
// only a 32-bit hash of each group and where the line that had it starts are kept, in typed
// arrays (an open-addressing table: nothing for the collector to trace, nothing allocated per
// group), and on a hash match the earlier line's group is read again from the body and compared,
// so a collision is never taken for a repeat. Each new group lands at a random place of the table:
// read from a 4 MiB table that cost a cache miss per sample (a third of the strict parser's time
// on a 100k-series family), so the probes read a byte-per-slot tag array and the entries beside
// it are only written, and read on a tag match.

/** FNV-1a over a label pair's name, "=" and value: the scanner runs it over the body itself. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;
const EQUALS_SIGN = 61;

/** The hash of one label pair, as the scanner computes it while it reads the pair. */
export function pairHash(name: string, value: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  h = Math.imul(h ^ EQUALS_SIGN, FNV_PRIME);
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * A pair's share of its group's hash. A group's hash is the sum of its pairs' shares: the same
 * whatever order the pairs are written in (murmur3's finalizer spreads each pair's bits first).
 */
export function pairShare(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The smallest table, and the largest a new family clears instead of allocating afresh. */
const MIN_SLOTS = 64;
const KEPT_SLOTS = 1024;
const FEW = 8;

export class SeenGroups {
  /**
   * Per slot a tag from the hash's top bits (0: free). A new group probes only these, one byte
   * a slot: 256 KiB for 100k groups, which the cache holds.
   */
  private tags = new Uint8Array(MIN_SLOTS);
  /** Per slot the hash and the line start, read only when the tag matches. */
  private entries = new Int32Array(2 * MIN_SLOTS);
  private count = 0;
  /** The slots of the first FEW groups. */
  private readonly firstSlots = new Int32Array(FEW);
  private readonly sameAt: (lineStart: number) => boolean;

  /**
   * `sameAt` says whether the sample line starting at a position added before has the group
   * being added now.
   */
  constructor(sameAt: (lineStart: number) => boolean) {
    this.sameAt = sameAt;
  }

  /** Forgets every group: a new family begins. */
  reset(): void {
    const count = this.count;
    if (count === 0) return;
    this.count = 0;
    // Most families have a group or a few: their slots are cleared one by one.
    if (count <= FEW) for (let k = 0; k < count; k++) this.tags[this.firstSlots[k]] = 0;
    else if (this.tags.length <= KEPT_SLOTS) this.tags.fill(0);
    else {
      this.tags = new Uint8Array(MIN_SLOTS);
      this.entries = new Int32Array(2 * MIN_SLOTS);
    }
  }

  /**
   * Adds the group being checked (its hash, seen on the line starting at `lineStart`); false
   * when it was in already.
   */
  add(hash: number, lineStart: number): boolean {
    if (2 * (this.count + 1) > this.tags.length) this.grow();
    const tags = this.tags;
    const mask = tags.length - 1;
    const tag = hash >>> 24 || 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const t = tags[i];
      if (t === 0) {
        tags[i] = tag;
        this.entries[2 * i] = hash;
        this.entries[2 * i + 1] = lineStart;
        if (this.count < FEW) this.firstSlots[this.count] = i;
        this.count++;
        return true;
      }
      if (t === tag && this.entries[2 * i] === hash && this.sameAt(this.entries[2 * i + 1])) return false;
    }
  }

  // Twice the slots, the same entries.
  private grow(): void {
    const oldTags = this.tags;
    const oldEntries = this.entries;
    const tags = new Uint8Array(oldTags.length * 2);
    const entries = new Int32Array(tags.length * 2);
    const mask = tags.length - 1;
    for (let k = 0; k < oldTags.length; k++) {
      if (oldTags[k] === 0) continue;
      let i = oldEntries[2 * k] & mask;
      while (tags[i] !== 0) i = (i + 1) & mask;
      tags[i] = oldTags[k];
      entries[2 * i] = oldEntries[2 * k];
      entries[2 * i + 1] = oldEntries[2 * k + 1];
    }
    this.tags = tags;
    this.entries = entries;
  }
}
