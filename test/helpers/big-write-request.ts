// A snappy-compressed remote-write body of many series with one sample each, written straight
// into one buffer (the general encoders take a minute for 500k series), for the big-request test
// and bench. Labels are ASCII; series i is `name{i="<i>"}` with the sample (t, i).
import { snappyEncode } from '../../electron/engine/remote-write/snappy-encode';

export function bigWriteRequest(name: string, count: number, t: number): Uint8Array<ArrayBuffer> {
  const buf = Buffer.alloc(count * (name.length + 64));
  let o = 0;
  const varint = (v: number) => {
    while (v > 0x7f) {
      buf[o++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[o++] = v;
  };
  const str = (field: number, s: string) => {
    varint(field * 8 + 2);
    varint(s.length);
    o += buf.write(s, o, 'latin1');
  };
  const label = (n: string, v: string) => {
    varint((1 * 8) | 2);
    varint(4 + n.length + v.length);
    str(1, n);
    str(2, v);
  };
  for (let i = 0; i < count; i++) {
    const idx = String(i);
    const labels = 2 + 4 + 8 + name.length + 2 + 4 + 1 + idx.length;
    let tLen = 1;
    for (let x = t; x > 0x7f; x = Math.floor(x / 128)) tLen++;
    const sample = 9 + 1 + tLen;
    varint((1 * 8) | 2); // WriteRequest.timeseries
    varint(labels + 2 + sample);
    label('__name__', name);
    label('i', idx);
    varint((2 * 8) | 2); // TimeSeries.samples
    varint(sample);
    buf[o++] = (1 * 8) | 1; // Sample.value, fixed64
    buf.writeDoubleLE(i, o);
    o += 8;
    buf[o++] = (2 * 8) | 0; // Sample.timestamp, varint
    varint(t);
  }
  return snappyEncode(buf.subarray(0, o));
}
