// Go's strconv.FormatFloat for the 'e', 'f' and 'g' formats with and without a precision, as
// fmt's %e %f %g %v (and Prometheus's humanize, "%.4g") print float64s. A precision rounds the
// exact binary value half to even, as Go does: 0.125 at two decimals is "0.12", where JS's
// toFixed gives "0.13".

/** Decimal digits (no leading or trailing zeros) and the decimal point's position. */
interface Digits {
  d: string;
  /** The value is 0.d × 10^dp. */
  dp: number;
}

/** The shortest digits that read back as v (v finite, > 0): JS and Go agree on these. */
function shortestDigits(v: number): Digits {
  const [mant, exp] = v.toExponential().split('e');
  const d = mant.replace('.', '');
  return { d: trimZeros(d), dp: Number(exp) + 1 };
}

const BIG_2_52 = 2n ** 52n;

/** Every digit of v's exact binary value (v finite, > 0); a double has at most ~770. */
function exactDigits(v: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant += BIG_2_52;
    exp = biased - 1075;
  }
  // v = mant × 2^exp
  if (exp >= 0) {
    const s = (mant << BigInt(exp)).toString();
    return { d: trimZeros(s), dp: s.length };
  }
  // mant / 2^k = mant × 5^k / 10^k
  const k = -exp;
  const s = (mant * 5n ** BigInt(k)).toString();
  return { d: trimZeros(s), dp: s.length - k };
}

function trimZeros(d: string): string {
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  let start = 0;
  while (start < end && d.charCodeAt(start) === 48) start++;
  return d.slice(start, end);
}

/** Digits of a decimal string as JS's toExponential / toFixed write it. */
function parseDecimal(text: string): Digits {
  const [mant, exp = '0'] = text.split('e');
  const [int, frac = ''] = mant.split('.');
  let d = int + frac;
  let dp = int.length + Number(exp);
  let lead = 0;
  while (lead < d.length && d[lead] === '0') lead++;
  d = d.slice(lead);
  dp -= lead;
  d = trimZeros(d);
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/**
 * a rounded to nd significant digits (sig) or nd fraction digits, half to even. JS rounds the
 * exact value too, and differs from Go only on an exact tie, which one more digit ending in 5
 * reveals: only then are the exact digits worked out.
 */
function rounded(a: number, nd: number, sig: boolean): Digits {
  if (sig && nd >= 1 && nd < 100) {
    const more = a.toExponential(nd);
    if (!more.includes('5e')) return parseDecimal(a.toExponential(nd - 1));
  } else if (!sig && a < 1e21 && nd >= 0 && nd < 100) {
    const more = a.toFixed(nd + 1);
    if (!more.endsWith('5')) return parseDecimal(a.toFixed(nd));
  }
  const ex = exactDigits(a);
  return roundTo(ex, sig ? nd : ex.dp + nd);
}

/** Keeps nd digits of x, rounding half to even on the exact value. */
function roundTo(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: x.dp };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length)
    up = true; // digits follow the 5 (trimmed, so not all zero)
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  let kept = x.d.slice(0, nd);
  if (!up) return { d: trimZeros(kept), dp: x.dp };
  // Add one at the last kept digit, carrying.
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  return { d: trimZeros(kept), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i] : '0';
}

function fmtE(x: Digits, prec: number, e: 'e' | 'E'): string {
  let out = x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(x, i);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(x: Digits, prec: number): string {
  let out = '';
  if (x.dp > 0) for (let i = 0; i < x.dp; i++) out += digitAt(x, i);
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(x, x.dp + i);
  }
  return out;
}

/**
 * strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f F g G; prec -1 is the shortest form.
 * Signs: "-" for negatives (and -0), none for positives; NaN and ±Inf as Go writes them.
 */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const shortest = prec < 0;
  let x: Digits;
  if (a === 0) x = { d: '', dp: 0 };
  else if (shortest) x = shortestDigits(a);
  else if (fmt === 'e' || fmt === 'E') x = rounded(a, prec + 1, true);
  else if (fmt === 'f' || fmt === 'F') x = rounded(a, prec, false);
  else x = rounded(a, prec === 0 ? 1 : prec, true);
  let body: string;
  switch (fmt) {
    case 'e':
    case 'E':
      body = fmtE(x, shortest ? Math.max(x.d.length - 1, 0) : prec, fmt);
      break;
    case 'f':
    case 'F':
      body = fmtF(x, shortest ? Math.max(x.d.length - x.dp, 0) : prec);
      break;
    default: {
      let p = shortest ? x.d.length : prec === 0 ? 1 : prec;
      let eprec = p;
      if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (a !== 0 && (exp < -4 || exp >= eprec)) {
        if (p > x.d.length) p = x.d.length;
        body = fmtE(x, Math.max(p - 1, 0), fmt === 'g' ? 'e' : 'E');
      } else {
        if (p > x.dp) p = x.d.length;
        body = fmtF(x, Math.max(p - x.dp, 0));
      }
    }
  }
  return neg ? '-' + body : body;
}
