// Most label regexes are literals, alternations of literals, or literals around `.*` / `.+`
// ("foo|bar", "api.*", ".*_total", ".*err.*"). Those are matched here with string operations,
// without a regex engine, as Prometheus's FastRegexMatcher does. Anything else returns null and
// goes to the RE2 engine. The accepted shapes are valid RE2 by construction, so no parse is needed.

export type StringTest = (s: string) => boolean;

/** A literal between two gaps; a gap is null (nothing may stand there) or a minimum length (0 or 1). */
interface Glob {
  parts: string[];
  /** gaps[k] precedes parts[k]; gaps[parts.length] trails the last part. */
  gaps: (number | null)[];
}

type Token = { lit: string } | { any: number };

const ASCII_PUNCT = /^[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]$/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A matcher for the fully anchored pattern (with `.` matching newline), or null when the pattern
 * is not one of the simple shapes. `general` is the RE2 matcher, used only for case-insensitive
 * patterns against values with non-ASCII characters (Unicode case folding is the engine's job).
 */
export function literalShapeMatcher(src: string, general: () => StringTest): StringTest | null {
  let i = 0;
  let fold = false;
  const flags = /^\(\?([is]{1,2})\)/.exec(src);
  if (flags && new Set(flags[1]).size === flags[1].length) {
    fold = flags[1].includes('i');
    i = flags[0].length;
  }
  // One group around everything, as Grafana writes a multi-value variable: (a|b|c). The body
  // may hold no other parenthesis, so this ( and ) are a pair.
  let end = src.length;
  if (src[i] === '(' && src[end - 1] === ')') {
    i += src.startsWith('(?:', i) ? 3 : 1;
    end--;
  }
  const alts: Token[][] = [];
  let cur: Token[] = [];
  let closed = false; // after a `$`: only `$` or `|` may follow
  for (; i < end; i++) {
    const c = src[i];
    if (c === '|') {
      alts.push(cur);
      cur = [];
      closed = false;
      continue;
    }
    if (c === '$') {
      closed = true;
      continue;
    }
    if (closed) return null;
    if (c === '^') {
      if (cur.length > 0) return null; // `^` only at the start of an alternative is a no-op
      continue;
    }
    if (c === '.') {
      const q = at(src, i + 1, end);
      const after = at(src, i + 2, end);
      if ((q !== '*' && q !== '+') || (after !== undefined && '?*+{'.includes(after))) return null;
      if (!push(cur, { any: q === '+' ? 1 : 0 })) return null;
      i++;
      continue;
    }
    let lit = c;
    if (c === '\\') {
      const n = at(src, i + 1, end) ?? '';
      if (!ASCII_PUNCT.test(n)) return null; // \d, \pL, \x41, \Q...: the engine's business
      lit = n;
      i++;
    } else if ('+*?()[]{}'.includes(c) || isSurrogate(c)) return null;
    if (!push(cur, { lit })) return null;
  }
  alts.push(cur);

  const globs = alts.map(toGlob);
  if (fold) {
    if (globs.some((g) => g.parts.some((p) => NON_ASCII.test(p)))) return null;
    for (const g of globs) g.parts = g.parts.map((p) => p.toLowerCase());
  }
  const test = compileGlobs(globs);
  if (!fold) return test;
  let slow: StringTest | null = null;
  // Words need values of their own length: what folds to an ASCII letter (K, ſ) is one UTF-16
  // unit too, so most values are turned away before they are scanned.
  const lengths = globs.every(isLiteral) ? new Set(globs.map((g) => (g.parts[0] ?? '').length)) : null;
  return (s) => {
    if (lengths && !lengths.has(s.length)) return false;
    const lower = asciiLower(s);
    return lower === null ? (slow ??= general())(s) : test(lower);
  };
}

/** s in ASCII lower case (s itself when it has no capitals), or null when s is not all ASCII. */
function asciiLower(s: string): string | null {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return null;
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  return upper ? s.toLowerCase() : s;
}

/** Appends a token, merging neighbours; false when two wildcards would need more than one character. */
function push(tokens: Token[], t: Token): boolean {
  const last = tokens[tokens.length - 1];
  if (last && 'lit' in last && 'lit' in t) last.lit += t.lit;
  else if (last && 'any' in last && 'any' in t) {
    // `.+.+` needs two code points, which string lengths (UTF-16 units) cannot count.
    if (last.any + t.any > 1) return false;
    last.any += t.any;
  } else tokens.push({ ...t });
  return true;
}

function toGlob(tokens: Token[]): Glob {
  const parts: string[] = [];
  const gaps: (number | null)[] = [null];
  for (const t of tokens) {
    if ('any' in t) gaps[gaps.length - 1] = t.any;
    else {
      parts.push(t.lit);
      gaps.push(null);
    }
  }
  return { parts, gaps };
}

function compileGlobs(globs: Glob[]): StringTest {
  if (globs.every(isLiteral)) {
    const words = globs.map((g) => g.parts[0] ?? '');
    if (words.length === 1) {
      const w = words[0];
      return (s) => s === w;
    }
    // A few words compare faster one by one than through a hash (Prometheus's threshold too).
    if (words.length <= 16) return (s) => words.includes(s);
    const set = new Set(words);
    return (s) => set.has(s);
  }
  if (globs.length === 1) {
    const [g] = globs;
    return (s) => matchGlob(s, g);
  }
  return (s) => globs.some((g) => matchGlob(s, g));
}

function isLiteral(g: Glob): boolean {
  return g.gaps.every((x) => x === null);
}

/**
 * Whether s is parts[0..n) with gaps of at least the given lengths between them. Placing each
 * middle literal leftmost leaves the most room for the rest, so one forward pass decides it.
 * Every boundary found is a code point boundary (the literals hold whole code points), so a
 * gap of one UTF-16 unit or more holds at least one code point, as `.+` requires.
 */
function matchGlob(s: string, { parts, gaps }: Glob): boolean {
  const n = parts.length;
  let pos = 0;
  let end = s.length;
  let first = 0;
  let last = n;
  if (gaps[0] === null && n > 0) {
    if (!s.startsWith(parts[0])) return false;
    pos = parts[0].length;
    first = 1;
  }
  if (gaps[n] === null) {
    if (last === first) return pos === end;
    const tail = parts[n - 1];
    if (!s.endsWith(tail)) return false;
    end -= tail.length;
    last = n - 1;
    if (end < pos) return false;
  }
  for (let k = first; k < last; k++) {
    const at = s.indexOf(parts[k], pos + (gaps[k] ?? 0));
    if (at < 0 || at + parts[k].length > end) return false;
    pos = at + parts[k].length;
  }
  return end - pos >= (gaps[last] ?? 0);
}

/** src[k] if k is inside the body, which ends at `end`. */
function at(src: string, k: number, end: number): string | undefined {
  return k < end ? src[k] : undefined;
}

function isSurrogate(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff;
}
