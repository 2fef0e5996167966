// A large import file spread over threads, one byte range each, cut between two families: this
// thread parses the first range while import-worker.ts threads parse the others, then each
// encodes the closed chunks of the series only its range has. This thread takes the series that
// cross ranges or that the store held before (their samples in file order), and writes everything
// in one transaction once every range parsed. So a bad line leaves nothing of its file stored,
// and its error reads as importFile's: the line counted from the start of the file.
import { availableParallelism } from 'node:os';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LabelSet } from '../shared/api';
import type { EncodedChunks, ImportCounts } from './engine/store/bulk-writer';
import {
  ImportError,
  contentTypeOf,
  detectFormat,
  importFile,
  type ImportFormat,
  type ImportSession,
  type ImportSummary,
} from './import-file';
import type { FinishRequest, ParseReply, RangeJob, RawColumns, WorkerMessage } from './import-protocol';
import { RangeImport } from './import-range';
import type { Progress } from './progress';

export interface ParallelOptions {
  /** Threads reading the file, this one included (default: the cores, at most 2); below 2, importFile. */
  workers?: number;
  /** Files smaller than this are read in this thread (a worker costs ~50 ms to start). */
  minBytes?: number;
}

/** Samples the slow path (the store's appender) commits at a time, as importFile. */
const BATCH = 50_000;

/**
 * importFile's answer and effect for one file, the work spread over threads when the file
 * is large and can be cut; otherwise importFile itself.
 */
export async function importFileParallel(
  session: ImportSession,
  file: string,
  format: ImportFormat,
  progress: Progress | null,
  opts: ParallelOptions = {},
): Promise<ImportSummary> {
  const parts = Math.min(opts.workers ?? Math.min(2, availableParallelism()), 8);
  const plan = parts >= 2 ? planRanges(file, format, parts, opts.minBytes ?? 8 << 20) : null;
  if (plan === null) return importFile(session, file, format, progress);
  const jobs = plan.cuts.slice(0, -1).map((from, i): RangeJob => ({
    file,
    from,
    to: plan.cuts[i + 1],
    appendEof: plan.fmt === 'openmetrics' && i < plan.cuts.length - 2,
    contentType: contentTypeOf(plan.fmt),
    checkNul: plan.fmt === 'text',
  }));
  // The first range is this thread's; the others' threads start first, to parse beside it.
  const local = new LocalRange(jobs[0]);
  const ranges: Range[] = [local, ...jobs.slice(1).map((job) => new RangeWorker(job))];
  try {
    local.parse();
    const replies = await Promise.all(ranges.map((r) => r.next<ParseReply>()));
    let lineOffset = 0;
    for (const r of replies) {
      if (r.kind === 'fallback' || (r.kind === 'error' && plan.fmt === 'text')) {
        // A NUL in text, or an error in text (which a cut inside a multi-line label value could
        // cause): the whole file in this thread tells.
        return importFile(session, file, format, progress);
      }
      if (r.kind === 'error') {
        if (r.line === undefined) throw new ImportError(`${file}: ${r.message}`);
        const line = r.line + lineOffset;
        throw new ImportError(
          r.column === undefined
            ? `${file}:${line}: ${r.reason}`
            : `${file}: line ${line}, column ${r.column}: ${r.reason}`,
        );
      }
      lineOffset += r.lines;
    }
    return await finish(
      session,
      file,
      ranges,
      replies as Extract<ParseReply, { kind: 'parsed' }>[],
      progress,
    );
  } finally {
    for (const r of ranges) void r.stop();
  }
}

export interface Plan {
  fmt: 'openmetrics' | 'text';
  /** Range starts, then the file's size. */
  cuts: number[];
}

