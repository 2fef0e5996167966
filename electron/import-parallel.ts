// A large import file parsed by this thread while a worker thread (import-worker.ts) encodes. The
// parse (import-range.ts) tells when the file moves on from a series: a series new to the store
// then has its samples put through the append rules here and goes to the worker, which encodes
// its closed chunks while the parse goes on (files list a series' samples together, so it is
// usually complete). A series that comes again later stays here from then on and goes at the end,
// after the tail its first samples left. Series the store held before go through its appender, as
// importFile sends them. Each thread warms up (JIT) only its own half of the code, parse or encode.
// Everything is written in one transaction once the whole file parsed, so a bad line leaves
// nothing of its file stored, and its error reads as importFile's.
import { availableParallelism } from 'node:os';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { acceptInPlace, type ImportCounts, type SeriesTail } from './engine/store/bulk-writer';
import {
  ImportError,
  contentTypeOf,
  detectFormat,
  importFile,
  type ImportFormat,
  type ImportSession,
  type ImportSummary,
} from './import-file';
import type { EncodeReply, EncodeRequest, ParseReply } from './import-protocol';
import { RangeImport, type ParseListener } from './import-range';
import type { Progress } from './progress';

export interface ParallelOptions {
  /** Threads, this one included (default: the cores, at most 2); below 2, importFile alone. */
  workers?: number;
  /** Files smaller than this are read by importFile alone (a worker costs ~50 ms to start). */
  minBytes?: number;
  /** An encoder startEncoder started (the caller stops it); by default one of the file's own. */
  encoder?: Encoder | null;
}

/** Samples the slow path (the store's appender) commits at a time, as importFile. */
const BATCH = 50_000;

/**
 * importFile's answer and effect for one file, the encoding done by a worker thread beside the
 * parse when the file is large; otherwise importFile itself.
 */
export async function importFileParallel(
  session: ImportSession,
  file: string,
  format: ImportFormat,
  progress: Progress | null,
  opts: ParallelOptions = {},
): Promise<ImportSummary> {
  const probe = probeFile(file, format, opts);
  if (probe === null) return importFile(session, file, format, progress);
  const encoder = opts.encoder ?? new Encoder();
  try {
    return await parseBesideEncoder(session, file, probe, encoder, progress);
  } catch (err) {
    encoder.post({ kind: 'restart' }); // the next file starts clean
    throw err;
  } finally {
    if (!opts.encoder) void encoder.stop();
  }
}

/**
 * The encoder thread for importing `files`, started now (it boots while the caller opens the
 * store) when one of them is large enough to use it; null when none is. The caller stops it.
 */
export function startEncoder(
  files: string[],
  format: ImportFormat,
  opts: ParallelOptions = {},
): Encoder | null {
  return files.some((f) => probeFile(f, format, opts) !== null) ? new Encoder() : null;
}

interface Probe {
  fmt: 'openmetrics' | 'text';
  size: number;
}

/** The file's size and format, or null to leave it to importFile (small, empty or unreadable, or one thread). */
function probeFile(file: string, format: ImportFormat, opts: ParallelOptions): Probe | null {
  if ((opts.workers ?? Math.min(2, availableParallelism())) < 2) return null;
  const minBytes = opts.minBytes ?? 8 << 20;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null; // importFile reports it as it always has
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < Math.max(1, minBytes)) return null;
    const tail = Buffer.alloc(Math.min(8, st.size));
    readSync(fd, tail, 0, tail.length, st.size - tail.length);
    return { fmt: format === 'auto' ? detectFormat(tail.toString('latin1')) : format, size: st.size };
  } finally {
    closeSync(fd);
  }
}

