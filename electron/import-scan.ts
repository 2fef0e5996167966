// The import's repeated-series fast path for OpenMetrics bodies (import-range.ts). A backfill file
// writes each series' text (name and labels) on many lines. A line whose text is byte for byte one
// the parser read before, followed by a plain value and timestamp, maps straight to that series:
// only the value and timestamp are read, with the parser's own arithmetic. Every other line (a new
// series, metadata, any unusual form) goes to the parser, in runs of consecutive lines.
// Non-strict OpenMetrics reads each line on its own (only "# EOF" spans the body), and a series
// text reads the same wherever it stands, so the samples are the ones a whole-body parse gives.
// The scan reports no errors of its own: at any error it throws, and the caller parses the body
// plainly, which reports the error exactly (line, column and message). The file is read in
// blocks into one reused buffer (a fresh buffer the size of the range costs a page fault a page).
import { closeSync, openSync, readSync } from 'node:fs';
import { forEachSample } from './engine/scrape/parse-body';

const LF = 10;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const EOF_LINE = Buffer.from('# EOF\n', 'latin1');
/** Bytes read at a time. */
const BLOCK = 1 << 20;
/** Exact powers of ten, as the OpenMetrics parser's plain-decimal path uses them. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Where the scan's samples go; handles are the caller's series numbers (>= 0). */
export interface ScanSink {
  /** A sample line the parser read (forEachSample's sink, line counted in the body): its series' handle. */
  parsed(name: string, flat: string[], value: number, timestampMs: number | null, line: number): number;
  /** A sample of a series read before, by its handle. */
  repeat(handle: number, value: number, timestampMs: number): void;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 58;
}
function isLabelChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

/**
 * The end of the series text starting a sample line at `i` (the space after it), by the grammar
 * the OpenMetrics parser reads it with (a name, then quoted label values with backslash escapes),
 * or -1 when the line does not start so. On a line the parser accepts, the parser's series text
 * ends at the same place.
 */
export function seriesTextEnd(b: Uint8Array, i: number): number {
  let c = b[i];
  if (!(isLetter(c) || c === 58)) return -1;
  while (isNameChar((c = b[++i])));
  if (c === LBRACE) {
    c = b[++i];
    if (c === RBRACE) c = b[++i];
    else
      for (;;) {
        if (!isLetter(c)) return -1;
        while (isLabelChar((c = b[++i])));
        if (c !== EQUALS || b[++i] !== QUOTE) return -1;
        for (;;) {
          c = b[++i];
          if (c === QUOTE) break;
          if (c === BACKSLASH) c = b[++i];
          if (c === LF || c === undefined) return -1;
        }
        c = b[++i];
        if (c === RBRACE) {
          c = b[++i];
          break;
        }
        if (c !== COMMA) return -1;
        c = b[++i];
      }
  }
  return c === SPACE ? i : -1;
}

/** Bytes [from, to) of a file (whole lines), and whether a "# EOF" line follows them there. */
export interface ScanRange {
  file: string;
  from: number;
  to: number;
  /** The range stands for a body that ends right after it (its own "# EOF" is appended). */
  appendEof: boolean;
}

/**
 * Streams the samples of an OpenMetrics body (non-strict, as forEachSample reads it) to `sink`.
 * Returns the number of newlines in the range, or -1 when it does not end with a "# EOF" line
 * (nor gets one appended): the plain parse then says what is wrong. Throws at any error.
 */
export function scanOpenMetrics(range: ScanRange, contentType: string, sink: ScanSink): number {
  const fd = openSync(range.file, 'r');
  try {
    let end = range.to;
    let after = 0; // newlines from `end` to the range's end
    if (!range.appendEof) {
      const tail = Buffer.alloc(Math.min(7, range.to - range.from));
      readAll(fd, tail, range.to - tail.length);
      const at = finalEofStart(tail);
      if (at < 0) return -1;
      end = range.to - tail.length + at;
      after = tail[tail.length - 1] === LF ? 1 : 0;
    } else if (range.to > range.from) {
      const last = Buffer.alloc(1);
      readAll(fd, last, range.to - 1);
      if (last[0] !== LF) return -1;
    }
    return new RepeatScanner(fd, contentType, sink).run(range.from, end) + after;
  } finally {
    closeSync(fd);
  }
}

function readAll(fd: number, buf: Buffer, at: number): void {
  for (let got = 0; got < buf.length;) {
    const n = readSync(fd, buf, got, buf.length - got, at + got);
    if (n === 0) throw new Error('the file changed while being read');
    got += n;
  }
}

/** Where the last line of `b`, "# EOF" (with or without its newline), starts; -1 if it is not so. */
function finalEofStart(b: Uint8Array): number {
  let n = b.length;
  if (n > 0 && b[n - 1] === LF) n--;
  const at = n - 5;
  if (at < 0 || (at > 0 && b[at - 1] !== LF)) return -1;
  for (let k = 0; k < 5; k++) if (b[at + k] !== EOF_LINE[k]) return -1;
  return at;
}

