// The functions Prometheus 2.42 gives alert templates (template/template.go), and time.Time's
// methods: humanize and friends format as Go's %.4g does, query runs PromQL through the
// caller's function, match and reReplaceAll are Go regexps.
import type { FuncDef, FuncMap } from './exec';
import { goQuote, sprint, sprintf } from './go-fmt';
import { formatTime, timeString } from './go-time';
import { matchString, replaceAllString } from './go-regexp';
import { isIP, joinHostPort, splitHostPort } from './go-net';
import { BUILTINS, queryEscape } from './builtins';
import { parseDuration } from '../duration';
import { goFloatError, parseGoFloat } from '../format/go-float';
import {
  GoError,
  GoHTML,
  GoMap,
  GoSlice,
  GoStruct,
  GoTime,
  goTypeName,
  MAP_STRING_ANY,
  stringMap,
} from './values';
import type { GoValue } from './values';

/** One element of a query's result: what promql.Vector's samples carry. */
export interface QuerySample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/**
 * Evaluates PromQL at a time (ms); may be asynchronous. As Prometheus's rule manager does it
 * (rules.EngineQueryFunc): an instant vector gives its samples, a scalar one sample without
 * labels, anything else fails with Error("rule result is not a vector or scalar"); a query
 * that fails throws an Error whose message is PromQL's ("1:5: parse error: ...").
 */
export type QueryFunc = (
  query: string,
  timeMs: number,
) => readonly QuerySample[] | PromiseLike<readonly QuerySample[]>;

export interface PrometheusFuncsContext {
  query?: QueryFunc;
  /** The evaluation time (ms), when query runs. */
  timeMs: number;
  externalURL: string;
}

const SAMPLE = '*template.sample';
const QUERY_RESULT = 'template.queryResult';

function sampleOf(s: QuerySample): GoStruct {
  return new GoStruct(
    SAMPLE,
    new Map<string, GoValue>([
      ['Labels', stringMap(s.labels)],
      ['Value', s.value],
    ]),
  );
}

function toQueryResult(samples: readonly QuerySample[]): GoSlice {
  return new GoSlice(QUERY_RESULT, SAMPLE, samples.map(sampleOf));
}

function sampleField(s: GoValue, name: 'Labels' | 'Value'): GoValue {
  if (!(s instanceof GoStruct))
    throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  return s.fields.get(name);
}

function sampleLabel(s: GoValue, label: string): string {
  const labels = sampleField(s, 'Labels') as GoMap;
  return (labels.entries.get(label) as string | undefined) ?? '';
}

/** Prometheus's convertToFloat. */
function convertToFloat(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const f = parseGoFloat(v, 0, v.length);
    if (f === undefined || v === '') {
      throw new GoError(
        `strconv.ParseFloat: parsing ${goQuote(v)}: ${v === '' ? 'invalid syntax' : goFloatError(v)}`,
      );
    }
    return f;
  }
  throw new GoError(`can't convert ${goTypeName(v)} to float`);
}

const g4 = (v: number, suffix = ''): string => sprintf('%.4g', [v]) + suffix;

function humanize(i: GoValue): string {
  let v = convertToFloat(i);
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v, prefix);
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix);
}

function humanize1024(i: GoValue): string {
  let v = convertToFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v, prefix);
}

function humanizeDuration(i: GoValue): string {
  let v = convertToFloat(i);
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    // int64(v): Go truncates; beyond int64 the result is undefined, so clamp.
    const duration = BigInt(Math.trunc(Math.min(v, 9.2e18)));
    const seconds = duration % 60n;
    const minutes = (duration / 60n) % 60n;
    const hours = (duration / 3600n) % 24n;
    const days = duration / 86400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return sign + g4(v, 's');
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix + 's');
}

const INT64_LIMIT = 2 ** 63;

/** Prometheus's floatToTime: a time at millisecond precision; undefined for NaN and ±Inf. */
function floatToTime(v: number): GoTime | undefined {
  if (!Number.isFinite(v)) return undefined;
  const ns = v * 1e9;
  if (ns > INT64_LIMIT || ns < -INT64_LIMIT) {
    throw new GoError(
      `${sprint([v])} cannot be represented as a nanoseconds timestamp since it overflows int64`,
    );
  }
  const ms = BigInt(Math.trunc(ns)) / 1_000_000n;
  return new GoTime(Number(ms), true);
}

/** strings.Title: the first letter of each word in upper case. */
function title(s: string): string {
  let out = '';
  let prev = ' ';
  for (const ch of s) {
    out += isSeparator(prev) ? (TITLE_CASE[ch] ?? simpleUpper(ch)) : ch;
    prev = ch;
  }
  return out;
}

// The letters whose title case is not their upper case (Unicode's digraphs): unicode.ToTitle.
const TITLE_CASE: Readonly<Record<string, string>> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
};

