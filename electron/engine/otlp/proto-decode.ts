// OTLP's protobuf encoding (opentelemetry/proto/collector/metrics/v1 ExportMetricsServiceRequest)
// read by hand with the remote-write ProtoReader: only the fields translation needs are kept;
// unknown fields are skipped by wire type, and anything truncated or of the wrong wire type fails
// with an OtlpDecodeError naming the message being read.
import { ProtoError, ProtoReader, WIRE_I64, WIRE_LEN, WIRE_VARINT } from '../remote-write/proto-reader';
import {
  OtlpDecodeError,
  formatAttrDouble,
  type HistogramPoint,
  type MetricData,
  type NumberPoint,
  type OtlpMetric,
  type OtlpRequest,
  type OtlpResource,
  type OtlpScope,
  type SummaryPoint,
} from './model';

/** The body being decoded (decoding is synchronous), for bytes values. */
let body: Uint8Array = new Uint8Array(0);

export function decodeOtlpProto(buf: Uint8Array): OtlpRequest {
  body = buf;
  const r = new ProtoReader(buf);
  const resources: OtlpResource[] = [];
  try {
    while (!r.done) {
      const { field, wire } = r.tag();
      if (field === 1) {
        r.expect(wire, WIRE_LEN, 'ExportMetricsServiceRequest.resource_metrics');
        resources.push(resourceMetrics(r.message()));
      } else r.skip(wire);
    }
  } catch (err) {
    if (err instanceof ProtoError) throw new OtlpDecodeError(err.message);
    throw err;
  } finally {
    body = new Uint8Array(0);
  }
  return { resources };
}

function resourceMetrics(r: ProtoReader): OtlpResource {
  const out: OtlpResource = { attributes: [], scopes: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'ResourceMetrics.resource');
      const res = r.message();
      while (!res.done) {
        const t = res.tag();
        if (t.field === 1) {
          res.expect(t.wire, WIRE_LEN, 'Resource.attributes');
          out.attributes.push(keyValue(res.message()));
        } else res.skip(t.wire);
      }
    } else if (field === 2) {
      r.expect(wire, WIRE_LEN, 'ResourceMetrics.scope_metrics');
      out.scopes.push(scopeMetrics(r.message()));
    } else r.skip(wire);
  }
  return out;
}

function scopeMetrics(r: ProtoReader): OtlpScope {
  const out: OtlpScope = { name: '', version: '', metrics: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'ScopeMetrics.scope');
      const s = r.message();
      while (!s.done) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) out.name = s.string();
        else if (t.field === 2 && t.wire === WIRE_LEN) out.version = s.string();
        else s.skip(t.wire);
      }
    } else if (field === 2) {
      r.expect(wire, WIRE_LEN, 'ScopeMetrics.metrics');
      out.metrics.push(metric(r.message()));
    } else r.skip(wire);
  }
  return out;
}

function metric(r: ProtoReader): OtlpMetric {
  const out: OtlpMetric = { name: '', description: '', unit: '', data: { kind: 'none' } };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, WIRE_LEN, 'Metric.name');
        out.name = r.string();
        break;
      case 2:
        r.expect(wire, WIRE_LEN, 'Metric.description');
        out.description = r.string();
        break;
      case 3:
        r.expect(wire, WIRE_LEN, 'Metric.unit');
        out.unit = r.string();
        break;
      case 5:
      case 7:
      case 9:
      case 10:
      case 11:
        r.expect(wire, WIRE_LEN, `Metric "${out.name}" data`);
        out.data = metricData(field, r.message());
        break;
      default:
        r.skip(wire);
    }
  }
  return out;
}