/** An entry of the texts table that waits for the parser's verdict on its line. */
const PENDING = -1;
/** An entry the parser did not vouch for: lines with its text go to the parser. */
const REFUSED = -2;

class RepeatScanner {
  /** The block being scanned. */
  private b = Buffer.allocUnsafe(BLOCK);
  // Series texts seen so far, their bytes kept in `texts`, found through an open-addressing
  // table of entry numbers + 1 over their hashes.
  private texts = new Uint8Array(1 << 16);
  private textWords = new DataView(this.texts.buffer);
  private textsUsed = 0;
  private slots = new Int32Array(1024);
  private readonly entryStart: number[] = [];
  private readonly entryLen: number[] = [];
  private readonly entryHash: number[] = [];
  private readonly entryHandle: number[] = [];
  // The run of lines waiting for the parser: its bytes, first line, and each line's entry (or -1).
  private runStart = -1;
  private runEnd = 0;
  private runLine = 0;
  private readonly runEntries: number[] = [];
  // Lines scanned, and the series of the line before by its entry's text and handle (a file
  // lists a series' samples together).
  private line = 0;
  private prevStart = 0;
  private prevLen = -1;
  private prevHandle = -1;
  // The value and timestamp read last by plainValueAndTimestamp.
  private value = 0;
  private ms = 0;

  constructor(
    private readonly fd: number,
    private readonly contentType: string,
    private readonly sink: ScanSink,
  ) {}

  /** Scans the file's lines in [from, end) (end follows a newline); returns their count. */
  run(from: number, end: number): number {
    let pos = from; // the file position of b[0]
    let filled = 0;
    while (pos + filled < end) {
      // Fill the block, then scan its whole lines; a partial last line moves to its start.
      const b = this.b;
      const want = Math.min(b.length - filled, end - pos - filled);
      const n = readSync(this.fd, b, filled, want, pos + filled);
      if (n === 0) throw new Error('the file changed while being read');
      filled += n;
      const limit = b.lastIndexOf(LF, filled - 1) + 1;
      if (limit === 0) {
        if (filled === b.length) this.b = Buffer.concat([b, Buffer.allocUnsafe(b.length)]);
        continue;
      }
      this.scanLines(b, limit);
      // The run's bytes are about to be overwritten.
      if (this.runStart >= 0) this.flush();
      b.copyWithin(0, limit, filled);
      pos += limit;
      filled -= limit;
    }
    return this.line;
  }

  /**
   * Scans the whole lines b[0, limit). A method of its own, called once a block: the JIT
   * optimises this loop alone, without the block handling around it.
   */
  private scanLines(b: Buffer, limit: number): void {
    const sink = this.sink;
    // Four bytes at a time where a series text is compared with the one before.
    const words = new DataView(b.buffer, b.byteOffset, b.length);
    let texts = this.texts;
    let textWords = this.textWords;
    let { line, prevStart, prevLen, prevHandle } = this;
    let ls = 0;
    while (ls < limit) {
      line++;
      let handle = -1;
      let textEnd = -1;
      if (prevLen >= 0 && b[ls + prevLen] === SPACE) {
        let k = 0;
        while (k + 4 <= prevLen && words.getInt32(ls + k) === textWords.getInt32(prevStart + k)) k += 4;
        while (k < prevLen && b[ls + k] === texts[prevStart + k]) k++;
        if (k === prevLen) {
          handle = prevHandle;
          textEnd = ls + prevLen;
        }
      }
      let entry = -1;
      if (handle < 0) {
        textEnd = seriesTextEnd(b, ls);
        if (textEnd >= 0) {
          entry = this.find(b, ls, textEnd);
          if (entry >= 0 && this.entryHandle[entry] === PENDING && this.runStart >= 0) this.flush();
          if (entry >= 0) handle = this.entryHandle[entry];
          else {
            entry = this.add(b, ls, textEnd);
            texts = this.texts; // grown, maybe
            textWords = this.textWords;
          }
        }
      }
      let next: number;
      if (handle >= 0 && (next = this.plainValueAndTimestamp(b, textEnd + 1)) >= 0) {
        if (this.runStart >= 0) this.flush();
        sink.repeat(handle, this.value, this.ms);
        if (entry >= 0) {
          prevStart = this.entryStart[entry];
          prevLen = this.entryLen[entry];
          prevHandle = handle;
        }
        ls = next + 1;
        continue;
      }
      // To the parser, with the entry this line makes known (or -1).
      if (this.runStart < 0) {
        this.runStart = ls;
        this.runLine = line;
      }
      this.runEntries.push(handle < 0 ? entry : -1);
      ls = this.runEnd = b.indexOf(LF, textEnd >= 0 ? textEnd : ls) + 1;
    }
    this.line = line;
    this.prevStart = prevStart;
    this.prevLen = prevLen;
    this.prevHandle = prevHandle;
  }

