// Write-ahead records of head appends as earlier versions wrote them: one row of the `wal` table
// per commit. New commits go to the sample log (sample-log.ts); these rows are still replayed when
// a data dir from an earlier version opens, and emptied by its first head checkpoint. The encoder
// stays as the format's definition, which the tests round-trip.
//   per sample: uvarint series id | zigzag varint (t - previous t in the record) | 1 bit stale
//               | 64 value bits (absent for stale markers)
import { BitReader, BitWriter } from './chunk-codec/bit-stream';
import type { CommittedSamples } from './types';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export function encodeWalRecord(samples: CommittedSamples): Uint8Array {
  const w = new BitWriter();
  const { series, t, v, stale } = samples;
  w.writeUvarint(samples.length);
  let prevT = 0;
  for (let i = 0; i < samples.length; i++) {
    w.writeUvarint(series[i].id);
    w.writeVarint(t[i] - prevT);
    prevT = t[i];
    w.write(stale[i], 1);
    if (stale[i] === 1) continue;
    f64[0] = v[i];
    w.write(u32[1] >>> 16, 16);
    w.write(u32[1] & 0xffff, 16);
    w.write(u32[0] >>> 16, 16);
    w.write(u32[0] & 0xffff, 16);
  }
  return w.finish();
}

export function decodeWalRecord(
  buf: Uint8Array,
  visit: (id: number, t: number, v: number, stale: boolean) => void,
): void {
  const r = new BitReader(buf);
  const n = r.readUvarint();
  let t = 0;
  for (let i = 0; i < n; i++) {
    // Each sample takes bits: a count larger than the record holds stops here, not 2^53 loops on.
    r.checkEnd('WAL record');
    const id = r.readUvarint();
    t += r.readVarint();
    if (r.read(1) === 1) {
      visit(id, t, NaN, true);
      continue;
    }
    u32[1] = (r.read(16) << 16) | r.read(16);
    u32[0] = (r.read(16) << 16) | r.read(16);
    visit(id, t, f64[0], false);
  }
  r.checkEnd('WAL record');
}