async function parseBesideEncoder(
  session: ImportSession,
  file: string,
  probe: Probe,
  encoder: Encoder,
  progress: Progress | null,
): Promise<ImportSummary> {
  const { bulk, store } = session;
  let counts: ImportCounts = { samples: 0, outOfOrder: 0, duplicates: 0 };
  /** The tail of each series sent to the encoder, by local index. */
  let sent = new Map<number, SeriesTail>();
  /** Series that came again after being sent: the rest of their samples goes at the end. */
  let again = new Set<number>();
  let held: boolean[] = [];
  const heldBefore = (idx: number) => (held[idx] ??= session.heldBefore(range.keyOf(idx)));
  /** The samples of series idx gathered since it was last sent, through the append rules, to the encoder. */
  const send = (idx: number) => {
    const key = range.keyOf(idx);
    const { t, v, n } = range.take(idx);
    let tail = sent.get(idx);
    if (tail === undefined) {
      const before = bulk.tailOf(key); // an earlier file of the import had it
      tail = { lastT: before?.lastT ?? -Infinity, lastV: before?.lastV ?? NaN };
      sent.set(idx, tail);
    }
    const kept = acceptInPlace(tail, t, v, n, counts);
    if (kept === 0) return;
    // Shared memory: the worker reads the samples where they are (a copy here, none in the
    // message, nothing for its heap to collect).
    const both = new Float64Array(new SharedArrayBuffer(kept * 16));
    both.set(t.subarray(0, kept));
    both.set(v.subarray(0, kept), kept);
    const { lastT, lastV } = tail;
    encoder.post({ kind: 'series', key, t: both.subarray(0, kept), v: both.subarray(kept), lastT, lastV });
  };
  const listener: ParseListener = {
    left(idx) {
      if (heldBefore(idx) || again.has(idx)) return;
      if (sent.has(idx)) again.add(idx);
      else send(idx);
    },
    restart() {
      counts = { samples: 0, outOfOrder: 0, duplicates: 0 };
      sent = new Map();
      again = new Set();
      held = [];
      encoder.post({ kind: 'restart' });
    },
  };
  const job = { file, from: 0, to: probe.size, appendEof: false, contentType: contentTypeOf(probe.fmt) };
  const range = new RangeImport(job, listener);
  const r = range.parse();
  if (r.kind !== 'parsed') throw parseError(file, r);
  for (let idx = 0; idx < range.seriesCount; idx++) if (!heldBefore(idx)) send(idx);
  encoder.post({ kind: 'end' });
  const { enc } = await encoder.reply();
  bulk.atomically(() => {
    bulk.writeEncoded(enc);
    bulk.stats.outOfOrder += counts.outOfOrder;
    bulk.stats.duplicates += counts.duplicates;
  });
  // Series the store held before: through its appender, as importFile sends them.
  let app = store.appender();
  let pending = 0;
  try {
    for (let idx = 0; idx < range.seriesCount; idx++) {
      if (!heldBefore(idx)) continue;
      const labels = r.labels[idx];
      const { t, v, n } = range.take(idx);
      for (let i = 0; i < n; i++) {
        count(counts, app.append(labels, t[i], v[i]));
        if (++pending >= BATCH) {
          app.commit();
          app = store.appender();
          pending = 0;
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
    series: r.raws.length,
    outOfOrder: counts.outOfOrder,
    duplicates: counts.duplicates,
    slowPath: r.rawSeries.filter(heldBefore).length,
  };
}

/** The error importFile reports for the parse's `r`. */
function parseError(file: string, r: Exclude<ParseReply, { kind: 'parsed' }>): ImportError {
  if (r.line === undefined) return new ImportError(`${file}: ${r.message}`);
  return new ImportError(
    r.column === undefined
      ? `${file}:${r.line}: ${r.reason}`
      : `${file}: line ${r.line}, column ${r.column}: ${r.reason}`,
  );
}

function count(to: ImportCounts, outcome: string): void {
  if (outcome === 'ok') to.samples++;
  else if (outcome === 'out_of_order') to.outOfOrder++;
  else if (outcome === 'duplicate') to.duplicates++;
}

/** The encoding worker thread: requests posted in order, a reply to each 'end' awaited in turn. */
class Encoder {
  private readonly worker: Worker;
  private readonly replies: EncodeReply[] = [];
  private waiting: { resolve: (m: EncodeReply) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;

  constructor() {
    const url = import.meta.url.endsWith('.ts')
      ? new URL('./import-worker.ts', import.meta.url)
      : new URL('./import-worker.mjs', import.meta.url);
    // Under tsx (the tests) the worker runs the TypeScript source: Node 20 does not apply the
    // parent's loader to a worker's entry, so a tiny bootstrap registers tsx first.
    this.worker = url.href.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(url);
    this.worker.on('message', (m: EncodeReply) => {
      if (this.waiting) this.waiting.resolve(m);
      else this.replies.push(m);
      this.waiting = null;
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      this.waiting?.reject(err);
      this.waiting = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`an import thread stopped (exit code ${code})`)));
  }

  post(req: EncodeRequest): void {
    this.worker.postMessage(req);
  }

  reply(): Promise<EncodeReply> {
    const m = this.replies.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