function metricData(field: number, r: ProtoReader): MetricData {
  let temporality = 0;
  let monotonic = false;
  const numbers: NumberPoint[] = [];
  const histograms: HistogramPoint[] = [];
  const summaries: SummaryPoint[] = [];
  let exponential = 0;
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1) {
      r.expect(t.wire, WIRE_LEN, 'data_points');
      const m = r.message();
      if (field === 5 || field === 7) numbers.push(numberPoint(m));
      else if (field === 9) histograms.push(histogramPoint(m));
      else if (field === 11) summaries.push(summaryPoint(m));
      else exponential++;
    } else if (t.field === 2 && field !== 5 && field !== 11) {
      r.expect(t.wire, WIRE_VARINT, 'aggregation_temporality');
      temporality = r.varint();
    } else if (t.field === 3 && field === 7) {
      r.expect(t.wire, WIRE_VARINT, 'Sum.is_monotonic');
      monotonic = r.varint() !== 0;
    } else r.skip(t.wire);
  }
  switch (field) {
    case 5:
      return { kind: 'gauge', points: numbers };
    case 7:
      return { kind: 'sum', points: numbers, temporality, monotonic };
    case 9:
      return { kind: 'histogram', points: histograms, temporality };
    case 10:
      return { kind: 'exponential_histogram', points: exponential, temporality };
    default:
      return { kind: 'summary', points: summaries };
  }
}

/** A fixed64 as a number (exact to 2^53; counts, not nanosecond times: see fixed64Ms). */
function fixed64(r: ProtoReader, what: string, wire: number): number {
  r.expect(wire, WIRE_I64, what);
  const { hi, lo } = r.doubleBits();
  return hi * 2 ** 32 + lo;
}

/** A fixed64 of nanoseconds as whole ms, exactly (ns since 1970 pass 2^53 after 104 days). */
function fixed64Ms(r: ProtoReader, what: string, wire: number): number {
  r.expect(wire, WIRE_I64, what);
  const { hi, lo } = r.doubleBits();
  return Number(((BigInt(hi) << 32n) | BigInt(lo)) / 1_000_000n);
}

function sfixed64(r: ProtoReader, what: string, wire: number): number {
  r.expect(wire, WIRE_I64, what);
  const { hi, lo } = r.doubleBits();
  return (hi | 0) * 2 ** 32 + lo;
}

function double(r: ProtoReader, what: string, wire: number): number {
  r.expect(wire, WIRE_I64, what);
  return r.double();
}

function numberPoint(r: ProtoReader): NumberPoint {
  const p: NumberPoint = { attributes: [], timeMs: 0, value: 0, flags: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 7) {
      r.expect(wire, WIRE_LEN, 'NumberDataPoint.attributes');
      p.attributes.push(keyValue(r.message()));
    } else if (field === 3) p.timeMs = fixed64Ms(r, 'NumberDataPoint.time_unix_nano', wire);
    else if (field === 4) p.value = double(r, 'NumberDataPoint.as_double', wire);
    else if (field === 6) p.value = sfixed64(r, 'NumberDataPoint.as_int', wire);
    else if (field === 8) {
      r.expect(wire, WIRE_VARINT, 'NumberDataPoint.flags');
      p.flags = r.varint();
    } else r.skip(wire);
  }
  return p;
}

function histogramPoint(r: ProtoReader): HistogramPoint {
  const p: HistogramPoint = {
    attributes: [],
    timeMs: 0,
    count: 0,
    sum: null,
    bucketCounts: [],
    explicitBounds: [],
    flags: 0,
  };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 9) {
      r.expect(wire, WIRE_LEN, 'HistogramDataPoint.attributes');
      p.attributes.push(keyValue(r.message()));
    } else if (field === 3) p.timeMs = fixed64Ms(r, 'HistogramDataPoint.time_unix_nano', wire);
    else if (field === 4) p.count = fixed64(r, 'HistogramDataPoint.count', wire);
    else if (field === 5) p.sum = double(r, 'HistogramDataPoint.sum', wire);
    else if (field === 6) packed64(r, wire, 'HistogramDataPoint.bucket_counts', p.bucketCounts, false);
    else if (field === 7) packed64(r, wire, 'HistogramDataPoint.explicit_bounds', p.explicitBounds, true);
    else if (field === 10) {
      r.expect(wire, WIRE_VARINT, 'HistogramDataPoint.flags');
      p.flags = r.varint();
    } else r.skip(wire);
  }
  return p;
}

