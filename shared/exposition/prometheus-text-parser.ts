// The Prometheus text exposition format 0.0.4, accepting and rejecting exactly what Prometheus
// 2.42's scrape parser does (model/textparse promlex.l + promparse.go). A hand-written scanner
// over char codes, one pass, no backtracking, substrings only for what the visitor receives.
//
// Quirks kept on purpose because Prometheus has them (see the tests for each):
// - a NUL at the start of a record (after optional blanks), or inside a "#comment" without a
//   space after '#', ends the body silently; later lines are never read;
// - NULs are skipped inside quoted label values, "# " comments and HELP/TYPE text;
// - label values may span lines (a raw newline is accepted inside the quotes);
// - commas between label pairs are optional, one trailing comma is allowed;
// - HELP/TYPE text starts after exactly one separator character: "# TYPE x  counter" (two
//   spaces) is an invalid type, and "# HELP x.y" has help text "y";
// - "# HELP" with nothing after it is a plain comment, "# HELP " is an error;
// - no whitespace is needed between '}' and the value, and any run of non-blank characters is
//   the value: "a-1 2" is sample a = -1 at timestamp 2.
import { describeAt, errorAt } from './exposition-error';
import type { ExpositionError } from './exposition-error';
import { goFloatError, parseGoFloat, parseTimestamp } from '../format/go-float';
import * as chars from './chars';
import { unescapeQuoted, unescapeTextHelp } from './escapes';
import { hasLoneSurrogate } from './utf8';
import type { MetaBlocks, MetaEvent } from './meta-blocks';
import type { ExpositionVisitor, MetricType, ParserOptions } from './types';

const NUL = 0;
const TAB = 9;
const LF = 10;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

// Module-local copies of the class table, classes and helpers: calls through an imported binding cost a
// getter per character (or per value) under the CommonJS interop tsx and esbuild emit.
const CLASSES = chars.CLASS;
const LABEL_CHAR = chars.LABEL_CHAR;
const LABEL_START = chars.LABEL_START;
const NAME_CHAR = chars.NAME_CHAR;
const NAME_START = chars.NAME_START;
const parseFloatAt = parseGoFloat;
const parseTimestampAt = parseTimestamp;
function is(c: number, cls: number): boolean {
  return c < 128 && (CLASSES[c] & cls) !== 0;
}

// Chars that end a sample value token: NUL, tab, newline, space, '{' (and the end of input).
function endsValue(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === NUL || c === LBRACE || c !== c;
}

const METRIC_TYPES = new Map<string, MetricType>([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
  ['summary', 'summary'],
  ['untyped', 'untyped'],
]);

/** Returned by record readers when Prometheus's lexer would report EOF mid-body. */
const STOP = -1;

/** Any UTF-16 surrogate; a one-byte (Latin-1) string has none, and V8 answers that at once. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** Exact powers of ten: a mantissa below 2^53 times or divided by one rounds correctly. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Streams the entries of a Prometheus text-format body to `visitor`, in order. Throws
 * ExpositionError at the first line Prometheus would reject; entries before it have been
 * delivered by then.
 */
export function parsePrometheusText(
  body: string,
  visitor: ExpositionVisitor,
  options: ParserOptions = {},
): void {
  // Prometheus appends a newline, so a last line without one is complete.
  const src = body.length > 0 && body.charCodeAt(body.length - 1) === LF ? body : body + '\n';
  new Scanner(src, visitor, options.utf8Names ?? true).run();
}

