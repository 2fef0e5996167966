// Test-side OTLP: an ExportMetricsServiceRequest written as OTLP/JSON objects, encoded to JSON
// text or, by this small independent encoder, to protobuf, so a test can send the same request
// both ways. Only the fields the tests use.
import { ProtoWriter } from './proto-write';

export interface JKeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string; boolValue?: boolean; doubleValue?: number };
}
export interface JNumberPoint {
  attributes?: JKeyValue[];
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
  flags?: number;
}
export interface JHistogramPoint {
  attributes?: JKeyValue[];
  timeUnixNano: string;
  count: string;
  sum?: number;
  bucketCounts: string[];
  explicitBounds: number[];
  flags?: number;
}
export interface JSummaryPoint {
  attributes?: JKeyValue[];
  timeUnixNano: string;
  count: string;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}
export interface JMetric {
  name: string;
  unit?: string;
  description?: string;
  gauge?: { dataPoints: JNumberPoint[] };
  sum?: { dataPoints: JNumberPoint[]; aggregationTemporality: number; isMonotonic?: boolean };
  histogram?: { dataPoints: JHistogramPoint[]; aggregationTemporality: number };
  summary?: { dataPoints: JSummaryPoint[] };
  exponentialHistogram?: {
    dataPoints: { timeUnixNano: string; count: string }[];
    aggregationTemporality: number;
  };
}
export interface JRequest {
  resourceMetrics: {
    resource?: { attributes: JKeyValue[] };
    scopeMetrics: { scope?: { name: string; version?: string }; metrics: JMetric[] }[];
  }[];
}

const msg = (fill: (w: ProtoWriter) => void): Uint8Array => {
  const w = new ProtoWriter();
  fill(w);
  return w.finish();
};

function fixed64(w: ProtoWriter, field: number, v: string | number): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(v)), true);
  w.tag(field, 1).raw(...b);
}

function kv(w: ProtoWriter, field: number, a: JKeyValue): void {
  w.bytesField(
    field,
    msg((k) => {
      k.string(1, a.key);
      k.bytesField(
        2,
        msg((v) => {
          if (a.value.stringValue !== undefined) v.string(1, a.value.stringValue);
          if (a.value.boolValue !== undefined) v.tag(2, 0).varint(a.value.boolValue ? 1 : 0);
          if (a.value.intValue !== undefined) v.tag(3, 0).varint(BigInt(a.value.intValue));
          if (a.value.doubleValue !== undefined) v.double(4, a.value.doubleValue);
        }),
      );
    }),
  );
}

function numberPoint(p: JNumberPoint, w: ProtoWriter): void {
  for (const a of p.attributes ?? []) kv(w, 7, a);
  fixed64(w, 3, p.timeUnixNano);
  if (p.asDouble !== undefined) w.double(4, p.asDouble);
  if (p.asInt !== undefined) fixed64(w, 6, p.asInt);
  if (p.flags) w.tag(8, 0).varint(p.flags);
}

function metric(m: JMetric, w: ProtoWriter): void {
  w.string(1, m.name);
  if (m.description) w.string(2, m.description);
  if (m.unit) w.string(3, m.unit);
  if (m.gauge)
    w.bytesField(
      5,
      msg((g) => {
        for (const p of m.gauge!.dataPoints)
          g.bytesField(
            1,
            msg((x) => numberPoint(p, x)),
          );
      }),
    );
  if (m.sum)
    w.bytesField(
      7,
      msg((s) => {
        for (const p of m.sum!.dataPoints)
          s.bytesField(
            1,
            msg((x) => numberPoint(p, x)),
          );
        s.tag(2, 0).varint(m.sum!.aggregationTemporality);
        if (m.sum!.isMonotonic) s.tag(3, 0).varint(1);
      }),
    );
  if (m.histogram)
    w.bytesField(
      9,
      msg((h) => {
        for (const p of m.histogram!.dataPoints)
          h.bytesField(
            1,
            msg((x) => {
              for (const a of p.attributes ?? []) kv(x, 9, a);
              fixed64(x, 3, p.timeUnixNano);
              fixed64(x, 4, p.count);
              if (p.sum !== undefined) x.double(5, p.sum);
              x.bytesField(
                6,
                msg((b) => p.bucketCounts.forEach((c) => b.raw(...le64(c)))),
              );
              x.bytesField(
                7,
                msg((b) => p.explicitBounds.forEach((c) => b.raw(...leDouble(c)))),
              );
              if (p.flags) x.tag(10, 0).varint(p.flags);
            }),
          );
        h.tag(2, 0).varint(m.histogram!.aggregationTemporality);
      }),
    );
  if (m.exponentialHistogram)
    w.bytesField(
      10,
      msg((h) => {
        for (const p of m.exponentialHistogram!.dataPoints)
          h.bytesField(
            1,
            msg((x) => {
              fixed64(x, 3, p.timeUnixNano);
              fixed64(x, 4, p.count);
            }),
          );
        h.tag(2, 0).varint(m.exponentialHistogram!.aggregationTemporality);
      }),
    );
  if (m.summary)
    w.bytesField(
      11,
      msg((s) => {
        for (const p of m.summary!.dataPoints)
          s.bytesField(
            1,
            msg((x) => {
              for (const a of p.attributes ?? []) kv(x, 7, a);
              fixed64(x, 3, p.timeUnixNano);
              fixed64(x, 4, p.count);
              x.double(5, p.sum);
              for (const q of p.quantileValues)
                x.bytesField(
                  6,
                  msg((v) => v.double(1, q.quantile).double(2, q.value)),
                );
            }),
          );
      }),
    );
}

function le64(v: string): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return [...b];
}

function leDouble(v: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [...b];
}

export function encodeOtlpProto(req: JRequest): Uint8Array<ArrayBuffer> {
  return msg((w) => {
    for (const rm of req.resourceMetrics)
      w.bytesField(
        1,
        msg((r) => {
          if (rm.resource)
            r.bytesField(
              1,
              msg((res) => rm.resource!.attributes.forEach((a) => kv(res, 1, a))),
            );
          for (const sm of rm.scopeMetrics)
            r.bytesField(
              2,
              msg((s) => {
                if (sm.scope)
                  s.bytesField(
                    1,
                    msg((sc) => {
                      sc.string(1, sm.scope!.name);
                      if (sm.scope!.version) sc.string(2, sm.scope!.version);
                    }),
                  );
                for (const m of sm.metrics)
                  s.bytesField(
                    2,
                    msg((x) => metric(m, x)),
                  );
              }),
            );
        }),
      );
  }) as Uint8Array<ArrayBuffer>;
}

export const str = (key: string, value: string): JKeyValue => ({ key, value: { stringValue: value } });
