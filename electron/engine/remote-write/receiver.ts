// The remote write 1.0 receiver behind POST /api/v1/write: snappy, then protobuf, then label
// checks for the whole request, then the samples are stored. Status codes as Prometheus uses
// them: 204 stored; 400 for bad data (never retried by senders); 413 too large; 500 when the
// store fails (retryable). Out-of-order, duplicate and out-of-bounds samples are counted and
// dropped. A big request (500k series) is read series by series, twice: a first pass checks
// every series so bad data stores nothing; the second stores them in slices of at most
// sliceSamples samples, one commit each, yielding the thread between slices so the scrapes that
// share it keep their intervals. Memory is the decompressed body plus one slice. The reply
// comes after the last slice is committed.
import type { Appender, CommittedSamples } from '../store/types';
import { labelsKey } from '../../../shared/labels-key';
import { SnappyBlockDecoder, SnappyError } from './snappy';
import { ProtoError } from './proto-reader';
import { WriteRequestReader, emptySeries } from './write-request';
import { remoteSeriesLabels } from './series-labels';

/** Largest body accepted, compressed (HTTP thread) and decompressed (here). */
export const REMOTE_WRITE_MAX_BYTES = 32 * 1024 * 1024;

/** Samples stored per commit; between commits the thread runs whatever else is due. */
export const REMOTE_WRITE_SLICE_SAMPLES = 2_000;
/** Bytes of the body decompressed between two yields. */
const SNAPPY_STEP_BYTES = 2 * 1024 * 1024;
/** Series checked by the first pass between two yields. */
const CHECK_SLICE_SERIES = 10_000;

export interface RemoteWriteReply {
  status: number;
  /** Plain-text body (empty for 204). */
  message: string;
}

export type RejectReason = 'encoding' | 'too_large' | 'snappy' | 'protobuf' | 'labels' | 'store';