class Scanner {
  private readonly src: string;
  private readonly n: number;
  private readonly visitor: ExpositionVisitor;
  private readonly utf8Names: boolean;
  /** 1-based number of the line holding `lineStart`. */
  private line = 1;
  private lineStart = 0;
  /** Line on which the current record starts (label values may span lines). */
  private recordLine = 1;
  /** The value and timestamp valueAndTimestamp() read last. */
  private value = 0;
  private timestamp: number | null = null;
  /** Whether the body holds any surrogate (else no text can be invalid UTF-8). */
  private readonly surrogates: boolean;
  /**
   * The first newline, backslash and NUL at or after some position already passed (n when there
   * is none): a quoted value that ends before all three needs no char-by-char scan.
   */
  private nextLf = -1;
  private nextBackslash = -1;
  private nextNul = -1;
  /** The visitor's memory of the last body's runs of '#' lines, if it has one. */
  private readonly blocks: MetaBlocks | undefined;
  /** Start of the run of '#' lines being read for `blocks` (-1: none), and its lines' events. */
  private blockStart = -1;
  private blockEvents: MetaEvent[] | null = null;
  private blockKept = true;

  constructor(src: string, visitor: ExpositionVisitor, utf8Names: boolean) {
    this.src = src;
    this.n = src.length;
    this.visitor = visitor;
    this.utf8Names = utf8Names;
    this.surrogates = SURROGATE.test(src);
    this.blocks = visitor.metaBlocks;
  }

  run(): void {
    const blocks = this.blocks;
    if (blocks === undefined) {
      this.records();
      return;
    }
    blocks.begin();
    this.records();
    blocks.complete();
  }

  private records(): void {
    const src = this.src;
    let i = 0;
    while (i < this.n) {
      this.recordLine = this.line;
      const recordStart = i;
      let c = src.charCodeAt(i);
      if (this.blocks !== undefined) {
        if (c === HASH) {
          if (this.blockStart < 0) {
            const events = this.blocks.match(src, i);
            if (events !== undefined) {
              i = this.replay(i, events);
              continue;
            }
            this.blockStart = i;
            this.blockEvents = [];
            this.blockKept = true;
          }
        } else if (this.blockStart >= 0) this.endBlock(i);
      }
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      let end: number;
      if (is(c, NAME_START) || (c === LBRACE && this.utf8Names)) end = this.sample(i, recordStart);
      else if (c === LF) end = i;
      else if (c === HASH) end = this.hashLine(i);
      else if (c === NUL) end = STOP;
      else throw this.fail(i, `expected metric name, comment or blank line, got ${describeAt(src, i)}`);
      if (end === STOP) {
        // The body ends here, with no run of '#' lines known complete.
        this.blockStart = -1;
        return;
      }
      // `end` is at the record's newline.
      i = end + 1;
      this.line++;
      this.lineStart = i;
    }
    if (this.blockStart >= 0) this.endBlock(i);
  }

  // A run of '#' lines the last body had at `start`: its lines' entries again, one line each.
  // Returns the position after the run.
  private replay(start: number, events: MetaEvent[]): number {
    const v = this.visitor;
    let length = 0;
    for (let k = 0; k < events.length; k++) {
      const e = events[k];
      if (e.kind === 'type') v.type?.(e.name, e.text as MetricType, this.line);
      else if (e.kind === 'help') v.help?.(e.name, e.text, this.line);
      else v.comment?.(e.text, this.line);
      this.line++;
      length += e.length;
    }
    this.lineStart = start + length;
    return this.lineStart;
  }

  // The run of '#' lines read in full ends at `end` (the next record's start).
  private endBlock(end: number): void {
    const events = this.blockEvents!;
    if (this.blockKept) this.blocks!.add(this.src, this.blockStart, end, events);
    this.blockStart = -1;
    this.blockEvents = null;
  }

  // Hands an entry of a '#' line to the visitor, and to the run being read.
  private emit(kind: MetaEvent['kind'], name: string, text: string, end: number): void {
    const v = this.visitor;
    if (kind === 'type') v.type?.(name, text as MetricType, this.recordLine);
    else if (kind === 'help') v.help?.(name, text, this.recordLine);
    else v.comment?.(text, this.recordLine);
    if (this.blockStart >= 0) this.blockEvents!.push({ kind, name, text, length: end + 1 - this.lineStart });
  }

