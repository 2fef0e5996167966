// Label-matcher regexes: Prometheus anchors them fully (^(?:re)$) and uses RE2 syntax.
// We translate the common RE2-only bits and keep fast paths for the usual shapes.
import type { Matcher } from '../store/types';

export interface CompiledRegex {
  test: (s: string) => boolean;
  error?: string;
}

const cache = new Map<string, CompiledRegex>();
const META = /[\\^$.|?*+()[\]{}]/;
const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  word: '\\w',
  xdigit: '0-9a-fA-F',
  punct: '!-\\/:-@\\[-`{-~',
};

export function compileMatcherRegex(source: string): CompiledRegex {
  const hit = cache.get(source);
  if (hit) return hit;
  const c = compile(source);
  if (cache.size > 10_000) cache.clear();
  cache.set(source, c);
  return c;
}

function compile(source: string): CompiledRegex {
  if (source === '.*') return { test: () => true };
  if (source === '.+') return { test: (s) => s.length > 0 };
  if (!META.test(source)) return { test: (s) => s === source };
  if (/^[\w-]+(\|[\w-]+)+$/.test(source)) {
    const set = new Set(source.split('|'));
    return { test: (s) => set.has(s) };
  }
  try {
    const re = toJsRegExp(source);
    return { test: (s) => re.test(s) };
  } catch (e) {
    const msg =
      e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(e);
    return { test: () => false, error: `error parsing regexp: ${msg}` };
  }
}

/** A fully anchored JS RegExp for an RE2 pattern; throws on syntax errors. */
export function toJsRegExp(source: string): RegExp {
  let flags = '';
  let body = source;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    if (lead[1].includes('i')) flags += 'i';
    if (lead[1].includes('s')) flags += 's';
  }
  body = caseFoldInlineGroups(body)
    .replace(/\[:(\w+):\]/g, (m, n: string) => POSIX[n] ?? m)
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^')
    .replace(/\(\?P</g, '(?<');
  return new RegExp(`^(?:${body})$`, flags);
}

/** True when the label value (absent = "") satisfies the matcher. */
export function matchesValue(m: Matcher, value: string): boolean {
  switch (m.type) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return compileMatcherRegex(m.value).test(value);
    case '!~':
      return !compileMatcherRegex(m.value).test(value);
  }
}

/**
 * JS (before V8's regexp modifiers) lacks RE2's inline `(?i:...)` groups and mid-pattern
 * `(?i)`; rewrite their letters as two-case classes.
 */
function caseFoldInlineGroups(src: string): string {
  let out = '';
  let i = 0;
  // Stack of "is this group case-insensitive" per open parenthesis, plus the current state.
  const stack: boolean[] = [];
  let fold = false;
  let inClass = false;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      out += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      const isLetter = /[a-zA-Z]/.test(c);
      if (fold && isLetter && src[i + 1] === '-' && /[a-zA-Z]/.test(src[i + 2] ?? '')) {
        out += c + '-' + src[i + 2] + foldRange(c, src[i + 2]);
        i += 3;
        continue;
      }
      out += fold && isLetter ? foldClassChar(c) : c;
      i++;
      continue;
    }
    const flags = /^\(\?([a-zA-Z]*)(-[a-zA-Z]*)?(:|\))/.exec(src.slice(i));
    if (flags && (flags[1].includes('i') || (flags[2] ?? '').includes('i'))) {
      const on = flags[1].includes('i');
      if (flags[3] === ')') {
        fold = on;
        i += flags[0].length;
        continue;
      }
      stack.push(fold);
      fold = on;
      out += '(?:';
      i += flags[0].length;
      continue;
    }
    if (c === '(') stack.push(fold);
    if (c === ')') fold = stack.pop() ?? false;
    if (c === '[') inClass = true;
    if (fold && /[a-zA-Z]/.test(c) && !inClass) out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else out += c;
    i++;
  }
  return out;
}

function foldClassChar(c: string): string {
  return c + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
}

function foldRange(a: string, b: string): string {
  const lower = a === a.toLowerCase();
  return lower ? a.toUpperCase() + '-' + b.toUpperCase() : a.toLowerCase() + '-' + b.toLowerCase();
}
