// The write-ahead log of head appends, as an append-only file beside the database
// (promdesk.db-samples). One record per commit, written with one write() before the commit
// returns: the page cache keeps it through a kill -9, like SQLite's own WAL with
// synchronous=NORMAL, at a fraction of the cost of a table row per commit (no B-tree pages,
// no second copy at SQLite checkpoints). Emptied at head checkpoints and removed on close, so
// the data dir at rest is still the one database file.
//
// Record: u32 payload length | u32 checksum | payload, little endian. Payload (columnar, so
// encoding is a few tight loops and one copy of the values):
//   uvarint n | n × uvarint series id | n × zigzag varint (t - previous t) | pad to 8
//   | n × float64 value | ceil(n / 8) bytes stale bitmap
// A torn or garbled tail (a crash mid-write) ends replay there and is cut off.
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import type { CommittedSamples } from './types';

const HEADER = 8;

export type LogVisitor = (id: number, t: number, v: number, stale: boolean) => void;

export class SampleLog {
  private fd: number;
  private size: number;
  private buf = new Uint8Array(64 * 1024);

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+');
    this.size = fstatSync(this.fd).size;
  }

  /** Replays every intact record; cuts a damaged tail off. Returns the samples replayed. */
  replay(visit: LogVisitor): number {
    const data = new Uint8Array(this.size);
    let got = 0;
    while (got < this.size) {
      const n = readSync(this.fd, data, got, this.size - got, got);
      if (n === 0) break;
      got += n;
    }
    const view = new DataView(data.buffer);
    let pos = 0;
    let samples = 0;
    while (pos + HEADER <= got) {
      const len = view.getUint32(pos, true);
      const sum = view.getUint32(pos + 4, true);
      if (pos + HEADER + len > got) break;
      const payload = data.subarray(pos + HEADER, pos + HEADER + len);
      if (checksum(payload) !== sum) break;
      samples += decodeRecord(payload, visit);
      pos += HEADER + len;
    }
    if (pos < this.size) {
      ftruncateSync(this.fd, pos);
      this.size = pos;
    }
    return samples;
  }

  /** Appends one commit's samples; durable against a process crash when this returns. */
  append(samples: CommittedSamples): void {
    const len = this.encode(samples);
    const view = new DataView(this.buf.buffer);
    view.setUint32(0, len, true);
    view.setUint32(4, checksum(this.buf.subarray(HEADER, HEADER + len)), true);
    let off = 0;
    const total = HEADER + len;
    while (off < total) off += writeSync(this.fd, this.buf, off, total - off);
    this.size += total;
  }

  /** The log's length now, to cut back to if what follows it must be undone. */
  get length(): number {
    return this.size;
  }

  truncate(length = 0): void {
    ftruncateSync(this.fd, length);
    this.size = length;
  }

  close(remove: boolean): void {
    closeSync(this.fd);
    if (remove && existsSync(this.path)) rmSync(this.path);
  }

  // Writes the payload after the header space into this.buf; returns its length.
  private encode(s: CommittedSamples): number {
    const n = s.length;
    // Worst case: 10 bytes a varint ×2, 7 of padding, 8 a value, a bitmap byte per 8.
    this.ensure(HEADER + 10 + n * 28 + 16);
    const b = this.buf;
    let p = writeUvarint(b, HEADER, n);
    for (let i = 0; i < n; i++) p = writeUvarint(b, p, s.series[i].id);
    let prevT = 0;
    for (let i = 0; i < n; i++) {
      const t = s.t[i];
      p = writeUvarint(b, p, zigzag(t - prevT));
      prevT = t;
    }
    while (p % 8 !== 0) b[p++] = 0;
    const values = new Float64Array(b.buffer, p, n);
    for (let i = 0; i < n; i++) values[i] = s.v[i];
    p += n * 8;
    const bitmap = p;
    const bytes = (n + 7) >> 3;
    b.fill(0, bitmap, bitmap + bytes);
    for (let i = 0; i < n; i++) if (s.stale[i] === 1) b[bitmap + (i >> 3)] |= 1 << (i & 7);
    return p + bytes - HEADER;
  }

  private ensure(bytes: number): void {
    if (this.buf.length >= bytes) return;
    let cap = this.buf.length;
    while (cap < bytes) cap *= 2;
    this.buf = new Uint8Array(cap);
  }
}

function decodeRecord(payload: Uint8Array, visit: LogVisitor): number {
  const r = { pos: 0 };
  const n = readUvarint(payload, r);
  const ids = new Float64Array(n);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = readUvarint(payload, r);
  let t = 0;
  for (let i = 0; i < n; i++) ts[i] = t += unzigzag(readUvarint(payload, r));
  // Values start at the next multiple of 8 within the payload. The payload itself sits in the
  // log at no particular alignment, so copy them out rather than view them in place.
  const start = (r.pos + 7) & ~7;
  const values = new Float64Array(payload.slice(start, start + n * 8).buffer);
  const bitmap = start + n * 8;
  for (let i = 0; i < n; i++) {
    const stale = (payload[bitmap + (i >> 3)] & (1 << (i & 7))) !== 0;
    visit(ids[i], ts[i], stale ? NaN : values[i], stale);
  }
  return n;
}

/** A 32-bit checksum of the payload (FNV-1a over bytes): catches torn and garbled tails. */
function checksum(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function writeUvarint(b: Uint8Array, p: number, v: number): number {
  // Series ids and in-commit time deltas fit 31 bits: integer shifts, not float division.
  if (v < 0x80000000) {
    while (v >= 128) {
      b[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    b[p++] = v;
    return p;
  }
  while (v >= 128) {
    b[p++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  b[p++] = v;
  return p;
}

function readUvarint(b: Uint8Array, r: { pos: number }): number {
  let v = 0;
  let mul = 1;
  for (;;) {
    const byte = b[r.pos++];
    if (byte === undefined) throw new Error('sample log record ends inside a number');
    v += (byte & 127) * mul;
    if (byte < 128) return v;
    mul *= 128;
  }
}

function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