  private fail(pos: number, reason: string): ExpositionError {
    return errorAt(this.src, pos, this.line, this.lineStart, reason);
  }

  // A line starting with '#': HELP, TYPE or a comment. Returns the position of its newline.
  private hashLine(hash: number): number {
    const src = this.src;
    let i = hash + 1;
    let c = src.charCodeAt(i);
    if (c !== SPACE && c !== TAB) {
      // "#text": read up to the newline; a NUL ends the body here (the lexer's EOF).
      for (; c !== LF; c = src.charCodeAt(++i)) if (c === NUL) return STOP;
      this.emit('comment', '', src.slice(hash, i), i);
      return i;
    }
    while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
    if (c === NUL) return STOP;
    const keyword = c === 72 /* H */ ? 'HELP' : c === 84 /* T */ ? 'TYPE' : null;
    if (keyword !== null) {
      // Match the rest of the keyword and at least one blank; NULs in between are invisible.
      let k = 1;
      for (; k < 4; k++) {
        i = this.skipNul(i + 1);
        if (src.charCodeAt(i) !== keyword.charCodeAt(k)) break;
      }
      if (k === 4) {
        i = this.skipNul(i + 1);
        c = src.charCodeAt(i);
        if (c === SPACE || c === TAB) {
          do i = this.skipNul(i + 1);
          while ((c = src.charCodeAt(i)) === SPACE || c === TAB);
          return this.meta(keyword, i);
        }
      }
    }
    const end = src.indexOf('\n', i);
    this.emit('comment', '', src.slice(hash, end), end);
    return end;
  }

  private skipNul(i: number): number {
    while (this.src.charCodeAt(i) === NUL) i++;
    return i;
  }

  // The metric name and text of a HELP or TYPE line; `i` is just after the keyword's blanks.
  private meta(keyword: 'HELP' | 'TYPE', i: number): number {
    const src = this.src;
    const nameStart = i;
    let name: string;
    if (is(src.charCodeAt(i), NAME_START)) {
      while (is(src.charCodeAt(++i), NAME_CHAR));
      name = src.slice(nameStart, i);
    } else if (src.charCodeAt(i) === QUOTE && this.utf8Names) {
      i = this.quotedEnd(i);
      name = this.quotedName(nameStart, i);
      // What a quoted name means depends on utf8Names: its run is not kept.
      this.blockKept = false;
    } else throw this.fail(i, `expected metric name after ${keyword}, got ${describeAt(src, i)}`);
    const c = src.charCodeAt(i);
    const end = c === LF ? i : src.indexOf('\n', i);
    // The text token starts right after the name and loses its first character, whatever it
    // is; blanks (and NULs) alone up to the newline are no text at all.
    let textStart = i + 1;
    if (c === LF || c === NUL) textStart = end;
    else if (c === SPACE || c === TAB) {
      let j = i + 1;
      for (
        let d = src.charCodeAt(j);
        j < end && (d === SPACE || d === TAB || d === NUL);
        d = src.charCodeAt(++j)
      );
      if (j === end) textStart = end;
    }
    if (keyword === 'TYPE') {
      const raw = src.slice(textStart, end);
      const type = METRIC_TYPES.get(raw);
      if (type === undefined) {
        throw this.fail(
          textStart,
          `invalid metric type ${JSON.stringify(raw)}, expected counter, gauge, histogram, summary or untyped`,
        );
      }
      if (c === NUL) throw this.fail(i, `expected end of line after TYPE, got NUL byte`);
      this.emit('type', name, type, end);
    } else {
      if (this.surrogates && hasLoneSurrogate(src, textStart, end)) {
        throw this.fail(textStart, 'help text is not valid UTF-8');
      }
      if (c === NUL) throw this.fail(i, `expected end of line after HELP, got NUL byte`);
      if (this.visitor.help !== undefined || this.blockStart >= 0) {
        this.emit('help', name, unescapeTextHelp(src.slice(textStart, end)), end);
      }
    }
    return end;
  }

