// Every regex a user hands the engine (label matchers, label_replace, relabel rules) is RE2, as in
// Prometheus: Go's syntax, full anchoring (^(?s:re)$, so `.` matches newline), and matching in
// time linear in the input, so no pattern can stall a query or a scrape. RE2 runs as re2js (a pure
// JS port of Go's regexp; see bench/regex.bench.ts for why); literal shapes skip it entirely.
import { RE2JS } from 're2js';
import { literalShapeMatcher, type StringTest } from './literal-shapes';
import { requiredAffixes } from './required-affixes';

/**
 * Longer patterns are refused, as RE2 refuses programs over its memory budget: literal shapes
 * (a Grafana "All" of many values) up to MAX_PATTERN_LENGTH, others up to MAX_ENGINE_PATTERN_LENGTH
 * because re2js spends a few µs a character compiling them, on the thread that serves queries.
 */
export const MAX_PATTERN_LENGTH = 256 * 1024;
export const MAX_ENGINE_PATTERN_LENGTH = 32 * 1024;
/** Error messages quote at most this much of a pattern. */
const QUOTE_CHARS = 100;

export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

export interface CompiledRegex {
  /** Whether the whole string matches. */
  test: StringTest;
}

/** A match with its groups, shaped like RegExpExecArray: [whole, $1, $2...] plus named groups. */
export type RegexGroups = (string | undefined)[] & { groups?: Record<string, string | undefined> };

interface Entry {
  test: StringTest;
  error?: string;
  engine?: RE2JS;
}

const cache = new Map<string, Entry>();
const CACHE_ENTRIES = 10_000;
const CACHE_CHARS = 8 << 20;
let cachedChars = 0;

/** The anchored RE2 matcher for a pattern (cached); throws RegexSyntaxError with Go's message. */
export function compileRegex(pattern: string): CompiledRegex {
  const e = entry(pattern);
  if (e.error !== undefined) throw new RegexSyntaxError(e.error);
  return e;
}

/** Go's "error parsing regexp: ..." for a pattern RE2 refuses, or undefined when it is valid. */
export function regexError(pattern: string): string | undefined {
  return entry(pattern).error;
}

/** Full-match with capture groups, for label_replace; throws RegexSyntaxError. */
export function compileCapturingRegex(pattern: string): { exec: (s: string) => RegexGroups | null } {
  const e = entry(pattern);
  if (e.error !== undefined) throw new RegexSyntaxError(e.error);
  const re = (e.engine ??= RE2JS.compile(pattern, RE2JS.DOTALL));
  const names = Object.entries(re.namedGroups());
  return {
    exec(s) {
      const m = re.matcher(s);
      if (!m.matches()) return null;
      const out: RegexGroups = [];
      for (let g = 0; g <= m.groupCount(); g++) out.push(m.group(g) ?? undefined);
      if (names.length > 0) {
        out.groups = {};
        for (const [name, g] of names) out.groups[name] = out[g];
      }
      return out;
    },
  };
}

function entry(pattern: string): Entry {
  let e = cache.get(pattern);
  if (!e) {
    e = build(pattern);
    if (cache.size >= CACHE_ENTRIES || cachedChars > CACHE_CHARS) {
      cache.clear();
      cachedChars = 0;
    }
    cache.set(pattern, e);
    cachedChars += pattern.length;
  }
  return e;
}

function build(pattern: string): Entry {
  if (pattern.length > MAX_PATTERN_LENGTH) return tooLarge(pattern, MAX_PATTERN_LENGTH);
  const e: Entry = { test: () => false };
  const general = (): StringTest => {
    const re = (e.engine ??= RE2JS.compile(pattern, RE2JS.DOTALL));
    return (s) => re.testExact(s);
  };
  const fast = literalShapeMatcher(pattern, general);
  if (fast) {
    e.test = fast;
    return e;
  }
  if (pattern.length > MAX_ENGINE_PATTERN_LENGTH) return tooLarge(pattern, MAX_ENGINE_PATTERN_LENGTH);
  let full: StringTest;
  try {
    full = general();
  } catch (err) {
    return refuse(describe(pattern, err));
  }
  const { prefix, suffix } = requiredAffixes(pattern);
  e.test = prefix || suffix ? (s) => s.startsWith(prefix) && s.endsWith(suffix) && full(s) : full;
  return e;
}

function tooLarge(pattern: string, limit: number): Entry {
  return refuse(
    `error parsing regexp: expression too large: ${pattern.length} characters, at most ${limit}` +
      `${limit < MAX_PATTERN_LENGTH ? ' unless it is only literals, .* and .+' : ''}: \`${quote(pattern)}\``,
  );
}

function refuse(error: string): Entry {
  return { test: () => false, error };
}

/** Go's message for a refused pattern, with the quoted part shortened. */
function describe(pattern: string, err: unknown): string {
  let msg = err instanceof Error ? err.message : String(err);
  // The DOTALL flag shows in messages as a leading (?s); the pattern alone gives Go's wording.
  try {
    RE2JS.compile(pattern);
  } catch (plain) {
    if (plain instanceof Error) msg = plain.message;
  }
  if (err instanceof RangeError) msg = 'error parsing regexp: expression nests too deeply';
  if (!msg.startsWith('error parsing regexp:')) msg = `error parsing regexp: ${msg}`;
  const open = msg.indexOf('`');
  const close = msg.lastIndexOf('`');
  if (open >= 0 && close > open)
    msg = msg.slice(0, open + 1) + quote(msg.slice(open + 1, close)) + msg.slice(close);
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

/** At most QUOTE_CHARS of a user's pattern, so a megabyte of regex is not echoed back. */
export function quote(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}