/** Where to cut the file, or null to read it in this thread. */
export function planRanges(file: string, format: ImportFormat, parts: number, minBytes: number): Plan | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null; // importFile reports it as it always has
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < minBytes) return null;
    const size = st.size;
    const tail = Buffer.alloc(Math.min(8, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const fmt = format === 'auto' ? detectFormat(tail.toString('latin1')) : format;
    const cuts = [0];
    for (let k = 1; k < parts; k++) {
      const cut = cutNear(fd, Math.floor((size * k) / parts), size);
      if (cut === null || cut <= cuts[cuts.length - 1]) return null;
      cuts.push(cut);
    }
    cuts.push(size);
    return { fmt, cuts };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where to cut near `mid`: the start of the "# HELP" / "# TYPE" line nearest it that opens a new
 * family (the line before is a sample), looked for in a small window and then a wider one; else
 * the start of the line nearest it. Never after "# EOF" (the error for data after it must see
 * that data), nor at the file's ends.
 */
function cutNear(fd: number, mid: number, size: number): number | null {
  for (const reach of [256 << 10, 4 << 20]) {
    const from = Math.max(0, mid - reach);
    const buf = Buffer.allocUnsafe(Math.min(size, mid + reach) - from);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, from)).toString('latin1');
    let family: number | null = null;
    let line: number | null = null;
    const nearer = (at: number, best: number | null) =>
      at > 0 && at < size && (best === null || Math.abs(at - mid) < Math.abs(best - mid));
    for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
      const prevStart = text.lastIndexOf('\n', i - 1) + 1;
      if (prevStart === 0 && from > 0) continue; // the line before starts outside the window
      if (text.startsWith('# EOF', prevStart)) continue;
      const at = from + i + 1;
      if (nearer(at, line)) line = at;
      const opens = text.startsWith('# HELP ', i + 1) || text.startsWith('# TYPE ', i + 1);
      if (opens && text.charCodeAt(prevStart) !== 35 /* # */ && nearer(at, family)) family = at;
    }
    if (family !== null) return family;
    const whole = from === 0 && from + text.length === size;
    if (line !== null && (whole || reach > 256 << 10)) return line;
  }
  return null;
}

/** A range's replies in order (WorkerMessage), from a worker thread or this one. */
interface Range {
  next<M extends WorkerMessage>(): Promise<M>;
  send(req: FinishRequest): void;
  stop(): Promise<number>;
}

/** The range this thread parses and encodes itself, between its waits for the workers. */
class LocalRange implements Range {
  private readonly range: RangeImport;
  private readonly inbox: WorkerMessage[] = [];

  constructor(job: RangeJob) {
    this.range = new RangeImport(job);
  }

  parse(): void {
    this.inbox.push(this.range.parse());
  }

  next<M extends WorkerMessage>(): Promise<M> {
    const m = this.inbox.shift();
    return m === undefined ? Promise.reject(new Error('no reply from this range')) : Promise.resolve(m as M);
  }

  send(req: FinishRequest): void {
    const { raw, enc, counts } = this.range.finish(req);
    this.inbox.push({ kind: 'raw', raw }, { kind: 'encoded', enc, counts });
  }

