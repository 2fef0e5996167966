// Damaged chunks the store came across: each is skipped where it was read (a query returns the
// intact chunks around it), logged once with its file, table row and series, and counted for
// /metrics (promdesk_store_chunks_corrupt_total). `promdesk check` finds them all without a query.
import type { LabelSet } from '../../../shared/api';

export type ChunkTable = 'chunks' | 'head';

export class ChunkDamage {
  private readonly seen = new Set<string>();
  /** Distinct damaged chunks found since the store opened. */
  count = 0;

  constructor(
    private readonly file: string,
    private readonly log: (msg: string) => void = (m) => console.error(m),
  ) {}

  /** Records a chunk that failed its checksum or its decoding; logs it the first time. */
  report(table: ChunkTable, rowId: number, labels: LabelSet, err: unknown): void {
    const key = `${table}:${rowId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.count++;
    const what = table === 'chunks' ? `chunk ${rowId}` : `open chunk (head row ${rowId})`;
    this.log(
      `store: ${this.file}: ${what} of series ${seriesName(labels)} is damaged and was skipped: ${(err as Error).message}`,
    );
  }

  /** Whether that chunk was reported already. */
  has(table: ChunkTable, rowId: number): boolean {
    return this.seen.has(`${table}:${rowId}`);
  }
}

/** name{a="b"} */
export function seriesName(labels: LabelSet): string {
  const pairs = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${labels.__name__ ?? ''}{${pairs.join(',')}}`;
}
