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
  /** Slots of three: the family number (0: never used), the hash, the line start. */
  private slots: Int32Array;
  private family = 1;
  private count = 0;
  private readonly sameAt: (lineStart: number) => boolean;

  /**
   * `sameAt` says whether the sample line starting at a position added before has the group
   * being added now. `expected` is how many groups one family may well have (the table grows
   * past it).
   */
  constructor(sameAt: (lineStart: number) => boolean, expected = 32) {
    this.sameAt = sameAt;
    let size = 64;
    while (size < 2 * expected && size < 1 << 20) size *= 2;
    this.slots = new Int32Array(3 * size);
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
    if (6 * (this.count + 1) > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    const family = this.family;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const at = 3 * i;
      if (slots[at] !== family) {
        slots[at] = family;
        slots[at + 1] = hash;
        slots[at + 2] = lineStart;
        this.count++;
        return true;
      }
      if (slots[at + 1] === hash && this.sameAt(slots[at + 2])) return false;
    }
  }

  // Twice the slots, with this family's entries only.
  private grow(): void {
    const old = this.slots;
    const family = this.family;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 3 - 1;
    for (let k = 0; k < old.length; k += 3) {
      if (old[k] !== family) continue;
      let i = old[k + 1] & mask;
      while (slots[3 * i] === family) i = (i + 1) & mask;
      slots[3 * i] = family;
      slots[3 * i + 1] = old[k + 1];
      slots[3 * i + 2] = old[k + 2];
    }
    this.slots = slots;
  }
}
