// The parse of a parallel `promdesk import` (import-parallel.ts): reads a byte range of the file
// (whole lines), parses it with the exposition parser (OpenMetrics through import-scan.ts's
// repeated-series fast path) and gathers each series' samples in typed columns. A listener hears
// when the file moves from one series to another, so the caller can hand a series that is likely
// complete to the encoder while the parse goes on.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LabelSet } from '../shared/api';
import { ExpositionError, formatForContentType, scrapeSampleError, seriesLabels } from '../shared/exposition';
import { labelsKey } from '../shared/labels-key';
import { forEachSample } from './engine/scrape/parse-body';
import { pushSample, type SampleColumns } from './engine/store/bulk-writer';
import type { ParseReply, RangeJob } from './import-protocol';
import { scanOpenMetrics } from './import-scan';

/** A line-numbered error of the import's own (no timestamp, an invalid series). */
class LineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function readRange(job: RangeJob): Buffer {
  const eof = job.appendEof ? '# EOF\n' : '';
  const buf = Buffer.allocUnsafe(job.to - job.from + eof.length);
  const fd = openSync(job.file, 'r');
  try {
    let got = 0;
    while (got < job.to - job.from) {
      const n = readSync(fd, buf, got, job.to - job.from - got, job.from + got);
      if (n === 0) throw new Error(`${job.file} changed while being read`);
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  buf.write(eof, job.to - job.from, 'latin1');
  return buf;
}

function sameStrings(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a parse tells as it goes (series by local index). */
export interface ParseListener {
  /** The sample lines moved on from series `idx` (which may come again later). */
  left(idx: number): void;
  /** The parse starts over (the fast path gave up): forget every series told so far. */
  restart(): void;
}

/** One range of an import parsed: parse() once, the series' columns taken as it goes or after. */
export class RangeImport {
  /** This range's series: their keys, labels and sample columns, by local index. */
  private keys: string[] = [];
  private labels: LabelSet[] = [];
  private columns: SampleColumns[] = [];
  /** Each distinct series text as written, and its series' local index. */
  private raws: string[] = [];
  private rawSeries: number[] = [];
  private byRaw = new Map<string, number>();
  private byKey = new Map<string, number>();
  // A file lists a series' samples together: the previous line's series is checked first, which
  // spares building its key.
  private lastName = '';
  private lastFlat: string[] = [];
  private last = -1;
  /** The series of the sample line before (for the listener). */
  private current = -1;

  constructor(
    private readonly job: RangeJob,
    private readonly listener: ParseListener | null = null,
  ) {}

  /** Series `idx`'s key. */
  keyOf(idx: number): string {
    return this.keys[idx];
  }

  /**
   * Series `idx`'s samples gathered since it was last taken, t/v[0, n): the column arrays
   * themselves, valid until the parse goes on (their series starts again empty).
   */
  take(idx: number): { t: Float64Array; v: Float64Array; n: number } {
    const c = this.columns[idx];
    const n = c.n;
    c.n = 0;
    return { t: c.t, v: c.v, n };
  }

  /** Series parsed so far. */
  get seriesCount(): number {
    return this.keys.length;
  }

  private push(idx: number, t: number, v: number): void {
    if (idx !== this.current) {
      if (this.current >= 0) this.listener?.left(this.current);
      this.current = idx;
    }
    pushSample(this.columns[idx], t, v);
  }

  parse(): ParseReply {
    const { job } = this;
    if (formatForContentType(job.contentType) === 'openmetrics') {
      // Lines of series read before skip the parser (import-scan.ts); at an error, or a body it
      // cannot vouch for, the plain parse below reads the range again and tells.
      try {
        const lines = scanOpenMetrics(job, job.contentType, {
          parsed: (name, flat, value, timestampMs, line) => {
            const idx = this.seriesOf(name, flat, timestampMs, line);
            this.push(idx, timestampMs!, value);
            return idx;
          },
          repeat: (idx, value, timestampMs) => this.push(idx, timestampMs, value),
        });
        if (lines >= 0) return this.parsed();
      } catch {
        // the plain parse reports it
      }
      this.reset();
    }
    const bytes = readRange(job);
    try {
      forEachSample(bytes, job.contentType, (name, flat, value, timestampMs, line) => {
        const idx = this.seriesOf(name, flat, timestampMs, line);
        this.push(idx, timestampMs!, value);
      });
    } catch (err) {
      if (err instanceof LineError) return { kind: 'error', line: err.line, reason: err.reason };
      if (err instanceof ExpositionError)
        return { kind: 'error', line: err.line, column: err.column, reason: err.reason };
      return { kind: 'error', message: (err as Error).message };
    }
    return this.parsed();
  }

  private parsed(): ParseReply {
    const { keys, labels, raws, rawSeries } = this;
    return { kind: 'parsed', keys, labels, raws, rawSeries };
  }

  private reset(): void {
    this.keys = [];
    this.labels = [];
    this.columns = [];
    this.raws = [];
    this.rawSeries = [];
    this.byRaw = new Map();
    this.byKey = new Map();
    this.lastName = '';
    this.lastFlat = [];
    this.last = -1;
    this.current = -1;
    this.listener?.restart();
  }

  /** The local index of a sample line's series (made on first sight); throws LineError. */
  private seriesOf(name: string, flat: string[], timestampMs: number | null, line: number): number {
    if (timestampMs === null)
      throw new LineError(line, `sample of ${name} has no timestamp; import needs one on every sample`);
    if (this.last >= 0 && name === this.lastName && sameStrings(flat, this.lastFlat)) return this.last;
    const raw = flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000');
    let idx = this.byRaw.get(raw);
    if (idx === undefined) {
      const invalid = scrapeSampleError(name, flat);
      if (invalid) throw new LineError(line, invalid);
      const sorted = seriesLabels(name, flat);
      const set: LabelSet = {};
      for (let i = 0; i < sorted.length; i += 2) set[sorted[i]] = sorted[i + 1];
      const key = labelsKey(set);
      idx = this.byKey.get(key);
      if (idx === undefined) {
        idx = this.keys.length;
        this.byKey.set(key, idx);
        this.keys.push(key);
        this.labels.push(set);
        this.columns.push({ t: new Float64Array(256), v: new Float64Array(256), n: 0 });
      }
      this.byRaw.set(raw, idx);
      this.raws.push(raw);
      this.rawSeries.push(idx);
    }
    this.last = idx;
    this.lastName = name;
    this.lastFlat = flat.slice(); // a copy: a parser may reuse its array
    return idx;
  }
}
