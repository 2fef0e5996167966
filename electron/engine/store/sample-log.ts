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
//
// A failed append (ENOSPC, EIO) may leave part of its record behind: the log is cut back to its
// last whole record before anything else is appended, so a torn record never has later records
// after it. Replay ends at the first record that is not intact (a crash mid-write, or damage);
// it says so, with the byte offset and what the rest holds, and keeps the rest in a file aside
// before cutting it off.
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import type { CommittedSamples } from './types';

const HEADER = 8;

export type LogVisitor = (id: number, t: number, v: number, stale: boolean) => void;

/** The file operations the log makes: node:fs, or a test's layer that fails some of them. */
export interface LogFs {
  /** Opens the file (created if absent) for reading and appending. */
  open(path: string): number;
  size(fd: number): number;
  read(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number;
  /** Appends at the end of the file; returns the bytes written, which may be fewer than asked. */
  write(fd: number, buf: Uint8Array, offset: number, length: number): number;
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  /** Writes a file that must not exist yet, and flushes it to disk. */
  create(path: string, data: Uint8Array): void;
  remove(path: string): void;
}

export const nodeLogFs: LogFs = {
  open: (path) => openSync(path, 'a+'),
  size: (fd) => fstatSync(fd).size,
  read: (fd, buf, offset, length, position) => readSync(fd, buf, offset, length, position),
  write: (fd, buf, offset, length) => writeSync(fd, buf, offset, length),
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  create: (path, data) => {
    const fd = openSync(path, 'wx');
    try {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  remove: (path) => {
    if (existsSync(path)) rmSync(path);
  },
};

/** Where and why a replay stopped before the end of the log, and what it left out. */
export interface LogDamage {
  file: string;
  /** Byte offset of the first record that is not intact: replay stopped there. */
  offset: number;
  /** The log's size then: size - offset bytes were skipped. */
  size: number;
  reason: string;
  /** Intact records found in the skipped bytes (commits that were not replayed). */
  recordsAfter: number;
  samplesAfter: number;
  /** The file the skipped bytes were saved to (null when they were all zeros). */
  setAside: string | null;
}

export interface ReplayResult {
  records: number;
  samples: number;
  damage: LogDamage | null;
}

/** One line for the log: where replay stopped, why, and what became of the rest. */
export function describeLogDamage(d: LogDamage): string {
  const skipped = d.size - d.offset;
  let s = `sample log ${d.file}: replay stopped at byte ${d.offset} of ${d.size} (${d.reason}); ${skipped} bytes skipped`;
  s +=
    d.recordsAfter > 0
      ? `, holding ${d.recordsAfter} intact records (${d.samplesAfter} samples) after the damage that were not replayed`
      : ', with no intact record in them';
  if (d.setAside) s += `; they are kept in ${d.setAside}`;
  return s;
}

export class SampleLog {
  private fd: number;
  /** Bytes of whole records: where the next record goes. */
  private size: number;
  /** An append failed and cutting its bytes off failed too: cut them before the next append. */
  private torn = false;
  private buf = new Uint8Array(64 * 1024);

  constructor(
    readonly path: string,
    private readonly fs: LogFs = nodeLogFs,
  ) {
    try {
      this.fd = fs.open(path);
      this.size = fs.size(this.fd);
    } catch (err) {
      throw withFile(err, path);
    }
  }

  /**
   * Replays every record up to the first one that is not intact. The bytes from there on are
   * saved to a file beside the log (unless all zeros) and cut off, so appends follow the last
   * intact record; the result says where and why replay stopped.
   */
  replay(visit: LogVisitor): ReplayResult {
    const data = new Uint8Array(this.size);
    let got = 0;
    try {
      while (got < this.size) {
        const n = this.fs.read(this.fd, data, got, this.size - got, got);
        if (n === 0) break;
        got += n;
      }
    } catch (err) {
      throw withFile(err, this.path);
    }
    const bytes = data.subarray(0, got);
    const scan = scanSampleLog(bytes, visit);
    if (scan.end >= this.size) return { records: scan.records, samples: scan.samples, damage: null };
    const damage: LogDamage = {
      file: this.path,
      offset: scan.end,
      size: this.size,
      reason: scan.reason ?? `the file ends at byte ${got}, before its size`,
      recordsAfter: scan.recordsAfter,
      samplesAfter: scan.samplesAfter,
      setAside: null,
    };
    const rest = bytes.subarray(scan.end);
    if (rest.some((b) => b !== 0)) damage.setAside = this.setAside(rest, damage);
    this.truncate(scan.end);
    return { records: scan.records, samples: scan.samples, damage };
  }

  private setAside(rest: Uint8Array, damage: LogDamage): string {
    const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      this.fs.create(aside, rest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        try {
          this.fs.remove(aside);
        } catch {
          // A partial copy is only clutter; the log itself is untouched.
        }
      }
      throw new Error(
        `${describeLogDamage(damage)}; saving them to ${aside} failed (${(err as Error).message}), ` +
          'so the log was left as it is: free space on the disk and start again',
        { cause: err },
      );
    }
    return aside;
  }

  /**
   * Appends one commit's samples; durable against a process crash when this returns. If the
   * write fails, the log is cut back to its last whole record (now, or before the next append
   * if that fails too) and the error names the file.
   */
  append(samples: CommittedSamples): void {
    if (this.torn) this.cutBack();
    const len = this.encode(samples);
    const view = new DataView(this.buf.buffer);
    view.setUint32(0, len, true);
    view.setUint32(4, checksum(this.buf.subarray(HEADER, HEADER + len)), true);
    let off = 0;
    const total = HEADER + len;
    try {
      while (off < total) {
        const n = this.fs.write(this.fd, this.buf, off, total - off);
        if (!(n > 0)) throw new Error(`write wrote nothing (${n})`);
        off += n;
      }
    } catch (err) {
      this.torn = true;
      try {
        this.cutBack();
      } catch {
        // Retried before the next append.
      }
      throw withFile(err, this.path);
    }
    this.size += total;
  }

  private cutBack(): void {
    try {
      this.fs.truncate(this.fd, this.size);
    } catch (err) {
      throw withFile(err, this.path, 'cutting a failed append off the sample log failed: ');
    }
    this.torn = false;
  }

  /** The log's length now, to cut back to if what follows it must be undone. */
  get length(): number {
    return this.size;
  }

  truncate(length = 0): void {
    try {
      this.fs.truncate(this.fd, length);
    } catch (err) {
      throw withFile(err, this.path);
    }
    this.size = length;
    this.torn = false;
  }

  close(remove: boolean): void {
    if (this.torn && !remove) {
      try {
        this.cutBack();
      } catch {
        // Replay on the next open finds the torn tail and reports it.
      }
    }
    this.fs.close(this.fd);
    if (remove) this.fs.remove(this.path);
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

/** What scanSampleLog found. */
export interface LogScan {
  records: number;
  samples: number;
  /** Offset just past the last intact record of the run from the start. */
  end: number;
  /** Why that run ended before the end of the data (null: it did not). */
  reason: string | null;
  /** Intact records further on, past the damage (looked for at every offset, with bounded work). */
  recordsAfter: number;
  samplesAfter: number;
}

/**
 * Walks a sample log's bytes: visits every sample of each record from the start up to the first
 * one that is not intact, and counts what intact records lie beyond it. Reads only its input.
 */
export function scanSampleLog(data: Uint8Array, visit?: LogVisitor): LogScan {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const scan: LogScan = { records: 0, samples: 0, end: 0, reason: null, recordsAfter: 0, samplesAfter: 0 };
  let pos = 0;
  while (pos < data.length) {
    const r = readRecord(data, view, pos);
    if (typeof r === 'string') {
      scan.reason = r;
      break;
    }
    if (visit) visitRecord(r, visit);
    scan.records++;
    scan.samples += r.n;
    pos = r.next;
  }
  scan.end = pos;
  if (scan.reason === null) return scan;
  // Each offset past the damage could start a record. A candidate whose length fits its sample
  // count costs a checksum over that length, so the work is capped at a multiple of the bytes
  // left (past that the counts are a lower bound).
  let budget = 16 * (data.length - pos) + (16 << 20);
  for (let p = pos + 1; p + HEADER <= data.length && budget > 0;) {
    const len = view.getUint32(p, true);
    if (
      len > 0 &&
      p + HEADER + len <= data.length &&
      lengthFits(data.subarray(p + HEADER, p + HEADER + len))
    ) {
      budget -= len;
      const r = readRecord(data, view, p);
      if (typeof r !== 'string') {
        scan.recordsAfter++;
        scan.samplesAfter += r.n;
        p = r.next;
        continue;
      }
    }
    p++;
  }
  return scan;
}

interface LogRecord {
  n: number;
  ids: Float64Array;
  ts: Float64Array;
  values: Float64Array;
  /** The stale bitmap. */
  stale: Uint8Array;
  /** Offset of the next record. */
  next: number;
}

/** The record at pos, or why it is not an intact one. */
function readRecord(data: Uint8Array, view: DataView, pos: number): LogRecord | string {
  const left = data.length - pos;
  if (left < HEADER) return `a record header cut short: ${left} of ${HEADER} bytes`;
  const len = view.getUint32(pos, true);
  const sum = view.getUint32(pos + 4, true);
  if (len > left - HEADER) {
    return `a record cut short: its header gives ${len} bytes, ${left - HEADER} follow (an unfinished write)`;
  }
  const payload = data.subarray(pos + HEADER, pos + HEADER + len);
  if (checksum(payload) !== sum) {
    return len === 0 && sum === 0
      ? 'zeros where a record should start'
      : 'a record whose checksum does not match';
  }
  const r = decodePayload(payload);
  if (typeof r === 'string') return `a record that does not decode: ${r}`;
  r.next = pos + HEADER + len;
  return r;
}

/**
 * Whether a payload's length is possible for the sample count it starts with: per sample 1 to
 * 10 bytes of id and of time delta, 8 of value, a bit of stale bitmap, plus 7 of padding.
 * Cheap, so most offsets that are not a record are ruled out before a checksum.
 */
function lengthFits(payload: Uint8Array): boolean {
  const r = { pos: 0 };
  const n = readUvarint(payload, r);
  if (n < 0) return false;
  const bitmap = (n + 7) >> 3;
  return payload.length >= r.pos + n * 10 + bitmap && payload.length <= r.pos + n * 28 + 7 + bitmap;
}

function decodePayload(payload: Uint8Array): LogRecord | string {
  const r = { pos: 0 };
  const n = readUvarint(payload, r);
  // A sample takes at least 10 bytes (id, time delta, value): a larger count is not a record.
  if (n < 0 || n * 10 > payload.length) return `it claims ${n} samples in ${payload.length} bytes`;
  const ids = new Float64Array(n);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = readUvarint(payload, r);
    if (id < 0) return 'it ends inside a series id';
    ids[i] = id;
  }
  let t = 0;
  for (let i = 0; i < n; i++) {
    const z = readUvarint(payload, r);
    if (z < 0) return 'it ends inside a timestamp';
    ts[i] = t += unzigzag(z);
  }
  // Values start at the next multiple of 8 within the payload. The payload itself sits in the
  // log at no particular alignment, so copy them out rather than view them in place.
  const start = (r.pos + 7) & ~7;
  const end = start + n * 8 + ((n + 7) >> 3);
  if (end !== payload.length) return `its ${n} samples take ${end} bytes, the record holds ${payload.length}`;
  const values = new Float64Array(n);
  new Uint8Array(values.buffer).set(payload.subarray(start, start + n * 8));
  return { n, ids, ts, values, stale: payload.subarray(start + n * 8, end), next: 0 };
}

function visitRecord(r: LogRecord, visit: LogVisitor): void {
  const { ids, ts, values, stale: bitmap } = r;
  for (let i = 0; i < r.n; i++) {
    const stale = (bitmap[i >> 3] & (1 << (i & 7))) !== 0;
    visit(ids[i], ts[i], stale ? NaN : values[i], stale);
  }
}

/** err with the file's path in its message (Node's errors for a descriptor have none). */
function withFile(err: unknown, path: string, prefix = ''): Error {
  const e = err as NodeJS.ErrnoException;
  const message = e instanceof Error ? e.message : String(err);
  if (!prefix && message.includes(path)) return e;
  const out: NodeJS.ErrnoException = new Error(`${prefix}${message} '${path}'`);
  if (e?.code) out.code = e.code;
  return out;
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

/** -1 when the bytes end inside the number. */
function readUvarint(b: Uint8Array, r: { pos: number }): number {
  let v = 0;
  let mul = 1;
  while (r.pos < b.length) {
    const byte = b[r.pos++];
    v += (byte & 127) * mul;
    if (byte < 128) return v;
    mul *= 128;
  }
  return -1;
}

function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
