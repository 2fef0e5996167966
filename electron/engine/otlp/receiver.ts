// The receiver behind POST /api/v1/otlp/v1/metrics, run on the engine's thread: the body (gzip or
// not) is decoded as protobuf or OTLP/JSON by its Content-Type, translated as Prometheus 3 does
// (translate.ts), every series checked, then all of it stored in one commit. Replies as
// Prometheus' OTLP handler: 200 stored; 400 with a plain-text reason for a body it cannot
// read or a request it will not store (nothing is stored then); 413 too large; 500 when the
// store fails. Exponential histograms are skipped and counted (a JSON client also gets them
// back as partialSuccess).
import { gunzipSync } from 'node:zlib';
import type { Appender, CommittedSamples } from '../store/types';
import { labelsKey } from '../../../shared/labels-key';
import { remoteSeriesLabels } from '../remote-write/series-labels';
import { decodeOtlpJson } from './json-decode';
import { decodeOtlpProto } from './proto-decode';
import { OtlpDecodeError, type OtlpRequest } from './model';
import { translateOtlp, type OtlpSettings, type Translation } from './translate';

/** Largest body accepted, compressed (HTTP thread) and decompressed (here). */
export const OTLP_MAX_BYTES = 32 * 1024 * 1024;
export const OTLP_PATH = '/api/v1/otlp/v1/metrics';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

export interface OtlpHttpRequest {
  /** null when the HTTP thread refused it as larger than OTLP_MAX_BYTES. */
  body: Uint8Array | null;
  contentType: string | null;
  encoding: string | null;
}

export interface OtlpReply {
  status: number;
  contentType: string;
  body: string;
}

export type OtlpRejectReason = 'content_type' | 'encoding' | 'too_large' | 'decode' | 'translate' | 'store';
const REASONS: OtlpRejectReason[] = ['content_type', 'encoding', 'too_large', 'decode', 'translate', 'store'];

export class OtlpReceiver {
  readonly counters = {
    requests: 0,
    samples: 0,
    outOfOrder: 0,
    duplicates: 0,
    outOfBounds: 0,
    skippedPoints: 0,
  };
  readonly rejected = new Map<OtlpRejectReason, number>();

  constructor(private readonly settings: () => OtlpSettings) {}

  receive(
    req: OtlpHttpRequest,
    appender: () => Appender,
    onCommit: (c: CommittedSamples) => void,
    /** Sees every request that translates (the Preview's OTLP listening). */
    observe?: (t: Translation, req: OtlpRequest) => void,
  ): OtlpReply {
    this.counters.requests++;
    const fail = (reason: OtlpRejectReason, status: number, message: string): OtlpReply => {
      this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
      return { status, contentType: 'text/plain; charset=utf-8', body: message + '\n' };
    };
    if (req.body === null) return fail('too_large', 413, `request body larger than ${OTLP_MAX_BYTES} bytes`);
    const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (type !== PROTOBUF && type !== JSON_TYPE)
      return fail(
        'content_type',
        400,
        `unsupported content type: ${req.contentType ?? '(none)'}, supported: [${JSON_TYPE}, ${PROTOBUF}]`,
      );
    const enc = (req.encoding ?? '').trim().toLowerCase();
    let raw = req.body;
    if (enc === 'gzip') {
      try {
        raw = gunzipSync(raw, { maxOutputLength: OTLP_MAX_BYTES });
      } catch (err) {
        if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          return fail('too_large', 413, `gzip body decompresses to more than ${OTLP_MAX_BYTES} bytes`);
        return fail('decode', 400, `body is not gzip: ${(err as Error).message}`);
      }
    } else if (enc !== '' && enc !== 'identity')
      return fail(
        'encoding',
        400,
        `unsupported compression: ${req.encoding}. Only "gzip" or no compression supported`,
      );
    let decoded: OtlpRequest;
    try {
      decoded =
        type === PROTOBUF
          ? decodeOtlpProto(raw)
          : decodeOtlpJson(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch (err) {
      if (err instanceof OtlpDecodeError)
        return fail('decode', 400, `body is not an OTLP ExportMetricsServiceRequest: ${err.message}`);
      if (err instanceof TypeError) return fail('decode', 400, 'body is not valid UTF-8 JSON');
      // Attribute values (arrays, maps) nested past the stack's depth.
      if (err instanceof RangeError) return fail('decode', 400, 'body is nested too deeply');
      throw err;
    }
    const t = translateOtlp(decoded, this.settings());
    if ('errors' in t) return fail('translate', 400, t.errors.join('\n'));
    observe?.(t, decoded);
    // Every series is checked before anything is stored.
    for (const s of t.series) {
      const bad = remoteSeriesLabels(Object.entries(s.labels).flat());
      if (typeof bad === 'string') return fail('translate', 400, bad);
    }
    const c = this.counters;
    c.skippedPoints += t.skippedPoints;
    if (t.series.length > 0) {
      const app = appender();
      try {
        for (const s of t.series) {
          const key = labelsKey(s.labels);
          for (const x of s.samples) {
            const outcome = x.stale
              ? app.appendStale(s.labels, x.t, key)
              : app.append(s.labels, x.t, x.v, key);
            if (outcome === 'out_of_order') c.outOfOrder++;
            else if (outcome === 'duplicate') c.duplicates++;
            else if (outcome === 'out_of_bounds') c.outOfBounds++;
          }
        }
        const committed = app.commit().committed;
        c.samples += committed.length;
        onCommit(committed);
      } catch (err) {
        app.rollback();
        return fail('store', 500, `storing the samples failed: ${(err as Error).message}`);
      }
    }
    if (type === JSON_TYPE) {
      const partial =
        t.skippedPoints > 0
          ? {
              partialSuccess: {
                rejectedDataPoints: String(t.skippedPoints),
                errorMessage: `exponential histograms are not stored (Promdesk has no native histograms): ${[...new Set(t.skippedMetrics)].join(', ')}`,
              },
            }
          : {};
      return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(partial) };
    }
    // An empty ExportMetricsServiceResponse.
    return { status: 200, contentType: PROTOBUF, body: '' };
  }

  /** Lines for Promdesk's /metrics. */
  renderMetrics(): string {
    const c = this.counters;
    const lines: string[] = [];
    const metric = (name: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [l, v] of samples) lines.push(`${name}${l} ${v}`);
    };
    metric('promdesk_otlp_requests_total', 'OTLP metrics requests received.', [['', c.requests]]);
    metric('promdesk_otlp_samples_received_total', 'Samples stored from OTLP.', [['', c.samples]]);
    metric(
      'promdesk_otlp_rejected_requests_total',
      'OTLP requests refused, by reason.',
      REASONS.map((r) => [`{reason="${r}"}`, this.rejected.get(r) ?? 0]),
    );
    metric('promdesk_otlp_samples_dropped_total', 'OTLP samples dropped by the store, by reason.', [
      ['{reason="out_of_order"}', c.outOfOrder],
      ['{reason="duplicate"}', c.duplicates],
      ['{reason="out_of_bounds"}', c.outOfBounds],
    ]);
    metric(
      'promdesk_otlp_exponential_histogram_points_skipped_total',
      'Exponential histogram data points in OTLP requests (not stored: no native histograms).',
      [['', c.skippedPoints]],
    );
    return lines.join('\n') + '\n';
  }
}
