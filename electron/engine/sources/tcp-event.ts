// The metrics-exporter-tcp Event message (proto/event.proto of metrics-rs), decoded by hand:
// Event { oneof { Metadata metadata = 1; Metric metric = 2; } }
// Metadata { name = 1; MetricType metric_type = 2; unit_value = 3; description_value = 4 }
// Metric { name = 1; Timestamp timestamp = 2; map<string,string> labels = 3; oneof operation {
//   uint64 increment_counter = 4; uint64 set_counter = 5; double increment_gauge = 6;
//   double decrement_gauge = 7; double set_gauge = 8; double record_histogram = 9; } }
import { ProtoReader, ProtobufError, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';

export type StreamMetricType = 'counter' | 'gauge' | 'histogram';

export type StreamOperation =
  | 'increment_counter'
  | 'set_counter'
  | 'increment_gauge'
  | 'decrement_gauge'
  | 'set_gauge'
  | 'record_histogram';

export type StreamEvent =
  | {
      kind: 'metadata';
      name: string;
      type: StreamMetricType;
      unit: string | null;
      description: string | null;
    }
  | {
      kind: 'metric';
      name: string;
      /** Sorted by label name. */
      labels: [string, string][];
      op: StreamOperation;
      value: number;
    }
  /** An Event with no (or an unknown) oneof member: skipped, as protobuf readers do. */
  | { kind: 'empty' };

const TYPES: StreamMetricType[] = ['counter', 'gauge', 'histogram'];
const OPS: Record<number, StreamOperation> = {
  4: 'increment_counter',
  5: 'set_counter',
  6: 'increment_gauge',
  7: 'decrement_gauge',
  8: 'set_gauge',
  9: 'record_histogram',
};

export function decodeEvent(buf: Uint8Array): StreamEvent {
  const r = new ProtoReader(buf);
  let ev: StreamEvent = { kind: 'empty' };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(WIRE_LEN, wire, 'Event.metadata');
      ev = decodeMetadata(r.bytes());
    } else if (field === 2) {
      r.expect(WIRE_LEN, wire, 'Event.metric');
      ev = decodeMetric(r.bytes());
    } else r.skip(wire);
  }
  return ev;
}

function decodeMetadata(buf: Uint8Array): StreamEvent {
  const r = new ProtoReader(buf);
  let name = '';
  let type: StreamMetricType = 'counter';
  let unit: string | null = null;
  let description: string | null = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) name = (r.expect(WIRE_LEN, wire, 'Metadata.name'), r.string());
    else if (field === 2) {
      r.expect(WIRE_VARINT, wire, 'Metadata.metric_type');
      const t = r.varint();
      if (t >= TYPES.length) throw new ProtobufError(`unknown metric type ${t} for "${name}"`);
      type = TYPES[t];
    } else if (field === 3) unit = (r.expect(WIRE_LEN, wire, 'Metadata.unit_value'), r.string());
    else if (field === 4) description = (r.expect(WIRE_LEN, wire, 'Metadata.description_value'), r.string());
    else r.skip(wire);
  }
  if (name === '') throw new ProtobufError('Metadata without a name');
  return { kind: 'metadata', name, type, unit, description };
}

function decodeMetric(buf: Uint8Array): StreamEvent {
  const r = new ProtoReader(buf);
  let name = '';
  const labels = new Map<string, string>();
  let op: StreamOperation | null = null;
  let value = 0;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) name = (r.expect(WIRE_LEN, wire, 'Metric.name'), r.string());
    else if (field === 3) {
      r.expect(WIRE_LEN, wire, 'Metric.labels');
      const e = new ProtoReader(r.bytes());
      let k = '';
      let v = '';
      while (!e.done) {
        const t = e.tag();
        if (t.field === 1) k = (e.expect(WIRE_LEN, t.wire, 'labels.key'), e.string());
        else if (t.field === 2) v = (e.expect(WIRE_LEN, t.wire, 'labels.value'), e.string());
        else e.skip(t.wire);
      }
      labels.set(k, v);
    } else if (field >= 4 && field <= 9) {
      op = OPS[field];
      if (field <= 5) {
        r.expect(WIRE_VARINT, wire, `Metric.${op}`);
        value = r.varint();
      } else {
        r.expect(WIRE_I64, wire, `Metric.${op}`);
        value = r.double();
      }
    } else r.skip(wire); // timestamp (2) and unknown fields
  }
  if (name === '') throw new ProtobufError('Metric without a name');
  if (op === null) return { kind: 'empty' };
  return {
    kind: 'metric',
    name,
    labels: [...labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    op,
    value,
  };
}
