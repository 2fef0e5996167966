// The decoded shape of an OTLP ExportMetricsServiceRequest, the part Promdesk uses, whichever
// encoding (protobuf or OTLP/JSON) it came in. Attribute values are kept as Prometheus would turn
// them into label values (AnyValue.AsString: strings as they are, numbers and bools as text,
// arrays and maps as JSON, bytes as base64). Times are nanoseconds since the epoch, as numbers
// (millisecond precision is all the store keeps).

export type Attributes = [key: string, value: string][];

export const TEMPORALITY_DELTA = 1;
export const TEMPORALITY_CUMULATIVE = 2;

/** DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks the series as ended (a stale marker). */
export const FLAG_NO_RECORDED_VALUE = 1;

export interface NumberPoint {
  attributes: Attributes;
  /** time_unix_nano in whole ms, cut exactly from the 64-bit integer (a double of the ns is not exact). */
  timeMs: number;
  value: number;
  flags: number;
}

export interface HistogramPoint {
  attributes: Attributes;
  timeMs: number;
  count: number;
  /** null when the point carries no sum (optional in OTLP). */
  sum: number | null;
  bucketCounts: number[];
  explicitBounds: number[];
  flags: number;
}

export interface SummaryPoint {
  attributes: Attributes;
  timeMs: number;
  count: number;
  sum: number;
  quantiles: { quantile: number; value: number }[];
  flags: number;
}

export type MetricData =
  | { kind: 'gauge'; points: NumberPoint[] }
  | { kind: 'sum'; points: NumberPoint[]; temporality: number; monotonic: boolean }
  | { kind: 'histogram'; points: HistogramPoint[]; temporality: number }
  | { kind: 'exponential_histogram'; points: number; temporality: number }
  | { kind: 'summary'; points: SummaryPoint[] }
  | { kind: 'none' };

export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  data: MetricData;
}

export interface OtlpScope {
  name: string;
  version: string;
  metrics: OtlpMetric[];
}

export interface OtlpResource {
  attributes: Attributes;
  scopes: OtlpScope[];
}

export interface OtlpRequest {
  resources: OtlpResource[];
}

/** A body that is not a well-formed request in the encoding it claims. */
export class OtlpDecodeError extends Error {}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest digits, never an exponent. */
export function formatAttrDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = s.startsWith('-') ? '-' : '';
  const mantissa = s.slice(sign.length, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
