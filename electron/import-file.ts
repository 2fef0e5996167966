// One file of `promdesk import` (import-command.ts), read in the calling thread: new series go to
// the bulk writer, series the store held before to its appender. import-parallel.ts spreads a
// large file over worker threads and answers the same.
import { readFileSync } from 'node:fs';
import type { LabelSet } from '../shared/api';
import { scrapeSampleError, seriesLabels } from '../shared/exposition';
import { forEachSample } from './engine/scrape/parse-body';
import { openStore } from './engine/store/open-store';
import { BulkWriter, type BulkSeries, type BulkWriterOptions } from './engine/store/bulk-writer';
import { labelsKey } from '../shared/labels-key';
import type { Progress } from './progress';

const BATCH = 50_000;

export type ImportFormat = 'auto' | 'openmetrics' | 'text';

export interface ImportSummary {
  file: string;
  samples: number;
  series: number;
  outOfOrder: number;
  duplicates: number;
  /** Series the store held before the import: their samples went through the head instead. */
  slowPath: number;
}

export class ImportError extends Error {}

/** OpenMetrics when the file ends with the `# EOF` line, else the Prometheus text format. */
export function detectFormat(text: string): 'openmetrics' | 'text' {
  return /(^|\n)# EOF\n?$/.test(text) ? 'openmetrics' : 'text';
}

/** The Content-Type that makes the exposition parser read `fmt`. */
export function contentTypeOf(fmt: 'openmetrics' | 'text'): string {
  return fmt === 'openmetrics' ? 'application/openmetrics-text; version=1.0.0' : 'text/plain; version=0.0.4';
}

/** detectFormat on the file's last bytes only (the file may be hundreds of MB). */
function detectFormatOfBytes(bytes: Buffer): 'openmetrics' | 'text' {
  return detectFormat(bytes.subarray(Math.max(0, bytes.length - 8)).toString('latin1'));
}

function countLines(bytes: Buffer): number {
  let n = 1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** One series as the file spells it: its labels, and where its samples go. */
interface FileSeries {
  labels: LabelSet;
  /** The bulk writer's series, or null for one the store held before the import (slow path). */
  bulk: BulkSeries | null;
}

/**
 * Where an import's samples go: series new to the store go to the bulk writer (closed chunks
 * written directly); series the store already held go through the ordinary appender, whose
 * head applies the store's rules against the stored samples. One session spans all the files.
 */
export class ImportSession {
  readonly bulk: BulkWriter;
  private readonly stored: Set<string>;

  constructor(
    readonly store: ReturnType<typeof openStore>,
    opts: BulkWriterOptions = {},
  ) {
    this.bulk = new BulkWriter(store.db, opts);
    this.stored = new Set(store.db.prepare('SELECT labels FROM series').pluck().all() as string[]);
  }

  /** Series of this key that existed before the import take the slow path. */
  seriesFor(labels: LabelSet): FileSeries {
    const key = labelsKey(labels);
    return { labels, bulk: this.stored.has(key) ? null : this.bulk.series(key) };
  }

  /** Whether the store held a series of this key before the import (its samples take the slow path). */
  heldBefore(key: string): boolean {
    return this.stored.has(key);
  }
}

export function importFile(
  session: ImportSession,
  file: string,
  format: ImportFormat,
  progress: Progress | null,
): ImportSummary {
  const bytes = readFileSync(file);
  const fmt = format === 'auto' ? detectFormatOfBytes(bytes) : format;
  const contentType = contentTypeOf(fmt);
  const totalLines = progress ? countLines(bytes) : 1;
  const cache = new Map<string, FileSeries>();
  const series = new Set<LabelSet>();
  const summary: ImportSummary = { file, samples: 0, series: 0, outOfOrder: 0, duplicates: 0, slowPath: 0 };
  const { store, bulk } = session;
  let app = store.appender();
  let pending = 0;
  let bulkSamples = 0;
  // Files list a series' samples together: the previous line's series is checked first, which
  // spares building its key.
  let lastName = '';
  let lastFlat: string[] = [];
  let last: FileSeries | null = null;
  try {
    forEachSample(bytes, contentType, (name, flat, value, timestampMs, line) => {
      if (timestampMs === null) {
        throw new ImportError(
          `${file}:${line}: sample of ${name} has no timestamp; import needs one on every sample`,
        );
      }
      let fs = last;
      if (fs === null || name !== lastName || !sameStrings(flat, lastFlat)) {
        const raw = flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000');
        fs = cache.get(raw) ?? null;
        if (fs === null) {
          const invalid = scrapeSampleError(name, flat);
          if (invalid) throw new ImportError(`${file}:${line}: ${invalid}`);
          const sorted = seriesLabels(name, flat);
          const labels: LabelSet = {};
          for (let i = 0; i < sorted.length; i += 2) labels[sorted[i]] = sorted[i + 1];
          fs = session.seriesFor(labels);
          cache.set(raw, fs);
          series.add(labels);
          if (fs.bulk === null) summary.slowPath++;
        }
        last = fs;
        lastName = name;
        lastFlat = flat.slice(); // a copy: a parser may reuse its array
      }
      let outcome;
      if (fs.bulk !== null) {
        outcome = bulk.append(fs.bulk, timestampMs, value);
        if (++bulkSamples % BATCH === 0) progress?.update(line / totalLines, summary.samples);
      } else {
        outcome = app.append(fs.labels, timestampMs, value);
        if (++pending >= BATCH) {
          app.commit();
          app = store.appender();
          pending = 0;
          progress?.update(line / totalLines, summary.samples);
        }
      }
      if (outcome === 'ok') summary.samples++;
      else if (outcome === 'out_of_order') summary.outOfOrder++;
      else if (outcome === 'duplicate') summary.duplicates++;
    });
    app.commit();
    bulk.flush(true);
  } catch (err) {
    app.rollback();
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${file}: ${(err as Error).message}`);
  }
  summary.series = series.size;
  progress?.update(1, summary.samples);
  return summary;
}

function sameStrings(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
