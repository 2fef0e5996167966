// OpenMetrics 1.0 text format: a hand-written scanner over char codes, one pass, no
// backtracking, with the syntax Prometheus's OpenMetrics parser accepts (single spaces as
// separators, no blank lines or free comments, no trailing comma, float-second timestamps,
// `# EOF` last). With `strict` (the default) the rules the spec adds across lines are checked
// too (openmetrics-rules.ts); without it, exactly what Prometheus 2.42's scrape parser rejects.
//
// Prometheus quirks kept: NUL bytes are ordinary characters inside label values and HELP /
// TYPE / UNIT text (and nowhere else); any `\x` other than \\, \" and \n stays as written; a
// metric name that ends in `_total` or `_bucket` is all Prometheus asks of an exemplar's owner.
import { describeAt, errorAt } from './exposition-error';
import type { ExpositionError } from './exposition-error';
import * as chars from './chars';
import { unescapeQuoted } from './escapes';
import { goFloatError, parseGoFloat } from '../format/go-float';
import { OpenMetricsRules } from './openmetrics-rules';
import * as groups from './seen-groups';
import { hasLoneSurrogate } from './utf8';
import type { ExpositionVisitor, MetricType, OpenMetricsOptions } from './types';

const LF = 10;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

// Module-local copies of the class table, classes and float reader: reads through an imported
// binding cost a getter each under the CommonJS interop tsx and esbuild emit.
const CLASSES = chars.CLASS;
const LABEL_CHAR = chars.LABEL_CHAR;
const LABEL_START = chars.LABEL_START;
const NAME_CHAR = chars.NAME_CHAR;
const NAME_START = chars.NAME_START;
const parseFloatAt = parseGoFloat;
const FNV_OFFSET = groups.FNV_OFFSET;
const FNV_PRIME = groups.FNV_PRIME;
const pairHash = groups.pairHash;
function is(c: number, cls: number): boolean {
  return c < 128 && (CLASSES[c] & cls) !== 0;
}

/** Any UTF-16 surrogate; a one-byte (Latin-1) string has none, and V8 answers that at once. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** Exact powers of ten: a mantissa of up to 15 digits times or over one is exact (as in parseGoFloat). */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

const METRIC_TYPES = new Map<string, MetricType>([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
  ['gaugehistogram', 'gaugehistogram'],
  ['summary', 'summary'],
  ['info', 'info'],
  ['stateset', 'stateset'],
  ['unknown', 'unknown'],
]);

/** Whether src holds the char codes a, b, c from `at` on. */
function charsAt(src: string, at: number, a: number, b: number, c: number): boolean {
  return src.charCodeAt(at) === a && src.charCodeAt(at + 1) === b && src.charCodeAt(at + 2) === c;
}

/** Suffixes Prometheus allows exemplars on (model/textparse allowedSuffixes). */
function exemplarSuffix(name: string): boolean {
  return name.endsWith('_total') || name.endsWith('_bucket');
}

/**
 * Streams the entries of an OpenMetrics body to `visitor`, in order. Throws ExpositionError at
 * the first line the format rejects; entries before it have been delivered by then.
 */
export function parseOpenMetrics(
  body: string,
  visitor: ExpositionVisitor,
  options: OpenMetricsOptions = {},
): void {
  new OpenMetricsScanner(body, visitor, options.utf8Names ?? true, options.strict ?? true).run();
}

class OpenMetricsScanner {
  private readonly src: string;
  private readonly n: number;
  private readonly visitor: ExpositionVisitor;
  private readonly utf8Names: boolean;
  private readonly rules: OpenMetricsRules | null;
  private line = 1;
  private lineStart = 0;
  /** The quoted metric name found by the last labels() call, or null. */
  private quotedMetricName: string | null = null;
  /** Whether the body holds any surrogate (else no text can be invalid UTF-8). */
  private readonly surrogates: boolean;
  /** In strict mode, pairHash() of each label pair of the sample line read last. */
  private pairHashes = new Int32Array(16);
  /**
   * The sample line read last: its metric name when written plain ('' when quoted), and per
   * pair index its label name when written plain ('' when quoted), that name's share of
   * pairHash(), and its value. A line that repeats them (the usual case: a family's lines
   * differ in a value or two) takes these strings again after one native comparison instead
   * of scanning and hashing them char by char, and later checks compare them by identity.
   */
  private lastName = '';
  private readonly lastLabelNames: string[] = [];
  private lastNameHashes = new Int32Array(16);
  private readonly lastValues: string[] = [];
  /**
   * The first newline and backslash at or after `lfFrom` / `backslashFrom` (n when there is
   * none): a quoted value that closes before both needs no char-by-char scan.
   */
  private lfFrom = 0;
  private nextLf = -1;
  private backslashFrom = 0;
  private nextBackslash = -1;