  /** Parses the waiting run of lines, and records the series of the entries its lines made. */
  private flush(): void {
    const { runEntries, entryHandle, sink } = this;
    const first = this.runLine;
    const piece = Buffer.concat([this.b.subarray(this.runStart, this.runEnd), EOF_LINE]);
    this.runStart = -1;
    forEachSample(piece, this.contentType, (name, flat, value, timestampMs, line) => {
      const handle = sink.parsed(name, flat, value, timestampMs, first + line - 1);
      const e = runEntries[line - 1];
      if (e >= 0) entryHandle[e] = handle;
    });
    for (const e of runEntries) if (e >= 0 && entryHandle[e] === PENDING) entryHandle[e] = REFUSED;
    runEntries.length = 0;
  }

  /**
   * Reads a plain value and a plain timestamp at `i` as the OpenMetrics parser's fast paths do
   * (same arithmetic, same doubles) into this.value / this.ms; returns the line's newline, or -1
   * for any other form (exemplars, NaN, no timestamp, ...): the parser then reads the line.
   */
  private plainValueAndTimestamp(b: Buffer, start: number): number {
    let i = start;
    let c = b[i];
    const negative = c === 45;
    if (negative) c = b[++i];
    let mantissa = 0;
    let digits = 0;
    let dotAt = -1;
    for (; ; c = b[++i]) {
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      } else if (c === 46 && dotAt < 0) dotAt = digits;
      else break;
    }
    let scale = dotAt < 0 ? 0 : dotAt - digits;
    if ((c | 0x20) === 101 /* e */ && digits > 0) {
      c = b[++i];
      const expNegative = c === 45;
      if (expNegative || c === 43) c = b[++i];
      let exp = 0;
      let expDigits = 0;
      for (; c >= 48 && c <= 57 && expDigits < 4; c = b[++i]) {
        exp = exp * 10 + (c - 48);
        expDigits++;
      }
      // No exponent digits, or more than this path reads: the parser decides.
      if (expDigits === 0 || expDigits === 4) return -1;
      scale += expNegative ? -exp : exp;
    }
    if (digits === 0 || c !== SPACE) return -1;
    let value: number;
    if (digits <= 15 && scale >= -22 && scale <= 22)
      value = scale === 0 ? mantissa : scale > 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    else {
      // Longer decimals (a double's 17 digits): parseGoFloat's own reading, Number() of the text.
      value = Number(b.toString('latin1', negative ? start + 1 : start, i));
      if (value === Infinity) return -1;
    }
    if (negative) value = -value;
    // The timestamp: float seconds, digits past the millisecond truncated.
    c = b[++i];
    const tsNegative = c === 45;
    if (tsNegative) c = b[++i];
    let whole = 0;
    let wholeDigits = 0;
    for (; c >= 48 && c <= 57; c = b[++i]) {
      whole = whole * 10 + (c - 48);
      wholeDigits++;
    }
    // The first three fraction digits, as the parser weighs them (100, 10, 1: integers, exact).
    let fractionDigits = 0;
    let frac = 0;
    if (c === 46) {
      for (c = b[++i]; c >= 48 && c <= 57; c = b[++i]) {
        if (fractionDigits < 3) frac = frac * 10 + (c - 48);
        fractionDigits++;
      }
      if (fractionDigits < 3) frac *= POW10[3 - fractionDigits];
    }
    if (wholeDigits === 0 || wholeDigits + fractionDigits > 15 || c !== LF) return -1;
    const ms = whole * 1000 + frac;
    this.value = value;
    this.ms = tsNegative && ms !== 0 ? -ms : ms;
    return i;
  }

  /** The entry of the series text b[from, to), or -1. */
  private find(b: Buffer, from: number, to: number): number {
    const h = hashOf(b, from, to);
    const { slots, texts, entryStart, entryLen, entryHash } = this;
    const mask = slots.length - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return -1;
      if (entryHash[e] !== h || entryLen[e] !== len) continue;
      const at = entryStart[e];
      let k = 0;
      while (k < len && texts[at + k] === b[from + k]) k++;
      if (k === len) return e;
    }
  }

  /** A new entry for the series text b[from, to), pending the parser's verdict. */
  private add(b: Buffer, from: number, to: number): number {
    const e = this.entryStart.length;
    const len = to - from;
    if (this.textsUsed + len > this.texts.length) {
      const grown = new Uint8Array(Math.max(this.texts.length * 2, this.textsUsed + len));
      grown.set(this.texts.subarray(0, this.textsUsed));
      this.texts = grown;
      this.textWords = new DataView(grown.buffer);
    }
    this.texts.set(b.subarray(from, to), this.textsUsed);
    const h = hashOf(b, from, to);
    this.entryStart.push(this.textsUsed);
    this.entryLen.push(len);
    this.entryHash.push(h);
    this.entryHandle.push(PENDING);
    this.textsUsed += len;
    if ((e + 1) * 2 > this.slots.length) this.rehash();
    else this.place(e, h);
    return e;
  }

  private place(e: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.entryStart.length; e++) this.place(e, this.entryHash[e]);
  }
}

/** FNV-1a of b[from, to). */
function hashOf(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i], 16777619);
  return h;
}