  stop(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** A worker thread for one range, its messages taken in order. */
class RangeWorker implements Range {
  private readonly worker: Worker;
  private readonly inbox: WorkerMessage[] = [];
  private waiting: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;

  constructor(job: RangeJob) {
    const url = import.meta.url.endsWith('.ts')
      ? new URL('./import-worker.ts', import.meta.url)
      : new URL('./import-worker.mjs', import.meta.url);
    // Under tsx (the tests) the worker runs the TypeScript source: Node 20 does not apply the
    // parent's loader to a worker's entry, so a tiny bootstrap registers tsx first.
    this.worker = url.href.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true, workerData: job },
        )
      : new Worker(url, { workerData: job });
    this.worker.on('message', (m: WorkerMessage) => {
      if (this.waiting) {
        this.waiting.resolve(m);
        this.waiting = null;
      } else this.inbox.push(m);
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      this.waiting?.reject(err);
      this.waiting = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`an import thread stopped (exit code ${code})`)));
  }

  next<M extends WorkerMessage>(): Promise<M> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m as M);
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<M>((resolve, reject) => (this.waiting = { resolve: resolve as never, reject }));
  }

  send(req: FinishRequest): void {
    this.worker.postMessage(req);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** A series as the whole file has it: where its samples are, and whether this thread appends them. */
interface FileSeries {
  key: string;
  labels: LabelSet;
  /** [range, local index] of each range holding it, in file order. */
  at: [number, number][];
}

async function finish(
  session: ImportSession,
  file: string,
  ranges: Range[],
  replies: Extract<ParseReply, { kind: 'parsed' }>[],
  progress: Progress | null,
): Promise<ImportSummary> {
  const byKey = new Map<string, FileSeries>();
  const rawTexts = new Set<string>();
  let slowPath = 0;
  replies.forEach((r, range) => {
    r.keys.forEach((key, idx) => {
      let fs = byKey.get(key);
      if (fs === undefined) byKey.set(key, (fs = { key, labels: r.labels[idx], at: [] }));
      fs.at.push([range, idx]);
    });
    r.raws.forEach((raw, i) => {
      if (rawTexts.has(raw)) return;
      rawTexts.add(raw);
      if (session.heldBefore(r.keys[r.rawSeries[i]])) slowPath++;
    });
  });
  // Series in more than one range, or held by the store before: their columns come here.
  const mine = [...byKey.values()].filter((fs) => fs.at.length > 1 || session.heldBefore(fs.key));
  // The workers first: they encode while this thread does its own range's share.
  ranges.toReversed().forEach((r, i) => {
    const range = ranges.length - 1 - i;
    const send: number[] = [];
    for (const fs of mine) for (const [rg, idx] of fs.at) if (rg === range) send.push(idx);
    const tails: FinishRequest['tails'] = [];
    replies[range].keys.forEach((key, idx) => {
      const tail = session.bulk.tailOf(key);
      if (tail !== undefined) tails.push([idx, tail.lastT, tail.lastV]);
    });
    r.send({ tails, send });
  });
  const raw = await Promise.all(ranges.map((r) => r.next<Extract<WorkerMessage, { kind: 'raw' }>>()));
  const columns = raw.map((m) => new Map<number, RawColumns>(m.raw.map((c) => [c.idx, c])));
  const encoded = await Promise.all(ranges.map((r) => r.next<Extract<WorkerMessage, { kind: 'encoded' }>>()));

  const counts: ImportCounts = { samples: 0, outOfOrder: 0, duplicates: 0 };
  const { bulk, store } = session;
  bulk.atomically(() => {
    for (const { enc, counts: c } of encoded) {
      bulk.writeEncoded(enc as EncodedChunks);
      add(counts, c);
      bulk.stats.outOfOrder += c.outOfOrder;
      bulk.stats.duplicates += c.duplicates;
    }
    for (const fs of mine) {
      if (session.heldBefore(fs.key)) continue;
      const s = bulk.series(fs.key);
      for (const [rg, idx] of fs.at) {
        const { t, v, n } = columns[rg].get(idx)!;
        for (let i = 0; i < n; i++) count(counts, bulk.append(s, t[i], v[i]));
      }
    }
    bulk.flush(true);
  });
  // Series the store held before: through its appender, as importFile sends them.
  let app = store.appender();
  let pending = 0;
  try {
    for (const fs of mine) {
      if (!session.heldBefore(fs.key)) continue;
      for (const [rg, idx] of fs.at) {
        const { t, v, n } = columns[rg].get(idx)!;
        for (let i = 0; i < n; i++) {
          count(counts, app.append(fs.labels, t[i], v[i]));
          if (++pending >= BATCH) {
            app.commit();
            app = store.appender();
            pending = 0;
          }
        }
      }
    }
    app.commit();
  } catch (err) {
    app.rollback();
    throw new ImportError(`${file}: ${(err as Error).message}`);
  }
  progress?.update(1, counts.samples);
  return {
    file,
    samples: counts.samples,
    series: rawTexts.size,
    outOfOrder: counts.outOfOrder,
    duplicates: counts.duplicates,
    slowPath,
  };
}

function add(to: ImportCounts, c: ImportCounts): void {
  to.samples += c.samples;
  to.outOfOrder += c.outOfOrder;
  to.duplicates += c.duplicates;
}

function count(to: ImportCounts, outcome: string): void {
  if (outcome === 'ok') to.samples++;
  else if (outcome === 'out_of_order') to.outOfOrder++;
  else if (outcome === 'duplicate') to.duplicates++;
}