  constructor(src: string, visitor: ExpositionVisitor, utf8Names: boolean, strict: boolean) {
    this.src = src;
    this.n = src.length;
    this.visitor = visitor;
    this.utf8Names = utf8Names;
    this.surrogates = SURROGATE.test(src);
    this.rules = strict
      ? new OpenMetricsRules(
          (reason, line, lineStart) => errorAt(src, lineStart, line, lineStart, reason),
          (lineStart) => this.sampleAt(lineStart),
        )
      : null;
  }

  run(): void {
    const src = this.src;
    let i = 0;
    for (;;) {
      if (i >= this.n) throw this.fail(i, 'the body does not end with "# EOF"');
      const c = src.charCodeAt(i);
      let end: number;
      if (c === HASH) {
        if (src.charCodeAt(i + 2) === 69 /* E */ && src.startsWith('# EOF', i)) {
          const after = i + 5;
          if (after === this.n || (after + 1 === this.n && src.charCodeAt(after) === LF)) {
            this.rules?.end();
            return;
          }
          throw this.fail(after, `unexpected data after "# EOF": ${describeAt(src, after)}`);
        }
        end = this.hashLine(i);
      } else if (is(c, NAME_START) || (c === LBRACE && this.utf8Names)) end = this.sample(i);
      else if (c === LF) throw this.fail(i, 'blank lines are not allowed in OpenMetrics');
      else
        throw this.fail(
          i,
          `expected metric name, "# HELP", "# TYPE", "# UNIT" or "# EOF", got ${describeAt(src, i)}`,
        );
      i = end + 1;
      this.line++;
      this.lineStart = i;
    }
  }

  private fail(pos: number, reason: string): ExpositionError {
    return errorAt(this.src, pos, this.line, this.lineStart, reason);
  }

  /** Position of the newline ending the line at `pos`; throws when the body ends first. */
  private lineEnd(pos: number): number {
    const end = this.src.indexOf('\n', pos);
    if (end < 0) throw this.fail(this.n, 'the body does not end with "# EOF"');
    return end;
  }

  // "# HELP name text", "# TYPE name type" or "# UNIT name unit". Returns its newline.
  private hashLine(hash: number): number {
    const src = this.src;
    // "# HELP ", "# TYPE " or "# UNIT " (src[hash] is "#"), by char codes (cheaper than
    // startsWith).
    const k = src.charCodeAt(hash + 2);
    const kw =
      src.charCodeAt(hash + 1) !== SPACE || src.charCodeAt(hash + 6) !== SPACE
        ? null
        : k === 72 /* H */ && charsAt(src, hash + 3, 69, 76, 80) /* ELP */
          ? 'HELP'
          : k === 84 /* T */ && charsAt(src, hash + 3, 89, 80, 69) /* YPE */
            ? 'TYPE'
            : k === 85 /* U */ && charsAt(src, hash + 3, 78, 73, 84) /* NIT */
              ? 'UNIT'
              : null;
    if (kw === null) {
      throw this.fail(
        hash,
        'expected "# HELP ", "# TYPE ", "# UNIT " or "# EOF" (OpenMetrics has no other comments)',
      );
    }
    let i = hash + 7;
    const c = src.charCodeAt(i);
    let name: string;
    if (is(c, NAME_START)) {
      // Usually the name of the line before (HELP, then TYPE, then a gauge's samples).
      const last = this.lastName;
      const end = i + last.length;
      if (
        last !== '' &&
        src.charCodeAt(end) === SPACE &&
        src.charCodeAt(end - 1) === last.charCodeAt(last.length - 1) &&
        src.slice(i, end) === last
      ) {
        name = last;
        i = end;
      } else {
        const start = i;
        while (is(src.charCodeAt(++i), NAME_CHAR));
        name = src.slice(start, i);
        this.lastName = name;
      }
    } else if (c === QUOTE && this.utf8Names) {
      const end = this.quotedEnd(i);
      name = this.quotedName(i, end);
      i = end;
    } else throw this.fail(i, `expected metric name after ${kw}, got ${describeAt(src, i)}`);
    if (src.charCodeAt(i) !== SPACE) {
      throw this.fail(
        i,
        `expected a space and text after the metric name in ${kw}, got ${describeAt(src, i)}`,
      );
    }
    const textStart = i + 1;
    const end = this.lineEnd(textStart);
    const text = src.slice(textStart, end);
    if (kw === 'TYPE') {
      const type = METRIC_TYPES.get(text);
      if (type === undefined) {
        throw this.fail(
          textStart,
          `invalid metric type ${JSON.stringify(text)}, expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown`,
        );
      }
      this.rules?.meta('TYPE', name, type, this.line, this.lineStart);
      this.visitor.type?.(name, type, this.line);
    } else if (kw === 'HELP') {
      if (this.surrogates && hasLoneSurrogate(src, textStart, end))
        throw this.fail(textStart, 'help text is not valid UTF-8');
      this.rules?.meta('HELP', name, text, this.line, this.lineStart);
      this.visitor.help?.(name, unescapeQuoted(text), this.line);
    } else {
      if (text !== '' && !(name.endsWith(text) && name.charCodeAt(name.length - text.length - 1) === 95)) {
        throw this.fail(
          textStart,
          `unit ${JSON.stringify(text)} is not a suffix of metric ${JSON.stringify(name)}`,
        );
      }
      this.rules?.meta('UNIT', name, text, this.line, this.lineStart);
      this.visitor.unit?.(name, text, this.line);
    }
    return end;
  }

