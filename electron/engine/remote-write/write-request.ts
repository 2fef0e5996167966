// Decodes a remote write 1.0 `prometheus.WriteRequest` (prometheus/prompb remote.proto and
// types.proto): series with their labels and float samples. Exemplars are counted and dropped,
// native histograms counted and skipped, metadata counted; unknown fields are skipped.
import { ProtoReader, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './proto-reader';

export interface RemoteSeries {
  /** Label name/value pairs in the order sent: [name0, value0, name1, value1, ...]. */
  labels: string[];
  t: number[];
  v: number[];
  /** Indexes into t/v of samples whose value is Prometheus's StaleNaN (a staleness marker). */
  stale: number[];
  exemplars: number;
  histograms: number;
}

export interface WriteRequest {
  series: RemoteSeries[];
  metadata: number;
}

/** Prometheus's staleness marker: the NaN with bit pattern 0x7ff0000000000002. */
const STALE_HI = 0x7ff00000;
const STALE_LO = 2;

export function decodeWriteRequest(buf: Uint8Array): WriteRequest {
  const r = new ProtoReader(buf);
  const out: WriteRequest = { series: [], metadata: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'WriteRequest.timeseries');
      out.series.push(decodeTimeSeries(r.message()));
    } else if (field === 3) {
      r.expect(wire, WIRE_LEN, 'WriteRequest.metadata');
      r.skip(wire);
      out.metadata++;
    } else r.skip(wire);
  }
  return out;
}

function decodeTimeSeries(r: ProtoReader): RemoteSeries {
  const s: RemoteSeries = { labels: [], t: [], v: [], stale: [], exemplars: 0, histograms: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, WIRE_LEN, 'TimeSeries.labels');
        decodeLabel(r.message(), s.labels);
        break;
      case 2:
        r.expect(wire, WIRE_LEN, 'TimeSeries.samples');
        decodeSample(r.message(), s);
        break;
      case 3:
        r.expect(wire, WIRE_LEN, 'TimeSeries.exemplars');
        r.skip(wire);
        s.exemplars++;
        break;
      case 4:
        r.expect(wire, WIRE_LEN, 'TimeSeries.histograms');
        r.skip(wire);
        s.histograms++;
        break;
      default:
        r.skip(wire);
    }
  }
  return s;
}

function decodeLabel(r: ProtoReader, into: string[]): void {
  let name = '';
  let value = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_LEN, 'Label.name');
      name = r.string();
    } else if (field === 2) {
      r.expect(wire, WIRE_LEN, 'Label.value');
      value = r.string();
    } else r.skip(wire);
  }
  into.push(name, value);
}

function decodeSample(r: ProtoReader, s: RemoteSeries): void {
  let v = 0;
  let t = 0;
  let stale = false;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_I64, 'Sample.value');
      const bits = r.doubleBits();
      v = bits.value;
      stale = bits.hi === STALE_HI && bits.lo === STALE_LO;
    } else if (field === 2) {
      r.expect(wire, WIRE_VARINT, 'Sample.timestamp');
      t = r.int64();
    } else r.skip(wire);
  }
  if (stale) s.stale.push(s.t.length);
  s.t.push(t);
  s.v.push(v);
}