  // A sample line with its metric name at `i`. Returns the position of its newline. Like
  // Prometheus 2.42, the name runs from the record's start, so blanks before it become part of
  // the name, which the scrape loop then rejects as invalid ("  foo" is not a metric name).
  private sample(i: number, recordStart: number): number {
    const src = this.src;
    let c = src.charCodeAt(i);
    if (this.visitor.known !== undefined && c !== LBRACE) {
      const end = this.knownSample(recordStart);
      if (end !== STOP) return end;
    }
    let name: string | null = null;
    if (c !== LBRACE) {
      while (is((c = src.charCodeAt(++i)), NAME_CHAR));
      name = src.slice(recordStart, i);
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
    }
    const labels: string[] = [];
    let textEnd = i;
    if (c === LBRACE) {
      const braceAt = i;
      i = this.labels(i + 1, labels, name === null);
      textEnd = i;
      if (name === null) {
        if (this.quotedMetricName === null) {
          // On the record's first line: a label value may have run over newlines since.
          throw errorAt(
            src,
            braceAt,
            this.recordLine,
            recordStart,
            'metric name not set: expected a quoted name inside "{}"',
          );
        }
        name = this.quotedMetricName;
      }
    } else if (name !== null) textEnd = recordStart + name.length;
    if (name === null) throw this.fail(i, 'metric name not set');
    i = this.valueAndTimestamp(i);
    // Only texts on one line may be known: the fast path does not count lines.
    const seriesText =
      this.visitor.known !== undefined && this.line === this.recordLine
        ? src.slice(recordStart, textEnd)
        : undefined;
    this.visitor.sample(name, labels, this.value, this.timestamp, this.recordLine, seriesText);
    return i;
  }

  // The fast path for a series the visitor already knows by its text: it checks the text it
  // expects here, and only the value is read. A known text was parsed in full before, so it is
  // valid and on one line; a full parse of this line ends its series text at the same place if
  // the known text ends with '}', or, for a bare name, if no name char, '{' or blanks + '{'
  // follow. Returns the newline's position, or STOP when the full path must parse the line.
  private knownSample(recordStart: number): number {
    const len = this.visitor.known!(this.src, recordStart);
    if (len < 0) return STOP;
    const src = this.src;
    let i = recordStart + len;
    if (src.charCodeAt(i - 1) !== RBRACE) {
      let c = src.charCodeAt(i);
      if (is(c, NAME_CHAR)) return STOP;
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      if (c === LBRACE) return STOP;
    }
    i = this.valueAndTimestamp(i);
    this.visitor.knownSample!(this.value, this.timestamp, this.recordLine);
    return i;
  }

