// What OTLP pushes bring, for the Preview pane's "listen for OTLP": while a pane has asked in the
// last minute, each push to the receiver is kept as Prometheus text (its translation with TYPE
// and HELP per family), with the answer the pusher got. Bounded: the last OTLP_PREVIEW_PUSHES
// pushes, each text cut at MAX_TEXT_CHARS. Nobody listening costs nothing per push.
import type { OtlpPushView } from '../../../shared/api';
import { promMetricName, type NamedType } from './metric-name';
import type { OtlpMetric, OtlpRequest } from './model';
import type { OtlpHttpRequest, OtlpReply } from './receiver';
import type { OtlpSeries, Translation } from './translate';

export const OTLP_PREVIEW_PUSHES = 10;
/** How long a listenOtlp call keeps pushes recorded (the pane calls every second or so). */
const LISTEN_FOR_MS = 60_000;
const MAX_TEXT_CHARS = 512 * 1024;

/** One push being received: the receiver hands over its translation, then its reply. */
export interface OtlpWatch {
  translated(t: Translation, req: OtlpRequest): void;
  replied(reply: OtlpReply): void;
}

export class OtlpPreview {
  private listeningUntilMs = -Infinity;
  private seq = 0;
  private readonly pushes: OtlpPushView[] = [];

  constructor(private readonly now: () => number) {}

  /** Keeps recording for another minute; the pushes recorded after `afterSeq`, oldest first. */
  listen(afterSeq: number): OtlpPushView[] {
    this.listeningUntilMs = this.now() + LISTEN_FOR_MS;
    return this.pushes.filter((p) => p.seq > afterSeq);
  }

  /** A watch on one push while someone listens, else null. */
  watch(req: OtlpHttpRequest): OtlpWatch | null {
    if (this.now() > this.listeningUntilMs) return null;
    const receivedAtMs = this.now();
    let rendered: { text: string; truncated: boolean } = { text: '', truncated: false };
    let counts = { series: 0, points: 0, skippedPoints: 0 };
    return {
      translated: (t, decoded) => {
        rendered = renderTranslation(t, decoded);
        counts = { series: t.series.length, points: t.points, skippedPoints: t.skippedPoints };
      },
      replied: (reply) => {
        this.pushes.push({
          seq: ++this.seq,
          receivedAtMs,
          status: reply.status,
          error: reply.status === 200 ? null : reply.body.trim(),
          contentType: req.contentType,
          bytes: req.body?.byteLength ?? 0,
          ...counts,
          ...rendered,
        });
        if (this.pushes.length > OTLP_PREVIEW_PUSHES) this.pushes.shift();
      },
    };
  }
}

interface Family {
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  help: string;
  series: OtlpSeries[];
}

/** The translation as Prometheus text: families in the request's order, each series' last sample. */
function renderTranslation(t: Translation, req: OtlpRequest): { text: string; truncated: boolean } {
  const families = new Map<string, Family>();
  for (const res of req.resources)
    for (const scope of res.scopes)
      for (const m of scope.metrics) {
        const type = textType(m);
        if (!type) continue;
        const name = promMetricName(m.name, m.unit, namedType(m));
        if (typeof name === 'string' && !families.has(name))
          families.set(name, { type, help: m.description, series: [] });
      }
  const info: Family = { type: 'gauge', help: 'Target metadata', series: [] };
  for (const s of t.series) {
    const name = s.labels.__name__;
    if (name === 'target_info') {
      if (!families.has(name)) families.set(name, info);
      families.get(name)!.series.push(s);
      continue;
    }
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const f = families.get(name) ?? families.get(base);
    f?.series.push(s);
  }
  const lines: string[] = [];
  let chars = 0;
  for (const [name, f] of families) {
    const out: string[] = [];
    if (f.help) out.push(`# HELP ${name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    out.push(`# TYPE ${name} ${f.type}`);
    for (const s of f.series) {
      const last = lastValue(s);
      if (last) out.push(sampleLine(s, last.v, last.t));
    }
    for (const line of out) {
      chars += line.length + 1;
      if (chars > MAX_TEXT_CHARS) return { text: lines.join('\n') + '\n', truncated: true };
      lines.push(line);
    }
  }
  return { text: lines.length ? lines.join('\n') + '\n' : '', truncated: false };
}

function textType(m: OtlpMetric): Family['type'] | null {
  const d = m.data;
  switch (d.kind) {
    case 'gauge':
      return 'gauge';
    case 'sum':
      return d.monotonic ? 'counter' : 'gauge';
    case 'histogram':
      return 'histogram';
    case 'summary':
      return 'summary';
    default:
      return null;
  }
}

/** The kind the metric-name translation suffixes by (as translate.ts names it). */
function namedType(m: OtlpMetric): NamedType {
  const d = m.data;
  if (d.kind === 'sum') return d.monotonic ? 'monotonic_counter' : 'counter';
  return d.kind === 'gauge' || d.kind === 'histogram' || d.kind === 'summary' ? d.kind : 'other';
}

/** The last sample that is not a staleness marker. */
function lastValue(s: OtlpSeries): { t: number; v: number } | null {
  for (let i = s.samples.length - 1; i >= 0; i--) if (!s.samples[i].stale) return s.samples[i];
  return null;
}

function sampleLine(s: OtlpSeries, v: number, t: number): string {
  const pairs: string[] = [];
  for (const [k, val] of Object.entries(s.labels)) {
    if (k === '__name__') continue;
    pairs.push(`${k}="${val.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  }
  const value = Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
  return `${s.labels.__name__}${pairs.length ? `{${pairs.join(',')}}` : ''} ${value} ${t}`;
}