  // Position after the closing quote of the quoted string at `quote` (no raw newline inside).
  private quotedEnd(quote: number): number {
    const src = this.src;
    let i = quote;
    for (;;) {
      let c = src.charCodeAt(++i);
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) c = src.charCodeAt(++i);
      if (c === LF || c !== c)
        throw errorAt(src, quote, this.line, this.lineStart, 'unterminated quoted string');
    }
  }

  // The unescaped content of a quoted name src[quote, end), which must be valid and non-empty.
  private quotedName(quote: number, end: number): string {
    if (end - quote === 2) throw this.fail(quote, 'empty quoted name');
    if (hasLoneSurrogate(this.src, quote, end)) throw this.fail(quote, 'quoted name is not valid UTF-8');
    return unescapeQuoted(this.src.slice(quote + 1, end - 1));
  }

  // A sample line starting at `start` (a name or "{"). Returns its newline.
  private sample(start: number): number {
    const src = this.src;
    let i = start;
    let name: string | null = null;
    let c = src.charCodeAt(i);
    if (c !== LBRACE) {
      const last = this.lastName;
      const end = start + last.length;
      c = src.charCodeAt(end);
      // The last chars first: comparing two body slices of 13 chars or more is a runtime call
      // even when they differ (a histogram's _bucket, _sum and _count lines follow each other).
      if (
        (c === LBRACE || c === SPACE) &&
        last !== '' &&
        src.charCodeAt(end - 1) === last.charCodeAt(last.length - 1) &&
        src.slice(start, end) === last
      ) {
        name = last;
        i = end;
      } else {
        i = start;
        while (is((c = src.charCodeAt(++i)), NAME_CHAR));
        name = src.slice(start, i);
        this.lastName = name;
      }
    }
    let labels: string[];
    if (c === LBRACE) {
      labels = [];
      i = this.labels(i + 1, labels, name === null, true);
      if (name === null) {
        if (this.quotedMetricName === null)
          throw this.fail(start, 'metric name not set: expected a quoted name inside "{}"');
        name = this.quotedMetricName;
      }
      c = src.charCodeAt(i);
    } else labels = [];
    if (name === null) throw this.fail(start, 'metric name not set');
    const valueStart = i + 1;
    if (c !== SPACE || valueStart >= this.n || this.endsToken(src.charCodeAt(valueStart))) {
      throw this.fail(
        c === SPACE ? valueStart : i,
        `expected a space and a value after the metric, got ${describeAt(src, c === SPACE ? valueStart : i)}`,
      );
    }
    // Plain decimals (an optional "-", up to 15 digits, one optional ".", an optional exponent
    // that keeps the power of ten exact) are read in the scan itself, to the same double
    // parseGoFloat gives (with its arithmetic); anything else goes to it.
    i = valueStart;
    c = src.charCodeAt(i);
    const negative = c === 45;
    if (negative) c = src.charCodeAt(++i);
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
      const expNegative = c === 45;
      if (expNegative || c === 43) c = src.charCodeAt(++i);
      let exp = 0;
      let expDigits = 0;
      for (; c >= 48 && c <= 57 && expDigits < 4; c = src.charCodeAt(++i)) {
        exp = exp * 10 + (c - 48);
        expDigits++;
      }
      // No exponent digits (or too many for this path): the general path decides.
      scale = expDigits === 0 || expDigits === 4 ? 99 : scale + (expNegative ? -exp : exp);
    }
    let value: number;
    if (digits > 0 && digits <= 15 && scale >= -22 && scale <= 22 && (c === SPACE || c === LF)) {
      value = scale === 0 ? mantissa : scale > 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
      if (negative) value = -value;
    } else {
      i = this.tokenEnd(valueStart);
      value = this.float(valueStart, i, 'value');
      c = src.charCodeAt(i);
    }
    let tsSeconds: number | null = null;
    let timestampMs: number | null = null;
    let exemplarAt = -1;
    if (c === SPACE) {
      if (src.charCodeAt(i + 1) === HASH && src.startsWith('# {', i + 1)) exemplarAt = i + 3;
      else {
        const tsStart = i + 1;
        if (tsStart >= this.n || this.endsToken(src.charCodeAt(tsStart))) {
          throw this.fail(tsStart, `expected timestamp or exemplar, got ${describeAt(src, tsStart)}`);
        }
        i = this.fastTimestamp(tsStart);
        if (i >= 0) {
          tsSeconds = this.tsSeconds;
          timestampMs = this.tsMs;
        } else {
          i = this.tokenEnd(tsStart);
          tsSeconds = this.timestamp(tsStart, i);
          timestampMs = timestampToMs(src, tsStart, i, tsSeconds);
        }
        c = src.charCodeAt(i);
        if (c === SPACE && src.startsWith('# {', i + 1)) exemplarAt = i + 3;
        else if (c !== LF) {
          throw this.fail(i, `expected end of line or exemplar after timestamp, got ${describeAt(src, i)}`);
        }
      }
    } else if (c !== LF) {
      throw this.fail(i, 'the body does not end with "# EOF"');
    }
    const line = this.line;
    if (exemplarAt < 0) {
      this.rules?.sample(name, labels, this.pairHashes, value, tsSeconds, false, line, this.lineStart);
      this.visitor.sample(name, labels, value, timestampMs, line);
      return i;
    }
    if (this.rules === null && !exemplarSuffix(name)) {
      throw this.fail(exemplarAt - 3, `metric name ${name} does not support exemplars`);
    }
    const exLabels: string[] = [];
    i = this.labels(exemplarAt + 1, exLabels, false, false);
    c = src.charCodeAt(i);
    const exValueStart = i + 1;
    if (c !== SPACE || exValueStart >= this.n || this.endsToken(src.charCodeAt(exValueStart))) {
      throw this.fail(
        c === SPACE ? exValueStart : i,
        `expected a space and a value after the exemplar labels, got ${describeAt(src, c === SPACE ? exValueStart : i)}`,
      );
    }
    i = this.tokenEnd(exValueStart);
    const exValue = this.float(exValueStart, i, 'exemplar value');
    let exTs: number | null = null;
    let exTsStart = 0;
    c = src.charCodeAt(i);
    if (c === SPACE) {
      const tsStart = i + 1;
      if (tsStart >= this.n || this.endsToken(src.charCodeAt(tsStart))) {
        throw this.fail(tsStart, `expected exemplar timestamp, got ${describeAt(src, tsStart)}`);
      }
      i = this.tokenEnd(tsStart);
      exTs = this.timestamp(tsStart, i);
      exTsStart = tsStart;
      c = src.charCodeAt(i);
    }
    if (c !== LF) {
      throw this.fail(
        i,
        c !== c
          ? 'the body does not end with "# EOF"'
          : `expected end of line after exemplar, got ${describeAt(src, i)}`,
      );
    }
    this.rules?.sample(name, labels, this.pairHashes, value, tsSeconds, true, line, this.lineStart);
    this.rules?.exemplar(exLabels, line, this.lineStart);
    this.visitor.sample(name, labels, value, timestampMs, line);
    this.visitor.exemplar?.(
      exLabels,
      exValue,
      exTs === null ? null : timestampToMs(src, exTsStart, i, exTs),
      line,
    );
    return i;
  }

  /** The seconds and milliseconds fastTimestamp() read last. */
  private tsSeconds = 0;
  private tsMs = 0;

  // A plain decimal timestamp at `start` (an optional "-", digits before the point, up to 15 in
  // all) ending at a space or newline: sets tsSeconds to what parseGoFloat gives and tsMs to what
  // timestampToMs gives, the same arithmetic in one pass. Returns its end, or -1 for any other
  // form (the general path reads it).
  private fastTimestamp(start: number): number {
    const src = this.src;
    let i = start;
    let c = src.charCodeAt(i);
    const negative = c === 45;
    if (negative) c = src.charCodeAt(++i);
    let whole = 0;
    let wholeDigits = 0;
    for (; c >= 48 && c <= 57; c = src.charCodeAt(++i)) {
      whole = whole * 10 + (c - 48);
      wholeDigits++;
    }
    let mantissa = whole;
    let fractionDigits = 0;
    let frac = 0;
    let scale = 100;
    if (c === 46) {
      for (c = src.charCodeAt(++i); c >= 48 && c <= 57; c = src.charCodeAt(++i)) {
        mantissa = mantissa * 10 + (c - 48);
        fractionDigits++;
        // Digits past the millisecond are truncated away.
        if (scale >= 1) frac += (c - 48) * scale;
        scale /= 10;
      }
    }
    if (wholeDigits === 0 || wholeDigits + fractionDigits > 15 || (c !== SPACE && c !== LF)) return -1;
    const seconds = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
    this.tsSeconds = negative ? -seconds : seconds;
    const ms = whole * 1000 + frac;
    this.tsMs = negative && ms !== 0 ? -ms : ms;
    return i;
  }

  // The name and labels of a sample line parsed before, read again from `start` (the rules keep
  // positions of lines, not their labels).
  private sampleAt(start: number): { name: string; labels: string[] } {
    const src = this.src;
    let i = start;
    let c = src.charCodeAt(i);
    let name: string | null = null;
    if (c !== LBRACE) {
      while (is((c = src.charCodeAt(++i)), NAME_CHAR));
      name = src.slice(start, i);
    }
    const labels: string[] = [];
    if (c === LBRACE) {
      this.labels(i + 1, labels, name === null, false);
      name ??= this.quotedMetricName;
    }
    return { name: name ?? '', labels };
  }

  // A value or timestamp token ends at a space, a newline or the end of the body.
  private endsToken(c: number): boolean {
    return c === SPACE || c === LF;
  }

  private tokenEnd(i: number): number {
    const src = this.src;
    let c: number;
    do c = src.charCodeAt(++i);
    while (c !== SPACE && c !== LF && c === c);
    return i;
  }

  private float(start: number, end: number, what: string): number {
    const v = parseFloatAt(this.src, start, end);
    if (v === undefined) {
      const text = this.src.slice(start, end);
      throw this.fail(start, `expected float ${what}, got ${JSON.stringify(text)} (${goFloatError(text)})`);
    }
    return v;
  }

  // A timestamp in float seconds; NaN and infinities are not timestamps.
  private timestamp(start: number, end: number): number {
    const v = parseFloatAt(this.src, start, end);
    if (v === undefined || v !== v || v === Infinity || v === -Infinity) {
      const text = this.src.slice(start, end);
      const why = v === undefined ? goFloatError(text) : 'not a finite number';
      throw this.fail(start, `expected timestamp (float seconds), got ${JSON.stringify(text)} (${why})`);
    }
    return v;
  }

  /**
   * Label pairs after "{" up to and including "}", into `out`. With `nameSlot` a quoted metric
   * name may stand among them (the line started with "{"); it goes to this.quotedMetricName.
   * With `sampleLine` (a sample's labels, not an exemplar's or a line read again) the pairs are
   * compared with the last sample line's and kept for the next, and in strict mode hashed.
   * Returns the position after "}".
   */
  private labels(i: number, out: string[], nameSlot: boolean, sampleLine: boolean): number {
    const src = this.src;
    const hashing = sampleLine && this.rules !== null;
    const lastNames = this.lastLabelNames;
    let name: string | null = null;
    this.quotedMetricName = null;
    let c = src.charCodeAt(i);
    if (c === RBRACE) return i + 1;
    for (;;) {
      let label: string;
      let nameHash = 0;
      const nameStart = i;
      const k = out.length >> 1;
      // The last line's name at this index, when there is one and it was plain.
      const last = sampleLine && k < lastNames.length ? lastNames[k] : '';
      let sameName = false;
      if (is(c, LABEL_START)) {
        const end = nameStart + last.length;
        if (last !== '' && src.charCodeAt(end) === EQUALS && src.slice(nameStart, end) === last) {
          label = last;
          nameHash = this.lastNameHashes[k];
          sameName = true;
          i = end;
          c = EQUALS;
        } else {
          if (hashing) {
            // pairHash()'s start, over the name as it is read.
            nameHash = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
            while (is((c = src.charCodeAt(++i)), LABEL_CHAR)) nameHash = Math.imul(nameHash ^ c, FNV_PRIME);
            nameHash = Math.imul(nameHash ^ EQUALS, FNV_PRIME);
          } else while (is((c = src.charCodeAt(++i)), LABEL_CHAR));
          label = src.slice(nameStart, i);
          if (sampleLine) this.keepName(k, label, nameHash);
        }
      } else if (c === QUOTE && this.utf8Names) {
        i = this.quotedEnd(i);
        const quoted = this.quotedName(nameStart, i);
        if (sampleLine) this.keepName(k, '', 0);
        c = src.charCodeAt(i);
        if (c === COMMA || c === RBRACE) {
          if (!nameSlot) {
            throw this.fail(
              nameStart,
              'expected label name, got a quoted name without "=" (a metric name is not allowed here)',
            );
          }
          if (name !== null) throw this.fail(nameStart, 'metric name already set');
          name = quoted;
          this.quotedMetricName = quoted;
          if (c === RBRACE) return i + 1;
          c = src.charCodeAt(++i);
          if (c === RBRACE) throw this.fail(i, 'expected label name after ",", got "}"');
          continue;
        }
        label = quoted;
      } else {
        throw this.fail(
          i,
          `expected label name${out.length === 0 && name === null ? ' or "}"' : ''}, got ${describeAt(src, i)}`,
        );
      }
      if (c !== EQUALS) throw this.fail(i, `expected "=" after label name, got ${describeAt(src, i)}`);
      c = src.charCodeAt(++i);
      if (c !== QUOTE)
        throw this.fail(i, `expected label value (a quoted string), got ${describeAt(src, i)}`);
      const valueStart = i + 1;
      const close = this.plainValueEnd(valueStart);
      if (close >= 0) {
        let value = src.slice(valueStart, close);
        if (hashing) {
          const lastValue = this.lastValues[k];
          // The same pair as the last line's at this index: its hash is still in pairHashes.
          // (Length and last char first: comparing two strings of 13 chars or more, slices of
          // the body, is a slow call even when they differ there.)
          if (
            sameName &&
            close - valueStart === lastValue.length &&
            (close === valueStart ||
              src.charCodeAt(close - 1) === lastValue.charCodeAt(close - valueStart - 1)) &&
            value === lastValue
          )
            value = lastValue;
          else {
            // pairHash(label, value), over the body: the name's part is known (or quoted: below).
            let h = nameHash === 0 ? pairHash(label, '') : nameHash;
            for (let m = valueStart; m < close; m++) h = Math.imul(h ^ src.charCodeAt(m), FNV_PRIME);
            this.setPairHash(k, h);
            this.lastValues[k] = value;
          }
        }
        // One value a push: a push of two is a call, one is inlined.
        out.push(label);
        out.push(value);
        c = src.charCodeAt((i = close + 1));
        if (c === RBRACE) return i + 1;
        if (c !== COMMA)
          throw this.fail(i, `expected "," or "}" after label value, got ${describeAt(src, i)}`);
        c = src.charCodeAt(++i);
        if (c === RBRACE)
          throw this.fail(i, 'expected label name after ",", got "}" (no trailing comma in OpenMetrics)');
        continue;
      }
      let escaped = false;
      for (;;) {
        c = src.charCodeAt(++i);
        if (c === QUOTE) break;
        if (c === BACKSLASH) {
          escaped = true;
          c = src.charCodeAt(++i);
        }
        if (c === LF || c !== c) {
          throw this.fail(valueStart - 1, 'expected label value, got an unterminated quoted string');
        }
        if ((c & 0xf800) === 0xd800) {
          if (c <= 0xdbff && (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
          else throw this.fail(valueStart - 1, 'invalid UTF-8 label value');
        }
      }
      const value = escaped ? unescapeQuoted(src.slice(valueStart, i)) : src.slice(valueStart, i);
      if (hashing) {
        this.setPairHash(k, pairHash(label, value));
        this.lastValues[k] = value;
      }
      out.push(label, value);
      c = src.charCodeAt(++i);
      if (c === RBRACE) return i + 1;
      if (c !== COMMA) throw this.fail(i, `expected "," or "}" after label value, got ${describeAt(src, i)}`);
      c = src.charCodeAt(++i);
      if (c === RBRACE)
        throw this.fail(i, 'expected label name after ",", got "}" (no trailing comma in OpenMetrics)');
    }
  }

  // The plain label name at index `k` of this sample line ('' for a quoted one) and its hash.
  private keepName(k: number, label: string, nameHash: number): void {
    const names = this.lastLabelNames;
    while (names.length <= k) names.push('');
    names[k] = label;
    if (k >= this.lastNameHashes.length) {
      const grown = new Int32Array(this.lastNameHashes.length * 2);
      grown.set(this.lastNameHashes);
      this.lastNameHashes = grown;
    }
    this.lastNameHashes[k] = nameHash;
    // A new name: its value's hash is not kept yet.
    while (this.lastValues.length <= k) this.lastValues.push('');
  }

  private setPairHash(k: number, h: number): void {
    if (k >= this.pairHashes.length) {
      const grown = new Int32Array(this.pairHashes.length * 2);
      grown.set(this.pairHashes);
      this.pairHashes = grown;
    }
    this.pairHashes[k] = h;
  }

  // The closing quote of a label value starting at `start` when no backslash, newline or
  // surrogate comes before it, else -1. Natively searched: the newline and backslash ahead are
  // found once and kept while the scan is between where they were searched from and them
  // (sampleAt() reads earlier lines again).
  private plainValueEnd(start: number): number {
    const src = this.src;
    const close = src.indexOf('"', start);
    if (close < 0 || this.surrogates) return -1;
    if (start < this.lfFrom || start > this.nextLf) {
      this.lfFrom = start;
      this.nextLf = indexOrEnd(src, '\n', start);
    }
    if (close > this.nextLf) return -1;
    if (start < this.backslashFrom || start > this.nextBackslash) {
      this.backslashFrom = start;
      this.nextBackslash = indexOrEnd(src, '\\', start);
    }
    return close > this.nextBackslash ? -1 : close;
  }
}

/** The first index of `search` in `src` at or after `from`, or src.length when there is none. */
function indexOrEnd(src: string, search: string, from: number): number {
  const at = src.indexOf(search, from);
  return at < 0 ? src.length : at;
}

/**
 * Milliseconds of a timestamp written as float seconds in src[start, end), truncated toward zero.
 * Plain decimals are converted digit by digit, so "1700000000.123" is exactly ...123 ms (Go's
 * int64(seconds * 1000) would give ...122 from the binary double); other forms snap to the
 * nearest millisecond when the product is within rounding error of it.
 */
export function timestampToMs(src: string, start: number, end: number, seconds: number): number {
  let i = start;
  const c0 = src.charCodeAt(i);
  const negative = c0 === 45;
  if (negative || c0 === 43) i++;
  let whole = 0;
  let digits = 0;
  let c = src.charCodeAt(i);
  for (; i < end && c >= 48 && c <= 57; c = src.charCodeAt(++i)) {
    whole = whole * 10 + (c - 48);
    digits++;
  }
  if (digits > 0 && digits <= 15 && (i === end || c === 46)) {
    let frac = 0;
    let scale = 100;
    if (c === 46) {
      for (c = src.charCodeAt(++i); i < end && c >= 48 && c <= 57; c = src.charCodeAt(++i)) {
        // Digits past the millisecond are truncated away.
        if (scale >= 1) frac += (c - 48) * scale;
        scale /= 10;
      }
    }
    if (i === end) {
      const ms = whole * 1000 + frac;
      return negative && ms !== 0 ? -ms : ms;
    }
  }
  const x = seconds * 1000;
  const r = Math.round(x);
  const ms = Math.abs(x - r) <= Math.abs(x) * 1e-12 ? r : Math.trunc(x);
  return ms === 0 ? 0 : ms;
}
