// The remote write 1.0 receiver behind POST /api/v1/write: snappy, then protobuf, then label
// checks for the whole request, then one store commit. Status codes as Prometheus uses them:
// 204 stored; 400 for bad data (never retried by senders); 413 too large; 500 when the store
// fails (retryable). Out-of-order, duplicate and out-of-bounds samples are counted and dropped.
import type { LabelSet } from '../../../shared/api';
import type { Appender, CommittedSamples } from '../store/types';
import { SnappyError, snappyDecode } from './snappy';
import { ProtoError } from './proto-reader';
import { decodeWriteRequest, type WriteRequest } from './write-request';
import { remoteSeriesLabels } from './series-labels';
import { NO_SAMPLES } from '../store/sample-batch';

/** Largest body accepted, compressed (HTTP thread) and decompressed (here). */
export const REMOTE_WRITE_MAX_BYTES = 32 * 1024 * 1024;

export interface RemoteWriteReply {
  status: number;
  /** Plain-text body (empty for 204). */
  message: string;
}

export type RejectReason = 'encoding' | 'too_large' | 'snappy' | 'protobuf' | 'labels' | 'store';

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

  /**
   * Handles one request. `body` null means the HTTP thread refused it as too large;
   * `encoding` is its Content-Encoding header (null when absent).
   */
  receive(
    body: Uint8Array | null,
    encoding: string | null,
    appender: () => Appender,
  ): { reply: RemoteWriteReply; committed: CommittedSamples } {
    this.counters.requests++;
    const fail = (reason: RejectReason, status: number, message: string) => {
      this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
      return { reply: { status, message: message + '\n' }, committed: NO_SAMPLES };
    };
    if (body === null)
      return fail('too_large', 413, `request body larger than ${REMOTE_WRITE_MAX_BYTES} bytes`);
    const enc = (encoding ?? 'snappy').trim().toLowerCase();
    if (enc !== 'snappy')
      return fail('encoding', 400, `unsupported Content-Encoding "${enc}": remote write 1.0 uses snappy`);
    let req: WriteRequest;
    try {
      req = decodeWriteRequest(snappyDecode(body, REMOTE_WRITE_MAX_BYTES));
    } catch (err) {
      if (err instanceof SnappyError) {
        const large = /exceeds the limit/.test(err.message);
        return fail(large ? 'too_large' : 'snappy', large ? 413 : 400, `body is not snappy: ${err.message}`);
      }
      if (err instanceof ProtoError)
        return fail('protobuf', 400, `body is not a prometheus.WriteRequest: ${err.message}`);
      throw err;
    }
    // All labels first, so a bad series rejects the request before anything is appended.
    const labelSets: LabelSet[] = [];
    for (const s of req.series) {
      const labels = remoteSeriesLabels(s.labels);
      if (typeof labels === 'string') return fail('labels', 400, labels);
      labelSets.push(labels);
    }
    const app = appender();
    const c = this.counters;
    c.metadata += req.metadata;
    req.series.forEach((s, i) => {
      c.histograms += s.histograms;
      c.exemplars += s.exemplars;
      const labels = labelSets[i];
      let nextStale = 0;
      for (let j = 0; j < s.t.length; j++) {
        const stale = s.stale[nextStale] === j;
        if (stale) nextStale++;
        const outcome = stale ? app.appendStale(labels, s.t[j]) : app.append(labels, s.t[j], s.v[j]);
        if (outcome === 'out_of_order') c.outOfOrder++;
        else if (outcome === 'duplicate') c.duplicates++;
        else if (outcome === 'out_of_bounds') c.outOfBounds++;
      }
    });
    let committed: CommittedSamples;
    try {
      committed = app.commit().committed;
    } catch (err) {
      return fail('store', 500, `storing the samples failed: ${(err as Error).message}`);
    }
    for (let i = 0; i < committed.length; i++) if (committed.stale[i] === 1) c.staleMarkers++;
    c.samples += committed.length;
    return { reply: { status: 204, message: '' }, committed };
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
