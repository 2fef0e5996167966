// Go's fmt package for template values: Sprint, Sprintln and Sprintf with the verbs, flags,
// widths and precisions Go has, and its in-band errors (%!d(string=x), %!(EXTRA ...),
// %!v(MISSING)). Maps print with sorted keys, structs as {a b}, pointers to structs as &{a b}.
import { formatFloat } from './go-float-format';
import {
  GoComplex,
  goKind,
  goTypeName,
  GoHTML,
  GoMap,
  GoSlice,
  GoStruct,
  GoTime,
  type GoValue,
} from './values';
import { timeString } from './go-time';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
  /** %+v: struct field names. */
  plusV: boolean;
}

const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false };

function isStringKind(v: GoValue): boolean {
  return typeof v === 'string' || v instanceof GoHTML;
}

/** fmt.Sprint: operands in their %v form, a space between two when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && !isStringKind(args[i]) && !isStringKind(args[i - 1])) out += ' ';
    out += formatValue(args[i], 'v', NO_FLAGS, 0);
  }
  return out;
}

/** fmt.Sprintln: spaces between all operands and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return args.map((a) => formatValue(a, 'v', NO_FLAGS, 0)).join(' ') + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reorderedAny = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...NO_FLAGS };
    let reordered = false;
    const argIndex = (): void => {
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (!m) return;
      i += m[0].length;
      argNum = Number(m[1]) - 1;
      reordered = true;
    };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === '#') f.sharp = true;
      else if (c === ' ') f.space = true;
      else if (c === '0') f.zero = !f.minus;
      else break;
    }
    argIndex();
    // Width: digits or *.
    if (format[i] === '*') {
      i++;
      const w = intArg(args, argNum++);
      if (w === undefined) out += '%!(BADWIDTH)';
      else {
        f.wid = w;
        if (w < 0) {
          f.minus = true;
          f.zero = false;
          f.wid = -w;
        }
      }
    } else {
      const start = i;
      while (i < n && format[i] >= '0' && format[i] <= '9') i++;
      if (i > start) f.wid = Number(format.slice(start, i));
    }
    if (format[i] === '.') {
      i++;
      argIndex();
      if (format[i] === '*') {
        i++;
        const p = intArg(args, argNum++);
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
      } else {
        const start = i;
        while (i < n && format[i] >= '0' && format[i] <= '9') i++;
        f.prec = Number(format.slice(start, i) || '0');
      }
    }
    argIndex();
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const cp = format.codePointAt(i) as number;
    const verb = String.fromCodePoint(cp);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'v' && f.plus) {
      f.plus = false;
      f.plusV = true;
    }
    out += formatValue(arg, verb, f, 0);
    if (reordered) reorderedAny = true;
  }
  if (!reorderedAny && argNum < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argNum)
        .map((a) => `${goTypeName(a)}=${formatValue(a, 'v', NO_FLAGS, 0)}`)
        .join(', ') +
      ')';
  }
  return out;
}

function intArg(args: readonly GoValue[], k: number): number | undefined {
  const a = args[k];
  if (typeof a !== 'bigint') return undefined;
  const n = Number(a);
  return Math.abs(n) > 1e6 ? undefined : n;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Go's pad: spaces (zeros with the 0 flag) to the width, on the left unless the - flag. */
function pad(s: string, f: Flags): string {
  if (f.wid === undefined) return s;
  const missing = f.wid - runeCount(s);
  if (missing <= 0) return s;
  if (f.minus) return s + ' '.repeat(missing);
  return (f.zero ? '0' : ' ').repeat(missing) + s;
}

