// The label groups an OpenMetrics family has shown so far, for the rule that samples of one label
// set come together. A family can have 100k groups, and keeping every group's key string alive
// until the family ended had the strict parser spend half its time in the garbage collector. So
// only a 32-bit hash of each key and where the line that had it starts are kept (numbers in a
// Map: nothing for the collector to trace), and on a hash match the earlier line's key is derived
// again from the body, so a collision is never taken for a repeat.

export class SeenGroups {
  private readonly byHash = new Map<number, number | number[]>();
  private readonly keyAt: (lineStart: number) => string;

  /** `keyAt` gives the group key of the sample line starting at a position added before. */
  constructor(keyAt: (lineStart: number) => string) {
    this.keyAt = keyAt;
  }

  /** Adds `key`, seen on the line starting at `lineStart`; false when it was already in. */
  add(key: string, lineStart: number): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    const at = this.byHash.get(h);
    if (at === undefined) {
      this.byHash.set(h, lineStart);
      return true;
    }
    if (typeof at === 'number') {
      if (this.keyAt(at) === key) return false;
      this.byHash.set(h, [at, lineStart]);
      return true;
    }
    for (const start of at) if (this.keyAt(start) === key) return false;
    at.push(lineStart);
    return true;
  }
}
