// Decodes a remote write 1.0 `prometheus.WriteRequest` (prometheus/prompb remote.proto and
// types.proto): series with their labels and float samples. Exemplars are counted and dropped,
// native histograms counted and skipped, metadata counted; unknown fields are skipped.
// WriteRequestReader yields one series at a time into a reused object, so a request of 500k
// series never has 500k decoded series in memory at once.
import { ProtoError, ProtoReader, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './proto-reader';

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

/** Reads a WriteRequest's series one at a time; ProtoError on malformed input. */
export class WriteRequestReader {
  private readonly r: ProtoReader;
  /** Metadata entries met so far (all of them once next() has returned false). */
  metadata = 0;
  /** Series read so far. */
  series = 0;

  constructor(buf: Uint8Array) {
    this.r = new ProtoReader(buf);
  }

  /** Decodes the next TimeSeries into `into` (its contents replaced); false at the end. */
  next(into: RemoteSeries): boolean {
    const r = this.r;
    while (!r.done) {
      const tag = r.rawTag();
      const field = fieldOf(tag);
      if (field === 1) {
        expectWire(tag, WIRE_LEN, 'WriteRequest.timeseries', r);
        clearSeries(into);
        const outer = r.enter();
        decodeTimeSeries(r, into);
        r.leave(outer);
        this.series++;
        return true;
      }
      if (field === 3) {
        expectWire(tag, WIRE_LEN, 'WriteRequest.metadata', r);
        r.skip(WIRE_LEN);
        this.metadata++;
      } else r.skip(tag % 8);
    }
    return false;
  }
}

export function emptySeries(): RemoteSeries {
  return { labels: [], t: [], v: [], stale: [], exemplars: 0, histograms: 0 };
}

function clearSeries(s: RemoteSeries): void {
  s.labels.length = 0;
  s.t.length = 0;
  s.v.length = 0;
  s.stale.length = 0;
  s.exemplars = 0;
  s.histograms = 0;
}

function expectWire(tag: number, want: number, what: string, r: ProtoReader): void {
  const wire = tag % 8;
  if (wire !== want)
    throw new ProtoError(`protobuf: ${what} has wire type ${wire}, expected ${want} (byte ${r.offset})`);
}

/** The field number of a one-byte tag (fields 1..15); 0 for larger ones, which are all skipped. */
function fieldOf(tag: number): number {
  return tag < 128 ? tag >>> 3 : 0;
}

function decodeTimeSeries(r: ProtoReader, s: RemoteSeries): void {
  while (!r.done) {
    const tag = r.rawTag();
    const outerField = fieldOf(tag);
    if (outerField === 1) {
      expectWire(tag, WIRE_LEN, 'TimeSeries.labels', r);
      const outer = r.enter();
      decodeLabel(r, s.labels);
      r.leave(outer);
    } else if (outerField === 2) {
      expectWire(tag, WIRE_LEN, 'TimeSeries.samples', r);
      const outer = r.enter();
      decodeSample(r, s);
      r.leave(outer);
    } else if (outerField === 3) {
      expectWire(tag, WIRE_LEN, 'TimeSeries.exemplars', r);
      r.skip(WIRE_LEN);
      s.exemplars++;
    } else if (outerField === 4) {
      expectWire(tag, WIRE_LEN, 'TimeSeries.histograms', r);
      r.skip(WIRE_LEN);
      s.histograms++;
    } else r.skip(tag % 8);
  }
}

function decodeLabel(r: ProtoReader, into: string[]): void {
  let name = '';
  let value = '';
  while (!r.done) {
    const tag = r.rawTag();
    const field = fieldOf(tag);
    if (field === 1) {
      expectWire(tag, WIRE_LEN, 'Label.name', r);
      name = r.string();
    } else if (field === 2) {
      expectWire(tag, WIRE_LEN, 'Label.value', r);
      value = r.string();
    } else r.skip(tag % 8);
  }
  into.push(name, value);
}

function decodeSample(r: ProtoReader, s: RemoteSeries): void {
  let v = 0;
  let t = 0;
  let stale = false;
  while (!r.done) {
    const tag = r.rawTag();
    const field = fieldOf(tag);
    if (field === 1) {
      expectWire(tag, WIRE_I64, 'Sample.value', r);
      stale = r.peekUint32(4) === STALE_HI && r.peekUint32(0) === STALE_LO;
      v = r.double();
    } else if (field === 2) {
      expectWire(tag, WIRE_VARINT, 'Sample.timestamp', r);
      t = r.int64();
    } else r.skip(tag % 8);
  }
  if (stale) s.stale.push(s.t.length);
  s.t.push(t);
  s.v.push(v);
}
