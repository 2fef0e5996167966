// Metric metadata (TYPE, HELP, UNIT per metric family) learned from scrapes, for
// /api/v1/metadata. Kept in memory like Prometheus's scrape cache: unique entries per name.
import { ownString } from './scrape/own-string';

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

/** A name's unique entries, and the one its last scrape gave (most scrapes repeat it). */
interface NameEntries {
  last: MetadataEntry;
  all: Map<string, MetadataEntry>;
}

export class MetadataCache {
  private readonly byName = new Map<string, NameEntries>();
  /** Families of the body being read, completed at the end of each scrape. */
  private readonly pending = new Map<string, MetadataEntry>();
  /** The one sink (scrapes read their bodies one at a time, each between sink() and done()). */
  private readonly scrapeSink: MetadataSink & { done(): void };

  constructor() {
    const entry = (name: string) => {
      let e = this.pending.get(name);
      if (!e) this.pending.set(name, (e = { type: 'unknown', help: '', unit: '' }));
      return e;
    };
    this.scrapeSink = {
      type: (name, type) => (entry(name).type = type === 'untyped' ? 'unknown' : type),
      help: (name, text) => (entry(name).help = text),
      unit: (name, unit) => (entry(name).unit = unit),
      done: () => {
        for (const [name, e] of this.pending) this.add(name, e);
        this.pending.clear();
      },
    };
  }

  /** A sink for one scrape; call `done()` when the body has been read. */
  sink(): MetadataSink & { done(): void } {
    this.pending.clear();
    return this.scrapeSink;
  }

  add(name: string, e: MetadataEntry): void {
    let n = this.byName.get(name);
    // The same entry as last time for this name: known, no key to build.
    if (n !== undefined && n.last.type === e.type && n.last.help === e.help && n.last.unit === e.unit) return;
    if (n === undefined) {
      if (this.byName.size >= MAX_NAMES) return;
      // Kept strings are copied out of the scrape body (a slice would keep the whole body).
      this.byName.set(ownString(name), (n = { last: e, all: new Map() }));
    }
    const k = `${e.type}\u0000${e.help}\u0000${e.unit}`;
    let kept = n.all.get(k);
    if (kept === undefined) {
      kept = { type: ownString(e.type), help: ownString(e.help), unit: ownString(e.unit) };
      n.all.set(k, kept);
    }
    n.last = kept;
  }

  /** Names in sorted order with their unique entries. */
  list(): [string, MetadataEntry[]][] {
    return [...this.byName.keys()].sort().map((n) => [n, [...this.byName.get(n)!.all.values()]]);
  }
}
