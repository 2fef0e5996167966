// One byte range of a parallel `promdesk import` (import-parallel.ts drives it, in the main thread
// or an import-worker.ts thread). It reads its range of the file (whole lines), parses it with the
// exposition parser and gathers each series' samples in typed columns. Then, told which series
// are its own (in no other range, new to the store), it applies the append rules to them and
// encodes their closed chunks, packed into transferable buffers; the other series' columns go to
// the main thread as they are.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LabelSet } from '../shared/api';
import { ExpositionError, formatForContentType, scrapeSampleError, seriesLabels } from '../shared/exposition';
import { labelsKey } from '../shared/labels-key';
import { forEachSample } from './engine/scrape/parse-body';
import {
  acceptInPlace,
  cutRows,
  encodeRow,
  pushSample,
  type EncodedChunks,
  type ImportCounts,
  type SampleColumns,
} from './engine/store/bulk-writer';
import type { FinishRequest, ParseReply, RangeJob, RawColumns } from './import-protocol';
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

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function sameStrings(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One range of a parallel import, in whichever thread runs it: parse() once, then finish() with
 * the main thread's answer.
 */
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

  constructor(private readonly job: RangeJob) {}

  parse(): ParseReply {
    const { job } = this;
    if (formatForContentType(job.contentType) === 'openmetrics') {
      // Lines of series read before skip the parser (import-scan.ts); at an error, or a body it
      // cannot vouch for, the plain parse below reads the range again and tells.
      try {
        const lines = scanOpenMetrics(job, job.contentType, {
          parsed: (name, flat, value, timestampMs, line) => {
            const idx = this.seriesOf(name, flat, timestampMs, line);
            pushSample(this.columns[idx], timestampMs!, value);
            return idx;
          },
          repeat: (idx, value, timestampMs) => pushSample(this.columns[idx], timestampMs, value),
        });
        if (lines >= 0) return this.parsed(lines);
      } catch {
        // the plain parse reports it
      }
      this.reset();
    }
    const bytes = readRange(job);
    const size = job.to - job.from;
    // The text format ends a body silently at a NUL starting a record: only a parse of the whole
    // file can tell where, so a range holding a NUL is left to it.
    if (job.checkNul && bytes.indexOf(0) >= 0) return { kind: 'fallback', lines: countNewlines(bytes, size) };
    const lines = countNewlines(bytes, size);
    try {
      forEachSample(bytes, job.contentType, (name, flat, value, timestampMs, line) => {
        const idx = this.seriesOf(name, flat, timestampMs, line);
        pushSample(this.columns[idx], timestampMs!, value);
      });
    } catch (err) {
      if (err instanceof LineError) return { kind: 'error', lines, line: err.line, reason: err.reason };
      if (err instanceof ExpositionError)
        return { kind: 'error', lines, line: err.line, column: err.column, reason: err.reason };
      return { kind: 'error', lines, message: (err as Error).message };
    }
    return this.parsed(lines);
  }

  private parsed(lines: number): ParseReply {
    const { keys, labels, raws, rawSeries } = this;
    return { kind: 'parsed', lines, keys, labels, raws, rawSeries };
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

  /**
   * The columns the main thread takes (`req.send`), and the closed chunks of the others encoded
   * and packed for a transfer.
   */
  finish(req: FinishRequest): { raw: RawColumns[]; enc: EncodedChunks; counts: ImportCounts } {
    const { keys, columns } = this;
    const raw: RawColumns[] = req.send.map((idx) => {
      const { t, v, n } = columns[idx];
      return { idx, t, v, n };
    });
    const counts: ImportCounts = { samples: 0, outOfOrder: 0, duplicates: 0 };
    const series: EncodedChunks['series'] = [];
    let minT = new Float64Array(1024);
    let maxT = new Float64Array(1024);
    let ends = new Uint32Array(1024);
    let bytes = new Uint8Array(1 << 20);
    let chunks = 0;
    let used = 0;
    const tails = new Map(req.tails.map(([idx, lastT, lastV]) => [idx, { lastT, lastV }]));
    const skip = new Set(req.send);
    for (let idx = 0; idx < columns.length; idx++) {
      if (skip.has(idx)) continue;
      const { t, v, n } = columns[idx];
      const tail = tails.get(idx) ?? { lastT: -Infinity, lastV: NaN };
      const kept = acceptInPlace(tail, t, v, n, counts);
      const first = chunks;
      cutRows(t, kept, true, (start, end) => {
        const data = encodeRow(t, v, start, end);
        if (chunks === ends.length) {
          minT = grow(minT, new Float64Array(chunks * 2));
          maxT = grow(maxT, new Float64Array(chunks * 2));
          ends = grow(ends, new Uint32Array(chunks * 2));
        }
        if (used + data.length > bytes.length)
          bytes = grow(bytes, new Uint8Array(Math.max(bytes.length * 2, used + data.length)));
        bytes.set(data, used);
        used += data.length;
        minT[chunks] = t[start];
        maxT[chunks] = t[end - 1];
        ends[chunks] = used;
        chunks++;
        return data.length;
      });
      series.push({ key: keys[idx], lastT: tail.lastT, lastV: tail.lastV, chunks: chunks - first });
    }
    return {
      raw,
      enc: {
        series,
        minT: minT.slice(0, chunks),
        maxT: maxT.slice(0, chunks),
        ends: ends.slice(0, chunks),
        bytes: bytes.slice(0, used),
      },
      counts,
    };
  }
}

function grow<A extends Float64Array | Uint32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