/** %!d(string=x): the operand shown under %v with the same flags, width and precision, as Go does. */
function badVerb(v: GoValue, verb: string, f: Flags): string {
  if (v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v, 'v', f, 0)})`;
}

/** One operand under one verb; depth > 0 inside maps, slices and structs. */
function formatValue(v: GoValue, verb: string, f: Flags, depth: number): string {
  if (verb === 'T') return pad(goTypeName(v), f);
  if (v === undefined) return verb === 'v' ? pad('<nil>', f) : badVerb(v, verb, f);
  // time.Time is a Stringer: %v %s %q %x go through String().
  if (v instanceof GoTime) {
    if ('vsqxX'.includes(verb)) return formatString(timeString(v.ms), verb === 'v' ? 's' : verb, f);
    return badVerb(v, verb, f);
  }
  switch (goKind(v)) {
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(v), f) : badVerb(v, verb, f);
    case 'int':
      return formatInt(v as bigint, verb, f) ?? badVerb(v, verb, f);
    case 'float':
      return formatFloatVerb(v as number, verb, f) ?? badVerb(v, verb, f);
    case 'complex': {
      // (re+imi): each part as a float under the verb, the imaginary one always signed.
      const c = v as GoComplex;
      const re = formatFloatVerb(c.re, verb, f);
      if (re === undefined) return badVerb(v, verb, f);
      return `(${re}${formatFloatVerb(c.im, verb, { ...f, plus: true }) as string}i)`;
    }
    case 'string': {
      const s = v instanceof GoHTML ? v.text : (v as string);
      if (!'vsqxX'.includes(verb)) return badVerb(v, verb, f);
      return formatString(s, verb === 'v' ? 's' : verb, f);
    }
    case 'map': {
      const m = v as GoMap;
      if (verb !== 'v' && f.plusV === false && !'sdqxXfeEgGt'.includes(verb)) return badVerb(v, verb, f);
      const keys = [...m.entries.keys()].sort(compareGoStrings);
      const body = keys.map(
        (k) => `${formatValue(k, verb, f, depth + 1)}:${formatValue(m.entries.get(k), verb, f, depth + 1)}`,
      );
      return `map[${body.join(' ')}]`;
    }
    case 'slice': {
      const s = v as GoSlice;
      return `[${s.items.map((x) => formatValue(x, verb, f, depth + 1)).join(' ')}]`;
    }
    case 'struct':
    case 'ptr': {
      const s = v as GoStruct;
      // A pointer below the top level prints as its address, which has no stable value here.
      if (s.pointer && depth > 0) return verb === 'v' || verb === 'p' ? '0xc000010000' : badVerb(v, verb, f);
      const parts = [...s.fields].map(
        ([name, x]) => (f.plusV ? `${name}:` : '') + formatValue(x, verb, f, depth + 1),
      );
      return `${s.pointer ? '&' : ''}{${parts.join(' ')}}`;
    }
  }
  return badVerb(v, verb, f);
}

export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 's': {
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      return pad(s, f);
    }
    case 'q': {
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      if (f.sharp && canBackquote(s)) return pad('`' + s + '`', f);
      return pad(goQuote(s, f.plus), f);
    }
    case 'x':
    case 'X': {
      let bytes = new TextEncoder().encode(s);
      if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
      const parts = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
      let out = f.space
        ? parts.map((p) => (f.sharp ? '0x' : '') + p).join(' ')
        : (f.sharp && parts.length > 0 ? '0x' : '') + parts.join('');
      if (verb === 'X') out = out.toUpperCase();
      return pad(out, f);
    }
  }
  return s;
}

function formatInt(v: bigint, verb: string, f: Flags): string | undefined {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (f.sharp) prefix = verb === 'x' ? '0x' : '0X';
      break;
    case 'o':
      digits = abs.toString(8);
      if (f.sharp) prefix = '0';
      break;
    case 'O':
      digits = abs.toString(8);
      prefix = '0o';
      break;
    case 'b':
      digits = abs.toString(2);
      if (f.sharp) prefix = '0b';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(v) >= 0 && Number(v) <= 0x10ffff ? Number(v) : 0xfffd), f);
    case 'q':
      return pad(quoteRune(Number(v)), f);
    case 'U': {
      const hex = abs.toString(16).toUpperCase().padStart(4, '0');
      const c = Number(v);
      const ch = c >= 0 && c <= 0x10ffff ? String.fromCodePoint(c) : '';
      return pad(f.sharp && PRINTABLE.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`, f);
    }
    default:
      return undefined;
  }
  if (f.prec !== undefined) {
    digits = f.prec === 0 && abs === 0n ? '' : digits.padStart(f.prec, '0');
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  if (f.zero && !f.minus && f.prec === undefined && f.wid !== undefined) {
    const width = f.wid - sign.length - prefix.length;
    return sign + prefix + digits.padStart(width, '0');
  }
  // With a precision the 0 flag pads with spaces.
  return pad(sign + prefix + digits, { ...f, zero: false });
}