/** A repeated fixed64/double field, packed (proto3's default) or one element per tag. */
function packed64(r: ProtoReader, wire: number, what: string, out: number[], isDouble: boolean): void {
  if (wire === WIRE_I64) {
    out.push(isDouble ? r.double() : fixed64(r, what, wire));
    return;
  }
  r.expect(wire, WIRE_LEN, what);
  const m = r.message();
  while (!m.done) out.push(isDouble ? m.double() : fixed64(m, what, WIRE_I64));
}

function summaryPoint(r: ProtoReader): SummaryPoint {
  const p: SummaryPoint = { attributes: [], timeMs: 0, count: 0, sum: 0, quantiles: [], flags: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 7) {
      r.expect(wire, WIRE_LEN, 'SummaryDataPoint.attributes');
      p.attributes.push(keyValue(r.message()));
    } else if (field === 3) p.timeMs = fixed64Ms(r, 'SummaryDataPoint.time_unix_nano', wire);
    else if (field === 4) p.count = fixed64(r, 'SummaryDataPoint.count', wire);
    else if (field === 5) p.sum = double(r, 'SummaryDataPoint.sum', wire);
    else if (field === 6) {
      r.expect(wire, WIRE_LEN, 'SummaryDataPoint.quantile_values');
      const q = r.message();
      const v = { quantile: 0, value: 0 };
      while (!q.done) {
        const t = q.tag();
        if (t.field === 1) v.quantile = double(q, 'ValueAtQuantile.quantile', t.wire);
        else if (t.field === 2) v.value = double(q, 'ValueAtQuantile.value', t.wire);
        else q.skip(t.wire);
      }
      p.quantiles.push(v);
    } else if (field === 8) {
      r.expect(wire, WIRE_VARINT, 'SummaryDataPoint.flags');
      p.flags = r.varint();
    } else r.skip(wire);
  }
  return p;
}

function keyValue(r: ProtoReader): [string, string] {
  let key = '';
  let value = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'KeyValue.key');
      key = r.string();
    } else if (field === 2) {
      r.expect(wire, WIRE_LEN, `attribute "${key}" value`);
      value = anyValueText(r.message());
    } else r.skip(wire);
  }
  return [key, value];
}

/** AnyValue as a label value (see model.ts). */
function anyValueText(r: ProtoReader): string {
  const v = anyValue(r);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

type Plain = string | number | boolean | Plain[] | { [k: string]: Plain } | null;

function anyValue(r: ProtoReader): Plain {
  let out: Plain = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'AnyValue.string_value');
      out = r.string();
    } else if (field === 2) {
      r.expect(wire, WIRE_VARINT, 'AnyValue.bool_value');
      out = r.varint() !== 0 ? 'true' : 'false';
    } else if (field === 3) {
      r.expect(wire, WIRE_VARINT, 'AnyValue.int_value');
      out = String(r.int64());
    } else if (field === 4) {
      out = formatAttrDouble(double(r, 'AnyValue.double_value', wire));
    } else if (field === 5) {
      r.expect(wire, WIRE_LEN, 'AnyValue.array_value');
      const a = r.message();
      const items: Plain[] = [];
      while (!a.done) {
        const t = a.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) items.push(anyValue(a.message()));
        else a.skip(t.wire);
      }
      out = items;
    } else if (field === 6) {
      r.expect(wire, WIRE_LEN, 'AnyValue.kvlist_value');
      const l = r.message();
      const obj: { [k: string]: Plain } = {};
      while (!l.done) {
        const t = l.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) {
          const kv = l.message();
          let k = '';
          let v: Plain = null;
          while (!kv.done) {
            const u = kv.tag();
            if (u.field === 1 && u.wire === WIRE_LEN) k = kv.string();
            else if (u.field === 2 && u.wire === WIRE_LEN) v = anyValue(kv.message());
            else kv.skip(u.wire);
          }
          obj[k] = v;
        } else l.skip(t.wire);
      }
      out = obj;
    } else if (field === 7) {
      r.expect(wire, WIRE_LEN, 'AnyValue.bytes_value');
      const s = r.message();
      out = Buffer.from(body.subarray(s.offset, r.offset)).toString('base64');
    } else r.skip(wire);
  }
  return out;
}
