// An OTLP request as the series Prometheus 3 would store from it (storage/remote/otlptranslator
// with its defaults): names with unit and type suffixes (metric-name.ts), attributes as labels
// (label-name.ts; keys that collide after sanitising have their values joined with ";"), job and
// instance from service.namespace/service.name and service.instance.id, promoted resource
// attributes under the point's own, target_info from the other resource attributes, no scope
// labels (promote_scope_metadata is off by default), exemplars ignored. Histograms become classic
// _bucket{le}/_sum/_count series, summaries quantile/_sum/_count. A point flagged
// NoRecordedValue becomes a staleness marker. Like Prometheus, one bad metric (delta temporality,
// a name that sanitises to nothing) fails the whole request, so nothing of it is stored.
// Exponential histograms need native histograms, which the store does not have: they are skipped
// and counted, and the rest of the request is stored.
import type { LabelSet } from '../../../shared/api';
import { promLabelName } from './label-name';
import { promMetricName, type NamedType } from './metric-name';
import {
  FLAG_NO_RECORDED_VALUE,
  TEMPORALITY_CUMULATIVE,
  TEMPORALITY_DELTA,
  formatAttrDouble,
  type Attributes,
  type OtlpMetric,
  type OtlpRequest,
} from './model';

export interface OtlpSettings {
  /** otlp.promote_resource_attributes of prometheus.yml: resource attributes copied to every series. */
  promoteResourceAttributes: readonly string[];
}

export interface OtlpSample {
  t: number;
  v: number;
  stale: boolean;
}

export interface OtlpSeries {
  labels: LabelSet;
  samples: OtlpSample[];
}

export interface Translation {
  series: OtlpSeries[];
  /** Data points Promdesk cannot store (exponential histograms), with the metrics they were in. */
  skippedPoints: number;
  skippedMetrics: string[];
  /** Data points read (all kinds). */
  points: number;
}

const SERVICE_NAME = 'service.name';
const SERVICE_NAMESPACE = 'service.namespace';
const SERVICE_INSTANCE_ID = 'service.instance.id';
const IDENTIFYING = new Set([SERVICE_NAME, SERVICE_NAMESPACE, SERVICE_INSTANCE_ID]);
/** target_info is written every half lookback delta (5 m) across the request's time span, as Prometheus does. */
const TARGET_INFO_STEP_MS = 150_000;
const MAX_TARGET_INFO_STEPS = 1000;

/** The series to store, or the reasons (one per bad metric) the request is refused. */
export function translateOtlp(req: OtlpRequest, settings: OtlpSettings): Translation | { errors: string[] } {
  const out = new SeriesSet();
  const errors: string[] = [];
  const promote = new Set(settings.promoteResourceAttributes);
  let skippedPoints = 0;
  const skippedMetrics: string[] = [];
  let points = 0;
  for (const res of req.resources) {
    const get = (k: string) => res.attributes.find(([key]) => key === k)?.[1];
    const name = get(SERVICE_NAME);
    const ns = get(SERVICE_NAMESPACE);
    const job = name === undefined ? undefined : ns !== undefined ? `${ns}/${name}` : name;
    const instance = get(SERVICE_INSTANCE_ID);
    const promoted = labelsOf(
      res.attributes.filter(([k]) => promote.has(k)),
      errors,
    );
    let earliest = Infinity;
    let latest = -Infinity;
    for (const scope of res.scopes) {
      for (const m of scope.metrics) {
        const d = m.data;
        if (d.kind === 'none') continue;
        if (d.kind === 'exponential_histogram') {
          points += d.points;
          skippedPoints += d.points;
          skippedMetrics.push(m.name);
          continue;
        }
        if ('temporality' in d && d.temporality !== TEMPORALITY_CUMULATIVE) {
          errors.push(temporalityError(m, d.temporality));
          continue;
        }
        const named = promMetricName(m.name, m.unit, namedType(m));
        if (typeof named !== 'string') {
          errors.push(named.error);
          continue;
        }
        const base = (attrs: Attributes): LabelSet | null => {
          const own = labelsOf(attrs, errors);
          if (own === null || promoted === null) return null;
          const l: LabelSet = { ...promoted, ...own };
          if (job !== undefined && job !== '') l.job = job;
          if (instance !== undefined && instance !== '') l.instance = instance;
          return l;
        };
        const at = (p: { timeMs: number; attributes: Attributes; flags: number }) => {
          points++;
          const t = p.timeMs;
          earliest = Math.min(earliest, t);
          latest = Math.max(latest, t);
          const labels = base(p.attributes);
          const stale = (p.flags & FLAG_NO_RECORDED_VALUE) !== 0;
          return (suffix: string, v: number, extra?: [string, string]) => {
            if (labels === null) return;
            const l: LabelSet = { ...labels, __name__: named + suffix };
            if (extra) l[extra[0]] = extra[1];
            out.add(l, t, v, stale);
          };
        };
        if (d.kind === 'gauge' || d.kind === 'sum') {
          for (const p of d.points) at(p)('', p.value);
        } else if (d.kind === 'histogram') {
          for (const h of d.points) {
            const add = at(h);
            if (h.sum !== null) add('_sum', h.sum);
            add('_count', h.count);
            let cumulative = 0;
            const n = Math.min(h.explicitBounds.length, h.bucketCounts.length);
            for (let i = 0; i < n; i++) {
              cumulative += h.bucketCounts[i];
              add('_bucket', cumulative, ['le', formatAttrDouble(h.explicitBounds[i])]);
            }
            add('_bucket', h.count, ['le', '+Inf']);
          }
        } else {
          for (const s of d.points) {
            const add = at(s);
            add('_sum', s.sum);
            add('_count', s.count);
            for (const q of s.quantiles) add('', q.value, ['quantile', formatAttrDouble(q.quantile)]);
          }
        }
      }
    }
    if (earliest !== Infinity) targetInfo(res.attributes, job, instance, earliest, latest, out, errors);
  }
  if (errors.length > 0) return { errors: [...new Set(errors)] };
  return { series: out.list(), skippedPoints, skippedMetrics, points };
}