function formatFloatVerb(v: number, verb: string, f: Flags): string | undefined {
  let fmt: 'e' | 'E' | 'f' | 'F' | 'g' | 'G';
  let prec: number;
  if (verb === 'x' || verb === 'X') return signAndPad(formatHexFloat(v, f.prec ?? -1, verb === 'X'), v, f);
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      fmt = verb === 'G' ? 'G' : 'g';
      prec = f.prec ?? -1;
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      fmt = verb;
      prec = f.prec ?? 6;
      break;
    default:
      return undefined;
  }
  let num = formatFloat(v, fmt, prec);
  if (f.sharp && Number.isFinite(v)) num = sharpFloat(num, fmt, prec);
  return signAndPad(num, v, f);
}

/** The # flag: a decimal point always, and for %g trailing zeros up to the precision (6 by default). */
function sharpFloat(num: string, fmt: string, prec: number): string {
  const e = num.search(/[eE]/);
  let mant = e < 0 ? num : num.slice(0, e);
  const exp = e < 0 ? '' : num.slice(e);
  if (!mant.includes('.')) mant += '.';
  if (fmt === 'g' || fmt === 'G') {
    const want = prec < 0 ? 6 : prec === 0 ? 1 : prec;
    const digits = mant.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
    if (digits < want) mant += '0'.repeat(want - digits);
  }
  return mant + exp;
}

/** %x of a float: 0x1.8p+01, the mantissa's hex digits trimmed (or rounded to prec). */
function formatHexFloat(v: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1);
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let exp = 0;
  let mant = 0n;
  if (a !== 0) {
    exp = Math.floor(Math.log2(a));
    if (2 ** exp > a) exp--;
    if (2 ** (exp + 1) <= a) exp++;
    // 52 fraction bits of the normalized mantissa.
    mant = BigInt((a / 2 ** exp) * 2 ** 52);
  }
  let frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  let lead = mant === 0n ? '0' : '1';
  if (prec >= 0 && prec < 13) {
    // Round half to even at prec hex digits.
    const shift = BigInt((13 - prec) * 4);
    let m = mant >> shift;
    const rem = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m++;
    if (m >> BigInt(prec * 4) >= 2n) {
      m >>= 1n;
      exp++;
    }
    lead = mant === 0n ? '0' : '1';
    frac = prec === 0 ? '' : (m & ((1n << BigInt(prec * 4)) - 1n)).toString(16).padStart(prec, '0');
  } else if (prec < 0) frac = frac.replace(/0+$/, '');
  else frac = frac + '0'.repeat(prec - 13);
  const e = Math.abs(exp);
  let s = `0x${lead}${frac ? '.' + frac : ''}p${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  if (upper) s = s.toUpperCase();
  return (neg ? '-' : '') + s;
}

function signAndPad(formatted: string, v: number, f: Flags): string {
  let num = formatted;
  if (num === 'NaN' || num.endsWith('Inf')) {
    let s = num;
    if (num === 'NaN') s = f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN';
    else if (num === '+Inf') s = f.space && !f.plus ? ' Inf' : '+Inf';
    return pad(s, { ...f, zero: false });
  }
  let sign = '';
  if (num[0] === '-') {
    sign = '-';
    num = num.slice(1);
  } else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.zero && !f.minus && f.wid !== undefined && f.wid > sign.length + num.length) {
    return sign + num.padStart(f.wid - sign.length, '0');
  }
  return pad(sign + num, f);
}

/** strconv.CanBackquote. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '`' || c === 0xfeff || c === 0xfffd) return false;
    if (c < 0x20 && c !== 9) return false;
    if (c === 0x7f) return false;
  }
  return true;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function escapeRune(ch: string, quote: string, asciiOnly: boolean): string {
  const c = ch.codePointAt(0) as number;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (asciiOnly ? c < 0x80 && PRINTABLE.test(ch) : PRINTABLE.test(ch)) return ch;
  switch (c) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (c < 0x20 || c === 0x7f) return '\\x' + c.toString(16).padStart(2, '0');
  if (c >= 0xd800 && c <= 0xdfff) return '\\ufffd'; // a lone surrogate is not valid UTF-8
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

/** strconv.Quote (or QuoteToASCII). */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"', asciiOnly);
  return out + '"';
}

function quoteRune(c: number): string {
  const ch = c >= 0 && c <= 0x10ffff ? String.fromCodePoint(c) : '\ufffd';
  return "'" + escapeRune(ch, "'", false) + "'";
}