  // The value and optional timestamp after the series text (blanks first); sets this.value and
  // this.timestamp and returns the position of the line's newline.
  private valueAndTimestamp(i: number): number {
    const src = this.src;
    let c = src.charCodeAt(i);
    while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
    if (endsValue(c)) throw this.fail(i, `expected value after metric, got ${describeAt(src, i)}`);
    const valueStart = i;
    // Read in the same pass as the scan: digits with an optional fraction and exponent, up to 15
    // digits and a power of ten up to 22 either way. Mantissa and power are then exact doubles,
    // and one multiplication or division rounds correctly: the same number parseGoFloat gives.
    // Anything else (signs, Inf/NaN, longer values, bad syntax) goes to parseGoFloat.
    let mantissa = 0;
    let digits = 0;
    let dotAt = -1;
    for (; ; c = src.charCodeAt(++i)) {
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      } else if (c === 46 && dotAt < 0) dotAt = digits;
      else break;
    }
    let scale = dotAt < 0 ? 0 : dotAt - digits;
    if ((c | 0x20) === 101 /* e */ && digits > 0) {
      c = src.charCodeAt(++i);
      const negative = c === 45; /* - */
      if (negative || c === 43 /* + */) c = src.charCodeAt(++i);
      let exp = 0;
      const expStart = i;
      for (; c >= 48 && c <= 57 && i - expStart < 3; c = src.charCodeAt(++i)) exp = exp * 10 + (c - 48);
      // No exponent digits, or more than three: parseGoFloat reads (or rejects) it.
      scale = i === expStart ? 99 : negative ? scale - exp : scale + exp;
    }
    if (digits > 0 && digits <= 15 && scale >= -22 && scale <= 22 && endsValue(c)) {
      this.value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    } else {
      while (!endsValue(c)) c = src.charCodeAt(++i);
      const value = parseFloatAt(src, valueStart, i);
      if (value === undefined) {
        const text = src.slice(valueStart, i);
        throw this.fail(
          valueStart,
          `expected float value, got ${JSON.stringify(text)} (${goFloatError(text)})`,
        );
      }
      this.value = value;
    }
    while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
    this.timestamp = null;
    if (c !== LF) {
      if (c < 48 || c > 57)
        throw this.fail(i, `expected timestamp or end of line, got ${describeAt(src, i)}`);
      const tsStart = i;
      let ts: number | undefined = c - 48;
      while ((c = src.charCodeAt(++i)) >= 48 && c <= 57) ts = ts * 10 + (c - 48);
      // Up to 15 digits the sum above is exact; longer ones need the int64 range check.
      if (i - tsStart > 15) ts = parseTimestampAt(src, tsStart, i);
      if (ts === undefined) {
        throw this.fail(tsStart, `timestamp ${src.slice(tsStart, i)} is out of the int64 range`);
      }
      this.timestamp = ts;
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      if (c !== LF) throw this.fail(i, `expected end of line after timestamp, got ${describeAt(src, i)}`);
    }
    return i;
  }

  /** The quoted metric name found by the last labels() call with a name slot, or null. */
  private quotedMetricName: string | null = null;

  // Label pairs after '{' up to and including '}'; returns the position after '}'. With
  // `nameSlot`, a quoted string followed by "," or "}" is the metric name (Prometheus 3).
  private labels(i: number, out: string[], nameSlot: boolean): number {
    const src = this.src;
    this.quotedMetricName = null;
    let c = src.charCodeAt(i);
    for (;;) {
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      if (c === RBRACE) return i + 1;
      const nameStart = i;
      let name: string;
      if (is(c, LABEL_START)) {
        while (is((c = src.charCodeAt(++i)), LABEL_CHAR));
        name = src.slice(nameStart, i);
      } else if (c === QUOTE && this.utf8Names) {
        i = this.quotedEnd(i);
        name = this.quotedName(nameStart, i);
        c = src.charCodeAt(i);
        while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
        if (c === COMMA || c === RBRACE) {
          if (!nameSlot) throw this.fail(nameStart, 'expected label name, got a quoted name without "="');
          if (this.quotedMetricName !== null) throw this.fail(nameStart, 'metric name already set');
          this.quotedMetricName = name;
          if (c === COMMA) c = src.charCodeAt(++i);
          continue;
        }
      } else throw this.fail(i, `expected label name or "}", got ${describeAt(src, i)}`);
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      if (c !== EQUALS) throw this.fail(i, `expected "=" after label name, got ${describeAt(src, i)}`);
      c = src.charCodeAt(++i);
      if (c === SPACE || c === TAB) {
        // Blanks before the quote are lexed in the label-value state, which skips NULs.
        do c = src.charCodeAt(++i);
        while (c === SPACE || c === TAB || c === NUL);
      }
      if (c !== QUOTE)
        throw this.fail(i, `expected label value (a quoted string), got ${describeAt(src, i)}`);
      // Fast path: no escape, NUL, newline or surrogate before the closing quote.
      const valueStart = i + 1;
      const close = this.plainValueEnd(valueStart);
      if (close >= 0) {
        out.push(name, src.slice(valueStart, close));
        c = src.charCodeAt((i = close + 1));
      } else {
        i = this.slowLabelValue(valueStart - 1, name, out);
        c = src.charCodeAt(i);
      }
      while (c === SPACE || c === TAB) c = src.charCodeAt(++i);
      if (c === COMMA) c = src.charCodeAt(++i);
    }
  }

  // The closing quote of a label value starting at `start` when no escape, NUL, newline or
  // surrogate comes before it and no NUL after it, else -1. Natively searched: the newline,
  // backslash and NUL positions ahead are found once and kept until the scan passes them.
  private plainValueEnd(start: number): number {
    const src = this.src;
    const close = src.indexOf('"', start);
    if (close < 0) return -1;
    if (this.nextLf < start) this.nextLf = indexOrEnd(src, '\n', start);
    if (this.nextBackslash < start) this.nextBackslash = indexOrEnd(src, '\\', start);
    if (this.nextNul < start) this.nextNul = indexOrEnd(src, '\0', start);
    if (close > this.nextLf || close > this.nextBackslash || close + 1 >= this.nextNul) return -1;
    if (this.surrogates && hasLoneSurrogate(src, start, close)) return -1;
    return close;
  }

  // Position after the closing quote of the quoted name at `quote` (no raw newline inside).
  private quotedEnd(quote: number): number {
    const src = this.src;
    let i = quote;
    for (;;) {
      let c = src.charCodeAt(++i);
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) c = src.charCodeAt(++i);
      if (c === LF || c !== c) throw this.fail(quote, 'unterminated quoted name');
    }
  }

  // The unescaped content of a quoted name src[quote, end), which must be valid and non-empty.
  private quotedName(quote: number, end: number): string {
    if (end - quote === 2) throw this.fail(quote, 'empty quoted name');
    if (hasLoneSurrogate(this.src, quote, end)) throw this.fail(quote, 'quoted name is not valid UTF-8');
    return unescapeQuoted(this.src.slice(quote + 1, end - 1));
  }

  // A quoted label value with escapes, NULs, newlines or non-BMP text, from its opening quote.
  // Returns the position after the token.
  private slowLabelValue(quote: number, name: string, out: string[]): number {
    const src = this.src;
    const quoteLine = this.line;
    const quoteLineStart = this.lineStart;
    let i = quote;
    let escaped = false;
    for (;;) {
      const c = src.charCodeAt((i = this.skipNul(i + 1)));
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        const d = src.charCodeAt((i = this.skipNul(i + 1)));
        if (d === LF || d !== d) {
          throw errorAt(
            src,
            i - 1,
            this.line,
            this.lineStart,
            'expected label value, got a backslash at the end of a line',
          );
        }
        continue;
      }
      if (c === LF) {
        this.line++;
        this.lineStart = i + 1;
      } else if (c !== c) {
        throw errorAt(
          src,
          quote,
          quoteLine,
          quoteLineStart,
          'expected label value, got an unterminated quoted string',
        );
      }
    }
    // The lexer's token also takes the NULs after the closing quote, and Prometheus then cuts
    // one character off each end of the token: those NULs shift the closing quote into the value.
    const end = this.skipNul(i + 1);
    if (hasLoneSurrogate(src, quote, end)) {
      throw errorAt(src, quote, quoteLine, quoteLineStart, 'invalid UTF-8 label value');
    }
    const raw = src.slice(quote + 1, end - 1);
    out.push(name, escaped ? unescapeQuoted(raw) : raw);
    return end;
  }
}

/** The first index of `search` in `src` at or after `from`, or src.length when there is none. */
function indexOrEnd(src: string, search: string, from: number): number {
  const at = src.indexOf(search, from);
  return at < 0 ? src.length : at;
}
