// Metric metadata (TYPE, HELP, UNIT per metric family) learned from scrapes, for
// /api/v1/metadata. Kept in memory like Prometheus's scrape cache: unique entries per name.

/** Receives a scrape's metadata lines (forEachSample's optional callbacks). */
export interface MetadataSink {
  type(name: string, type: string): void;
  help(name: string, text: string): void;
  unit(name: string, unit: string): void;
}

export interface MetadataEntry {
  type: string;
  help: string;
  unit: string;
}

const MAX_NAMES = 100_000;

export class MetadataCache {
  private readonly byName = new Map<string, Map<string, MetadataEntry>>();
  /** Families of the body being read, completed at the end of each scrape. */
  private pending = new Map<string, MetadataEntry>();

  /** A sink for one scrape; call `done()` when the body has been read. */
  sink(): MetadataSink & { done(): void } {
    this.pending = new Map();
    const entry = (name: string) => {
      let e = this.pending.get(name);
      if (!e) this.pending.set(name, (e = { type: 'unknown', help: '', unit: '' }));
      return e;
    };
    return {
      type: (name, type) => (entry(name).type = type === 'untyped' ? 'unknown' : type),
      help: (name, text) => (entry(name).help = text),
      unit: (name, unit) => (entry(name).unit = unit),
      done: () => {
        for (const [name, e] of this.pending) this.add(name, e);
        this.pending = new Map();
      },
    };
  }

  add(name: string, e: MetadataEntry): void {
    let m = this.byName.get(name);
    if (!m) {
      if (this.byName.size >= MAX_NAMES) return;
      this.byName.set(name, (m = new Map()));
    }
    const k = `${e.type}\u0000${e.help}\u0000${e.unit}`;
    if (!m.has(k)) m.set(k, { ...e });
  }

  /** Names in sorted order with their unique entries. */
  list(): [string, MetadataEntry[]][] {
    return [...this.byName.keys()].sort().map((n) => [n, [...this.byName.get(n)!.values()]]);
  }
}