function namedType(m: OtlpMetric): NamedType {
  switch (m.data.kind) {
    case 'gauge':
      return 'gauge';
    case 'sum':
      return m.data.monotonic ? 'monotonic_counter' : 'counter';
    case 'histogram':
      return 'histogram';
    case 'summary':
      return 'summary';
    default:
      return 'other';
  }
}

function temporalityError(m: OtlpMetric, temporality: number): string {
  const what =
    temporality === TEMPORALITY_DELTA
      ? 'delta temporality is not supported: configure the exporter for cumulative temporality'
      : `aggregation temporality ${temporality} is not cumulative`;
  return `invalid temporality and type combination for metric "${m.name}": ${what}`;
}

/** Attributes as labels (sanitised, colliding keys joined with ";" in key order), or null after an error. */
function labelsOf(attrs: Attributes, errors: string[]): LabelSet | null {
  const sorted = [...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: LabelSet = {};
  for (const [k, v] of sorted) {
    const name = promLabelName(k);
    if (typeof name !== 'string') {
      errors.push(`attribute "${k}": ${name.error}`);
      return null;
    }
    if (name === '__name__') continue;
    out[name] = name in out ? `${out[name]};${v}` : v;
  }
  return out;
}

function targetInfo(
  attrs: Attributes,
  job: string | undefined,
  instance: string | undefined,
  earliest: number,
  latest: number,
  out: SeriesSet,
  errors: string[],
): void {
  const rest = attrs.filter(([k]) => !IDENTIFYING.has(k));
  if (rest.length === 0) return;
  const labels = labelsOf(rest, errors);
  if (labels === null) return;
  if (job) labels.job = job;
  if (instance) labels.instance = instance;
  if (!labels.job && !labels.instance) return;
  labels.__name__ = 'target_info';
  // Bounded: a request whose points span years (or carry a wild timestamp) gets its two ends only.
  if ((latest - earliest) / TARGET_INFO_STEP_MS <= MAX_TARGET_INFO_STEPS)
    for (let t = earliest; t < latest; t += TARGET_INFO_STEP_MS) out.add(labels, t, 1, false);
  else out.add(labels, earliest, 1, false);
  out.add(labels, latest, 1, false);
}

/** Samples grouped by series (label order does not matter), in arrival order; empty values dropped. */
class SeriesSet {
  private readonly byKey = new Map<string, OtlpSeries>();

  add(labels: LabelSet, t: number, v: number, stale: boolean): void {
    const clean: LabelSet = {};
    for (const k of Object.keys(labels).sort()) if (labels[k] !== '') clean[k] = labels[k];
    const key = JSON.stringify(clean);
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = { labels: clean, samples: [] }));
    const last = s.samples[s.samples.length - 1];
    if (last && last.t === t && last.v === v && last.stale === stale) return;
    s.samples.push({ t, v, stale });
  }

  list(): OtlpSeries[] {
    return [...this.byKey.values()];
  }
}
