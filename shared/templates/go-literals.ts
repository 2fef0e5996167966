// Go's literals as text/template reads them: strconv.Unquote for "...", `...` and '...'
// strings, and numbers (base prefixes, underscores, int against float, overflow) as
// parse.NumberNode sorts them.
import type { NumberNode } from './ast';
import { goQuote } from './go-fmt';

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** strconv.Unquote for "...", `...` and '...'; undefined when Go says "invalid syntax". */
export function goUnquote(q: string): string | undefined {
  const quote = q[0];
  if (q.length < 2 || q[q.length - 1] !== quote) return undefined;
  const body = q.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (quote !== '"' && quote !== "'") return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  let runes = 0;
  for (let i = 0; i < body.length;) {
    const c = body[i];
    if (c === quote || c === '\n') return undefined;
    runes++;
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    i += 2;
    if (e in ESCAPES) bytes.push(ESCAPES[e]);
    else if (e === quote) bytes.push(quote.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
      i += len;
      const v = parseInt(hex, 16);
      if (e === 'x') {
        if (quote === "'") return undefined; // a byte is not a rune
        bytes.push(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
        bytes.push(...enc.encode(String.fromCodePoint(v)));
      }
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      i += 2;
      bytes.push(v);
    } else return undefined;
  }
  if (quote === "'" && runes !== 1) return undefined;
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's integer syntax with base prefixes and underscores (base 0); undefined if not an int. */
function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let digits = s;
  let prefixed = false;
  if (/^0[xX]/.test(s)) [base, digits, prefixed] = [16, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [base, digits, prefixed] = [8, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [base, digits, prefixed] = [2, s.slice(2), true];
  else if (s.length > 1 && s[0] === '0') [base, digits, prefixed] = [8, s.slice(1), true];
  if (digits.includes('_')) {
    // Each underscore between two digits, or right after a base prefix.
    if (/__|_$/.test(digits)) return undefined;
    if (digits.startsWith('_') && !prefixed) return undefined;
    digits = digits.replace(/_/g, '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base] as RegExp;
  if (digits === '' && base === 8 && s === '0') digits = '0';
  if (!valid.test(digits)) return undefined;
  let v = 0n;
  for (const d of digits) v = v * BigInt(base) + BigInt(parseInt(d, base));
  return neg ? -v : v;
}

/** strconv.ParseFloat of a decimal literal (underscores allowed); undefined if it is not one. */
function goFloat(text: string): number | undefined {
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d[\d_]*)?$/.test(text)) return undefined;
  const f = Number(text.replace(/_/g, ''));
  return Number.isFinite(f) ? f : undefined;
}

/** parse.NumberNode's reading of a number token: which of int and float it is, or Go's error. */
export function parseNumber(
  text: string,
  isChar: boolean,
  isComplex: boolean,
): Omit<NumberNode, 'type' | 'pos'> | string {
  const base = { text, isInt: false, isFloat: false, isComplex: false, int: 0n, float: 0, imag: 0 };
  if (isChar) {
    const s = goUnquote(text);
    if (s === undefined || [...s].length !== 1) return 'malformed character constant: ' + text;
    const cp = s.codePointAt(0) as number;
    return { ...base, isInt: true, isFloat: true, int: BigInt(cp), float: cp };
  }
  // 1+2i, and 2i (an imaginary literal): complex, simplified to a float (and int) when imag is 0.
  const complex = isComplex ? /^([+-]?[^+-]*(?:[eE][+-][^+-]*)?)([+-].*)i$/.exec(text) : null;
  if (isComplex || text.endsWith('i')) {
    const re = complex ? goFloat(complex[1]) : 0;
    const im = goFloat(complex ? complex[2] : text.slice(0, -1));
    if (re === undefined || im === undefined) return `illegal number syntax: ${goQuote(text)}`;
    const isFloat = im === 0;
    const isInt = isFloat && Number.isInteger(re) && Math.abs(re) < 2 ** 63;
    return { ...base, isComplex: true, isFloat, float: re, imag: im, isInt, int: isInt ? BigInt(re) : 0n };
  }
  const i = parseGoInt(text);
  if (i !== undefined) {
    if (i > UINT64_MAX || i < -INT64_MAX - 1n) {
      return `integer overflow: ${goQuote(text)}`;
    }
    // A uint64 beyond int64 is not an int (idealConstant then says it overflows int).
    if (i > INT64_MAX) return { ...base, isFloat: true, float: Number(i), int: i };
    return { ...base, isInt: true, isFloat: true, int: i, float: Number(i) };
  }
  if (/^[+-]?(\d[\d_]*)?(\.[\d_]*)?([eE][+-]?\d[\d_]*)?$/.test(text) && /\d/.test(text)) {
    const f = Number(text.replace(/_/g, ''));
    if (!Number.isNaN(f)) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      if (!Number.isFinite(f)) return `illegal number syntax: ${goQuote(text)}`;
      const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
      return { ...base, isFloat: true, float: f, isInt, int: isInt ? BigInt(f) : 0n };
    }
  }
  return `illegal number syntax: ${goQuote(text)}`;
}
