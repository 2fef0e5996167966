// text/template's predefined functions as Go 1.19 has them: and, or, not, len, index, slice,
// print, printf, println, html, js, urlquery, and the comparisons eq ne lt le gt ge with Go's
// rules (basic kinds only; an int and a float64 are "incompatible types for comparison").
import type { FuncDef } from './exec';
import { sprint, sprintf, sprintln } from './go-fmt';
import {
  GoComplex,
  GoError,
  GoHTML,
  GoMap,
  GoSlice,
  goKind,
  goTypeName,
  isTrue,
  utf8Length,
  zeroOf,
  type GoValue,
} from './values';

const fn = (params: string[], call: FuncDef['call'], variadic?: string): FuncDef => ({
  params,
  call,
  variadic,
});

type BasicKind = 'bool' | 'int' | 'float' | 'complex' | 'string';

function basicKind(v: GoValue): BasicKind | undefined {
  const k = goKind(v);
  return k === 'bool' || k === 'int' || k === 'float' || k === 'complex' || k === 'string' ? k : undefined;
}

function basicValue(v: GoValue): string | number | bigint | boolean {
  return v instanceof GoHTML ? v.text : (v as string | number | bigint | boolean);
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function eq(arg1: GoValue, ...rest: GoValue[]): boolean {
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new GoError(errBadComparison);
    } else if (k1 === undefined) {
      // Neither basic: only nil equals nil here (maps and slices do not compare).
      if (arg1 !== undefined && arg !== undefined) {
        throw new GoError(`non-comparable type ${sprintf('%v', [arg])}: ${goTypeName(arg)}`);
      }
      truth = arg1 === arg;
    } else if (arg1 instanceof GoComplex && arg instanceof GoComplex) {
      truth = arg1.re === arg.re && arg1.im === arg.im;
    } else truth = basicValue(arg1) === basicValue(arg);
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  if (k1 === undefined) throw new GoError(errBadComparisonType);
  const k2 = basicKind(b);
  if (k2 === undefined) throw new GoError(errBadComparisonType);
  if (k1 !== k2) throw new GoError(errBadComparison);
  if (k1 === 'bool' || k1 === 'complex') throw new GoError(errBadComparisonType);
  return basicValue(a) < basicValue(b);
}

function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, b);
}

/** An index into a slice or string of length len (Go's indexArg). */
function indexArg(index: GoValue, len: number): number {
  if (index === undefined) throw new GoError('cannot index slice/array with nil');
  if (typeof index !== 'bigint') throw new GoError(`cannot index slice/array with type ${goTypeName(index)}`);
  if (index < 0n || index > BigInt(len)) throw new GoError(`index out of range: ${index}`);
  return Number(index);
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined) throw new GoError('index of untyped nil');
  for (const ix of indexes) {
    if (item instanceof GoSlice || typeof item === 'string' || item instanceof GoHTML) {
      const bytes: Uint8Array | null =
        typeof item === 'string' || item instanceof GoHTML ? utf8Bytes(basicValue(item) as string) : null;
      const len: number = bytes ? bytes.length : (item as GoSlice).items.length;
      const x = indexArg(ix, len);
      // Go checks x > len itself and lets reflect refuse x == len.
      if (x === len) throw new GoError(`reflect: ${bytes ? 'string' : 'slice'} index out of range`);
      item = bytes ? BigInt(bytes[x]) : (item as GoSlice).items[x];
    } else if (item instanceof GoMap) {
      if (ix === undefined) throw new GoError(`value is nil; should be of type string`);
      if (typeof ix !== 'string') throw new GoError(`value has type ${goTypeName(ix)}; should be string`);
      item = item.entries.has(ix) ? item.entries.get(ix) : zeroOf(item.elemType);
    } else if (item === undefined) {
      throw new GoError('index of nil pointer');
    } else throw new GoError(`can't index item of type ${goTypeName(item)}`);
  }
  return item;
}

function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string' || item instanceof GoHTML) {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    len = utf8Length(basicValue(item) as string);
  } else if (item instanceof GoSlice) len = item.items.length;
  else throw new GoError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len];
  for (let i = 0; i < indexes.length; i++) {
    idx[i] = indexArg(indexes[i], len);
    if (i > 0 && idx[i] < idx[i - 1]) throw new GoError(`invalid slice index: ${idx[i - 1]} > ${idx[i]}`);
  }
  if (item instanceof GoSlice) return new GoSlice(item.type, item.elemType, item.items.slice(idx[0], idx[1]));
  const bytes = utf8Bytes(basicValue(item) as string).slice(idx[0], idx[1]);
  const s = new TextDecoder().decode(bytes);
  return item instanceof GoHTML ? new GoHTML(s) : s;
}

function length(item: GoValue): GoValue {
  if (item === undefined) throw new GoError('len of nil pointer');
  if (typeof item === 'string' || item instanceof GoHTML)
    return BigInt(utf8Length(basicValue(item) as string));
  if (item instanceof GoMap) return BigInt(item.entries.size);
  if (item instanceof GoSlice) return BigInt(item.items.length);
  throw new GoError(`len of type ${goTypeName(item)}`);
}

/** The text of html/js/urlquery's arguments (Go's evalArgs). */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? '<no value>' : a)));
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(
    /["'&<>]/g,
    (c) => ({ '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string,
  );
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** template.JSEscapeString. */
function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c < 0x80 || PRINTABLE.test(ch)) out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export const BUILTINS: ReadonlyMap<string, FuncDef> = new Map<string, FuncDef>([
  ['and', { params: ['value'], variadic: 'value', shortCircuit: true, call: () => undefined }],
  ['or', { params: ['value'], variadic: 'value', shortCircuit: true, call: () => undefined }],
  ['not', fn(['value'], ([a]) => !isTrue(a))],
  ['len', fn(['value'], ([a]) => length(a))],
  ['index', fn(['value'], ([item, ...ix]) => index(item, ...ix), 'value')],
  ['slice', fn(['value'], ([item, ...ix]) => slice(item, ...ix), 'value')],
  ['print', fn([], (args) => sprint(args), 'any')],
  ['printf', fn(['string'], ([f, ...args]) => sprintf(f as string, args), 'any')],
  ['println', fn([], (args) => sprintln(args), 'any')],
  ['html', fn([], (args) => htmlEscape(evalArgs(args)), 'any')],
  ['js', fn([], (args) => jsEscape(evalArgs(args)), 'any')],
  ['urlquery', fn([], (args) => queryEscape(evalArgs(args)), 'any')],
  ['eq', fn(['value'], ([a, ...rest]) => eq(a, ...rest), 'value')],
  ['ne', fn(['value', 'value'], ([a, b]) => !eq(a, b))],
  ['lt', fn(['value', 'value'], ([a, b]) => lt(a, b))],
  ['le', fn(['value', 'value'], ([a, b]) => le(a, b))],
  ['gt', fn(['value', 'value'], ([a, b]) => !le(a, b))],
  ['ge', fn(['value', 'value'], ([a, b]) => !lt(a, b))],
]);