export interface ReceiverOptions {
  sliceSamples?: number;
  /** Resolves when the thread may go on (default: after the I/O and timers now due). */
  yieldThread?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RemoteWriteReceiver {
  readonly counters = {
    requests: 0,
    samples: 0,
    staleMarkers: 0,
    outOfOrder: 0,
    duplicates: 0,
    outOfBounds: 0,
    histograms: 0,
    exemplars: 0,
    metadata: 0,
  };
  readonly rejected = new Map<RejectReason, number>();
  private readonly sliceSamples: number;
  private readonly yieldThread: () => Promise<void>;

  constructor(opts: ReceiverOptions = {}) {
    this.sliceSamples = Math.max(1, opts.sliceSamples ?? REMOTE_WRITE_SLICE_SAMPLES);
    this.yieldThread = opts.yieldThread ?? nextTurn;
  }

  /**
   * Handles one request. `body` null means the HTTP thread refused it as too large;
   * `encoding` is its Content-Encoding header (null when absent). Each slice's commit goes to
   * `onCommit` as it is made (remote_write out, live charts).
   */
  async receive(
    body: Uint8Array | null,
    encoding: string | null,
    appender: () => Appender,
    onCommit: (committed: CommittedSamples) => void,
  ): Promise<RemoteWriteReply> {
    this.counters.requests++;
    const fail = (reason: RejectReason, status: number, message: string): RemoteWriteReply => {
      this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
      return { status, message: message + '\n' };
    };
    if (body === null)
      return fail('too_large', 413, `request body larger than ${REMOTE_WRITE_MAX_BYTES} bytes`);
    const enc = (encoding ?? 'snappy').trim().toLowerCase();
    if (enc !== 'snappy')
      return fail('encoding', 400, `unsupported Content-Encoding "${enc}": remote write 1.0 uses snappy`);
    let buf: Uint8Array;
    try {
      const block = new SnappyBlockDecoder(body, REMOTE_WRITE_MAX_BYTES);
      while (!block.step(SNAPPY_STEP_BYTES)) await this.yieldThread();
      buf = block.out;
    } catch (err) {
      if (!(err instanceof SnappyError)) throw err;
      const large = /exceeds the limit/.test(err.message);
      return fail(large ? 'too_large' : 'snappy', large ? 413 : 400, `body is not snappy: ${err.message}`);
    }
    const notProto = (err: unknown) => {
      if (!(err instanceof ProtoError)) throw err;
      return fail('protobuf', 400, `body is not a prometheus.WriteRequest: ${err.message}`);
    };
    // First pass: the whole request is checked before anything is stored.
    const s = emptySeries();
    try {
      const check = new WriteRequestReader(buf);
      while (check.next(s)) {
        const labels = remoteSeriesLabels(s.labels);
        if (typeof labels === 'string') return fail('labels', 400, labels);
        if (check.series % CHECK_SLICE_SERIES === 0) await this.yieldThread();
      }
    } catch (err) {
      return notProto(err);
    }
    // Second pass: store, slice by slice.
    const c = this.counters;
    const read = new WriteRequestReader(buf);
    let app: Appender | null = null;
    let inSlice = 0;
    let stored = 0;
    const commit = (): string | null => {
      const a = app;
      app = null;
      inSlice = 0;
      if (a === null) return null;
      let committed: CommittedSamples;
      try {
        committed = a.commit().committed;
      } catch (err) {
        return (err as Error).message;
      }
      for (let i = 0; i < committed.length; i++) if (committed.stale[i] === 1) c.staleMarkers++;
      c.samples += committed.length;
      onCommit(committed);
      return null;
    };
    const storeFailed = (why: string) =>
      fail(
        'store',
        500,
        `storing the samples failed${stored > 0 ? ` (${stored} series of the request were stored)` : ''}: ${why}`,
      );
    try {
      while (read.next(s)) {
        c.histograms += s.histograms;
        c.exemplars += s.exemplars;
        if (s.t.length === 0) continue;
        // Checked by the first pass; a LabelSet exists only for the series of this slice.
        const labels = remoteSeriesLabels(s.labels);
        if (typeof labels === 'string') {
          (app as Appender | null)?.rollback();
          return fail('labels', 400, labels);
        }
        app ??= appender();
        const key = labelsKey(labels);
        let nextStale = 0;
        for (let j = 0; j < s.t.length; j++) {
          const stale = s.stale[nextStale] === j;
          if (stale) nextStale++;
          const outcome = stale
            ? app.appendStale(labels, s.t[j], key)
            : app.append(labels, s.t[j], s.v[j], key);
          if (outcome === 'out_of_order') c.outOfOrder++;
          else if (outcome === 'duplicate') c.duplicates++;
          else if (outcome === 'out_of_bounds') c.outOfBounds++;
        }
        inSlice += s.t.length;
        if (inSlice >= this.sliceSamples) {
          const why = commit();
          if (why !== null) return storeFailed(why);
          stored = read.series;
          await this.yieldThread();
        }
      }
      const why = commit();
      if (why !== null) return storeFailed(why);
    } catch (err) {
      // Not a ProtoError (the first pass read it all): the store threw outside commit().
      if (err instanceof ProtoError) return notProto(err);
      (app as Appender | null)?.rollback();
      return storeFailed((err as Error).message);
    }
    c.metadata += read.metadata;
    return { status: 204, message: '' };
  }

  /** Lines for Promdesk's /metrics. */
  renderMetrics(): string {
    const c = this.counters;
    const lines: string[] = [];
    const metric = (name: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [l, v] of samples) lines.push(`${name}${l} ${v}`);
    };
    metric('promdesk_remote_write_requests_total', 'Remote write requests received.', [['', c.requests]]);
    metric('promdesk_remote_write_samples_received_total', 'Samples stored from remote write.', [
      ['', c.samples],
    ]);
    metric(
      'promdesk_remote_write_rejected_requests_total',
      'Remote write requests refused, by reason.',
      (['encoding', 'too_large', 'snappy', 'protobuf', 'labels', 'store'] as const).map((r) => [
        `{reason="${r}"}`,
        this.rejected.get(r) ?? 0,
      ]),
    );
    metric('promdesk_remote_write_samples_dropped_total', 'Remote-written samples dropped, by reason.', [
      ['{reason="out_of_order"}', c.outOfOrder],
      ['{reason="duplicate"}', c.duplicates],
      ['{reason="out_of_bounds"}', c.outOfBounds],
    ]);
    metric(
      'promdesk_remote_write_histograms_skipped_total',
      'Native histogram samples in remote write requests (not stored).',
      [['', c.histograms]],
    );
    metric(
      'promdesk_remote_write_exemplars_skipped_total',
      'Exemplars in remote write requests (not stored).',
      [['', c.exemplars]],
    );
    return lines.join('\n') + '\n';
  }
}
