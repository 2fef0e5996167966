// Float64s in the text forms Go (and so Prometheus) reads and writes them, in one place.
//  - Reading: sample values and timestamps the way Prometheus 2.42 reads them: Go's
//    strconv.ParseFloat minus the Go 1.13 additions (Prometheus rejects any 'p', 'P' or '_'), and
//    strconv.ParseInt base 10 for int64 timestamps. Hex floats therefore never parse: without 'p'
//    Go rejects them too.
//  - Writing: Go's strconv.FormatFloat in the forms Prometheus uses: the API's JSON and /metrics
//    (formatGoFloat), %v and 'g' (formatGoFloatG: PromQL's printer; `le` and `quantile` label
//    values in Prometheus 3's canonical form), 'f' (formatFloatF: count_values).

// Exact powers of ten: mantissa (< 2^53) times or divided by one of these rounds correctly.
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Parses src[start, end) as a Prometheus sample value. Returns undefined when Prometheus would
 * fail the parse; `goFloatError` then says why.
 */
export function parseGoFloat(src: string, start: number, end: number): number | undefined {
  let i = start;
  let c = src.charCodeAt(i);
  let negative = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    if (++i >= end) return undefined;
    c = src.charCodeAt(i);
  }
  if (c > 57 /* 9 */) return parseSpecial(src, start, end);
  // Fast path: [digits][.digits][e[+-]digits] with at most 15 digits (exact in a double).
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let sawDot = false;
  for (; i < end; i++) {
    c = src.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (sawDot) fraction++;
    } else if (c === 46 /* . */ && !sawDot) {
      sawDot = true;
    } else break;
  }
  if (digits === 0) return undefined;
  let exp = 0;
  if (i < end) {
    if ((c | 0x20) !== 101 /* e */) return undefined;
    if (++i >= end) return undefined;
    c = src.charCodeAt(i);
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      if (++i >= end) return undefined;
    }
    const expStart = i;
    for (; i < end; i++) {
      c = src.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      // Saturate: any exponent this large already means 0 or out of range.
      if (exp < 100000) exp = exp * 10 + (c - 48);
    }
    if (i === expStart) return undefined;
    if (expNegative) exp = -exp;
  }
  let value: number;
  const scale = exp - fraction;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
  } else {
    // Grammar already checked; JS Number() rounds decimal literals correctly, like Go.
    value = Number(src.slice(negative || src.charCodeAt(start) === 43 ? start + 1 : start, end));
  }
  // Go reports overflow to ±Inf as ErrRange, and Prometheus fails the parse on it.
  if (value === Infinity) return undefined;
  return negative ? -value : value;
}

// Go's special(): [+-]inf, [+-]infinity, nan (no sign), any letter case.
function parseSpecial(src: string, start: number, end: number): number | undefined {
  const c = src.charCodeAt(start);
  const signed = c === 45 || c === 43;
  const word = src.slice(signed ? start + 1 : start, end).toLowerCase();
  if (word === 'inf' || word === 'infinity') return c === 45 ? -Infinity : Infinity;
  if (word === 'nan' && !signed) return NaN;
  return undefined;
}

/** Why parseGoFloat rejected `text`, in the words of Prometheus / Go. */
export function goFloatError(text: string): string {
  if (/[pP_]/.test(text)) return 'unsupported character in float';
  const looksFinite = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  return looksFinite ? 'value out of range' : 'invalid syntax';
}

/** Int64 max as decimal digits, for the overflow check without BigInt. */
const INT64_MAX = '9223372036854775807';

/**
 * Parses src[start, end), known to be ASCII digits only, as Go's ParseInt(s, 10, 64). Returns
 * undefined on int64 overflow. Values beyond 2^53 lose precision in a JS number.
 */
export function parseTimestamp(src: string, start: number, end: number): number | undefined {
  if (end - start <= 15) {
    let v = 0;
    for (let i = start; i < end; i++) v = v * 10 + (src.charCodeAt(i) - 48);
    return v;
  }
  let i = start;
  while (i < end - 1 && src.charCodeAt(i) === 48) i++;
  const digits = src.slice(i, end);
  if (digits.length > 19 || (digits.length === 19 && digits > INT64_MAX)) return undefined;
  return Number(digits);
}

/**
 * Floats as Prometheus's JSON writes them (web/api/v1 marshalPointJSON): Go's strconv.AppendFloat
 * with 'f' format, or 'e' format when |v| < 1e-6 or |v| >= 1e21, shortest digits that round-trip;
 * NaN, +Inf, -Inf. JS uses the same shortest digits and the same thresholds for exponent form; Go
 * writes at least two exponent digits (1e-07).
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = s[e + 1];
  const digits = s.slice(e + 2);
  return `${s.slice(0, e)}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

/** Go's shortest 'g' format: %e when the exponent is < -4 or >= 6 (Go's rule for shortest). */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest digits that round-trip, as Go does.
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  // In this range JS's own formatting is plain decimal with the same shortest digits.
  return String(f);
}

/** Prometheus 3's canonical label form of a float: Go's 'g', with ".0" when it looks integral. */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 0) return '0.0';
  const g = formatGoFloatG(f);
  if (Number.isNaN(f) || !Number.isFinite(f) || g.includes('.') || g.includes('e')) return g;
  return g + '.0';
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  if (!s.includes('e')) return s;
  const neg = v < 0;
  const [mant, expStr] = (neg ? s.slice(1) : s).split('e');
  const exp = Number(expStr);
  const [int, frac = ''] = mant.split('.');
  const digits = int + frac;
  const point = int.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}