function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  if (c <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** unicode.ToUpper / ToLower: one rune to one rune (ß stays ß, as in Go). */
function simpleUpper(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}
function simpleLower(ch: string): string {
  if (ch === '\u0130') return 'i'; // Go maps İ to i; JS adds a combining dot
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  const host = split ? split.host : hostPort;
  const port = split ? split.port : '';
  if (isIP(host)) return hostPort;
  const first = host.split('.')[0];
  return port !== '' ? joinHostPort(first, port) : first;
}

/** The path of a URL, as Go's url.URL.Path holds it (unescaped). */
function urlPath(url: string): string {
  const m = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?:\/\/[^/?#]*)?([^?#]*)/.exec(url);
  const path = m?.[1] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const fn = (params: string[], call: FuncDef['call'], variadic?: string): FuncDef => ({
  params,
  call,
  variadic,
});
const str = (f: (s: string) => string): FuncDef => fn(['string'], ([s]) => f(s as string));

// The functions that do not depend on the expansion, made once.
const STATIC_FUNCS: ReadonlyMap<string, FuncDef> = new Map<string, FuncDef>([
  [
    'first',
    fn([QUERY_RESULT], ([v]) => {
      const items = v instanceof GoSlice ? v.items : [];
      if (items.length > 0) return items[0];
      throw new GoError('first() called on vector with no elements');
    }),
  ],
  ['label', fn(['string', SAMPLE], ([l, s]) => sampleLabel(s, l as string))],
  ['value', fn([SAMPLE], ([s]) => sampleField(s, 'Value'))],
  ['strvalue', fn([SAMPLE], ([s]) => sampleLabel(s, '__value__'))],
  [
    'args',
    fn([], (args) => new GoMap(MAP_STRING_ANY, 'any', new Map(args.map((a, i) => [`arg${i}`, a]))), 'any'),
  ],
  [
    'reReplaceAll',
    fn(['string', 'string', 'string'], ([p, r, t]) =>
      replaceAllString(p as string, r as string, t as string),
    ),
  ],
  ['safeHtml', fn(['string'], ([s]) => new GoHTML(s as string))],
  ['match', fn(['string', 'string'], ([p, s]) => matchString(p as string, s as string))],
  ['title', str(title)],
  ['toUpper', str((s) => [...s].map(simpleUpper).join(''))],
  ['toLower', str((s) => [...s].map(simpleLower).join(''))],
  ['graphLink', str((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=0`)],
  ['tableLink', str((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=1`)],
  [
    'sortByLabel',
    fn(['string', QUERY_RESULT], ([l, v]) => {
      if (!(v instanceof GoSlice)) return v;
      const items = [...v.items].sort((a, b) => {
        const x = sampleLabel(a, l as string);
        const y = sampleLabel(b, l as string);
        return x < y ? -1 : x > y ? 1 : 0;
      });
      return new GoSlice(v.type, v.elemType, items);
    }),
  ],
  ['stripPort', str((hp) => splitHostPort(hp)?.host ?? hp)],
  ['stripDomain', str(stripDomain)],
  ['humanize', fn(['any'], ([i]) => humanize(i))],
  ['humanize1024', fn(['any'], ([i]) => humanize1024(i))],
  ['humanizeDuration', fn(['any'], ([i]) => humanizeDuration(i))],
  ['humanizePercentage', fn(['any'], ([i]) => g4(convertToFloat(i) * 100, '%'))],
  [
    'humanizeTimestamp',
    fn(['any'], ([i]) => {
      const v = convertToFloat(i);
      const t = floatToTime(v);
      return t === undefined ? g4(v) : timeString(t.ms);
    }),
  ],
  [
    'toTime',
    fn(['any'], ([i]) => {
      const v = convertToFloat(i);
      const t = floatToTime(v);
      if (t === undefined) throw new GoError('value is NaN or Inf');
      return t;
    }),
  ],
  [
    'parseDuration',
    fn(['string'], ([d]) => {
      const s = d as string;
      if (s === '') throw new GoError('empty duration string');
      const ms = parseDuration(s);
      if (ms === null) throw new GoError(`not a valid duration string: ${goQuote(s)}`);
      return ms / 1000;
    }),
  ],
]);

/** Every function name Prometheus defines, for the parser's check. */
export const PROMETHEUS_FUNC_NAMES: readonly string[] = [
  ...STATIC_FUNCS.keys(),
  'query',
  'pathPrefix',
  'externalURL',
];

/** Prometheus's function map for one expansion. */
export function prometheusFuncs(ctx: PrometheusFuncsContext): FuncMap {
  return {
    get(name: string): FuncDef | undefined {
      switch (name) {
        case 'query':
          return fn(['string'], ([q]) => {
            if (!ctx.query) throw new GoError('no query function: queries are not available here');
            const r = ctx.query(q as string, ctx.timeMs);
            return Array.isArray(r)
              ? toQueryResult(r as readonly QuerySample[])
              : Promise.resolve(r).then(toQueryResult);
          });
        case 'pathPrefix':
          return fn([], () => urlPath(ctx.externalURL));
        case 'externalURL':
          return fn([], () => ctx.externalURL);
      }
      return STATIC_FUNCS.get(name) ?? BUILTINS.get(name);
    },
  };
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/** time.Time's methods that templates call ({{ (toTime $v).Unix }}, .Format "2006-01-02"). */
export function timeMethod(receiver: GoValue, name: string): FuncDef | undefined {
  if (!(receiver instanceof GoTime)) return undefined;
  const ms = receiver.ms;
  const d = new Date(ms);
  switch (name) {
    case 'Unix':
      return fn([], () => BigInt(floorDiv(ms, 1000)));
    case 'UnixMilli':
      return fn([], () => BigInt(ms));
    case 'UnixNano':
      return fn([], () => BigInt(ms) * 1_000_000n);
    case 'String':
      return fn([], () => timeString(ms));
    case 'Format':
      return fn(['string'], ([layout]) => formatTime(ms, layout as string));
    case 'UTC':
      return fn([], () => new GoTime(ms));
    case 'Year':
      return fn([], () => BigInt(d.getUTCFullYear()));
    case 'Day':
      return fn([], () => BigInt(d.getUTCDate()));
    case 'Hour':
      return fn([], () => BigInt(d.getUTCHours()));
    case 'Minute':
      return fn([], () => BigInt(d.getUTCMinutes()));
    case 'Second':
      return fn([], () => BigInt(d.getUTCSeconds()));
    case 'Nanosecond':
      return fn([], () => BigInt((((ms % 1000) + 1000) % 1000) * 1e6));
  }
  return undefined;
}
