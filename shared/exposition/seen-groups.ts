// The label groups an OpenMetrics family has shown so far, for the rule that samples of one label
// set come together. A family can have 100k groups, and keeping every group's key string alive
// until the family ended had the strict parser spend half its time in the garbage collector. So
// only a 32-bit hash of each group and where the line that had it starts are kept, in typed
// arrays (an open-addressing table: nothing for the collector to trace, nothing allocated per
// group), and on a hash match the earlier line's group is read again from the body and compared,
// so a collision is never taken for a repeat. Each entry carries its family's number: a new
// family forgets the groups before it without clearing the table.

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

export class SeenGroups {
  private hashes = new Int32Array(64);
  private starts = new Int32Array(64);
  /** The family number of each slot's entry; 0 for a slot never used. */
  private owners = new Int32Array(64);
  private family = 1;
  private count = 0;
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
    this.family++;
    this.count = 0;
  }

  /**
   * Adds the group being checked (its hash, seen on the line starting at `lineStart`); false
   * when it was in already.
   */
  add(hash: number, lineStart: number): boolean {
    if (2 * (this.count + 1) > this.owners.length) this.grow();
    const owners = this.owners;
    const mask = owners.length - 1;
    const family = this.family;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      if (owners[i] !== family) {
        owners[i] = family;
        this.hashes[i] = hash;
        this.starts[i] = lineStart;
        this.count++;
        return true;
      }
      if (this.hashes[i] === hash && this.sameAt(this.starts[i])) return false;
    }
  }

  // Twice the slots, with this family's entries only.
  private grow(): void {
    const { hashes, starts, owners, family } = this;
    const size = owners.length * 2;
    const mask = size - 1;
    this.hashes = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.owners = new Int32Array(size);
    for (let k = 0; k < owners.length; k++) {
      if (owners[k] !== family) continue;
      let i = hashes[k] & mask;
      while (this.owners[i] === family) i = (i + 1) & mask;
      this.owners[i] = family;
      this.hashes[i] = hashes[k];
      this.starts[i] = starts[k];
    }
  }
}
