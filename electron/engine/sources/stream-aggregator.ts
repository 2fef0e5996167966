// Folds metrics-exporter-tcp events into series: counters (increment/set) and gauges
// (increment/decrement/set) keep their value; histogram records go into cumulative buckets
// (_bucket{le}, _sum, _count) or a summary (quantiles over the records of each interval, _sum,
// _count). Series and per-interval records are bounded; what does not fit is dropped and counted.
import type { TcpStreamOptions } from '../../../shared/api';
import type { MetadataSink } from '../metadata';
import type { SampleSink } from '../scrape/parse-body';
import type { StreamEvent, StreamMetricType } from './tcp-event';

export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const DEFAULT_QUANTILES = [0.5, 0.9, 0.99];
const MAX_SERIES = 10_000;
const MAX_RECORDS_PER_INTERVAL = 10_000;

interface Series {
  name: string;
  /** Flat label pairs, sanitized, sorted. */
  labels: string[];
  type: StreamMetricType;
  value: number;
  /** Histogram state. */
  counts?: number[];
  sum?: number;
  count?: number;
  window?: number[];
}

export interface StreamCounters {
  events: number;
  dropped: number;
}

export class StreamAggregator {
  private readonly series = new Map<string, Series>();
  private readonly meta = new Map<
    string,
    { type: StreamMetricType; unit: string | null; help: string | null }
  >();
  readonly counters: StreamCounters = { events: 0, dropped: 0 };
  private readonly bounds: number[];
  private readonly quantiles: number[];
  private readonly summary: boolean;

  constructor(opts: TcpStreamOptions | undefined) {
    this.summary = opts?.histogram === 'summary';
    this.bounds = [...(opts?.buckets ?? DEFAULT_BUCKETS)].sort((a, b) => a - b);
    this.quantiles = [...(opts?.quantiles ?? DEFAULT_QUANTILES)].sort((a, b) => a - b);
  }

  apply(ev: StreamEvent): void {
    if (ev.kind === 'empty') return;
    this.counters.events++;
    const name = sanitize(ev.name);
    if (ev.kind === 'metadata') {
      if (this.meta.size < MAX_SERIES || this.meta.has(name)) {
        this.meta.set(name, { type: ev.type, unit: ev.unit, help: ev.description });
      }
      return;
    }
    const type: StreamMetricType = ev.op.endsWith('counter')
      ? 'counter'
      : ev.op.endsWith('gauge')
        ? 'gauge'
        : 'histogram';
    const labels: string[] = [];
    for (const [k, v] of ev.labels) labels.push(sanitizeLabel(k), v);
    const key = `${name}\u0000${labels.join('\u0000')}`;
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= MAX_SERIES) {
        this.counters.dropped++;
        return;
      }
      s = { name, labels, type, value: 0 };
      if (type === 'histogram')
        Object.assign(s, { counts: this.bounds.map(() => 0), sum: 0, count: 0, window: [] });
      this.series.set(key, s);
    }
    if (s.type !== type) {
      this.counters.dropped++; // one name used as two kinds of metric: keep the first
      return;
    }
    switch (ev.op) {
      case 'increment_counter':
      case 'increment_gauge':
        s.value += ev.value;
        break;
      case 'decrement_gauge':
        s.value -= ev.value;
        break;
      case 'set_counter':
      case 'set_gauge':
        s.value = ev.value;
        break;
      case 'record_histogram': {
        s.sum! += ev.value;
        s.count!++;
        for (let i = 0; i < this.bounds.length; i++) if (ev.value <= this.bounds[i]) s.counts![i]++;
        if (this.summary) {
          if (s.window!.length < MAX_RECORDS_PER_INTERVAL) s.window!.push(ev.value);
          else this.counters.dropped++;
        }
        break;
      }
    }
  }

  /** Emits every series as samples (and metadata); starts a new summary window. */
  emit(sink: SampleSink, meta?: MetadataSink): void {
    const typed = new Set<string>();
    const describe = (name: string, type: string) => {
      if (!meta || typed.has(name)) return;
      typed.add(name);
      meta.type(name, type);
      const m = this.meta.get(name);
      if (m?.help) meta.help(name, m.help);
      if (m?.unit) meta.unit(name, m.unit);
    };
    for (const s of this.series.values()) {
      if (s.type !== 'histogram') {
        describe(s.name, s.type);
        sink(s.name, s.labels, s.value, null, 0);
        continue;
      }
      describe(s.name, this.summary ? 'summary' : 'histogram');
      if (this.summary) {
        const w = s.window!.sort((a, b) => a - b);
        for (const q of this.quantiles) {
          const v =
            w.length === 0 ? NaN : w[Math.min(w.length - 1, Math.max(0, Math.ceil(q * w.length) - 1))];
          sink(s.name, withLabel(s.labels, 'quantile', String(q)), v, null, 0);
        }
        s.window = [];
      } else {
        this.bounds.forEach((b, i) =>
          sink(`${s.name}_bucket`, withLabel(s.labels, 'le', formatLe(b)), s.counts![i], null, 0),
        );
        sink(`${s.name}_bucket`, withLabel(s.labels, 'le', '+Inf'), s.count!, null, 0);
      }
      sink(`${s.name}_sum`, s.labels, s.sum!, null, 0);
      sink(`${s.name}_count`, s.labels, s.count!, null, 0);
    }
  }

  get seriesCount(): number {
    return this.series.size;
  }
}

function withLabel(labels: string[], name: string, value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i += 2) if (labels[i] !== name) out.push(labels[i], labels[i + 1]);
  out.push(name, value);
  return out;
}

function formatLe(b: number): string {
  return Number.isInteger(b) ? b.toFixed(1) : String(b);
}

/** metrics-rs names may use dots ("http.requests"): invalid characters become "_". */
function sanitize(name: string): string {
  let out = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  if (!/^[a-zA-Z_:]/.test(out)) out = '_' + out;
  return out;
}

function sanitizeLabel(name: string): string {
  let out = name.replace(/[^a-zA-Z0-9_]/g, '_');
  if (!/^[a-zA-Z_]/.test(out)) out = '_' + out;
  return out;
}
