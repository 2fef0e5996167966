// The literal text every match of a fully anchored pattern must start and end with, so most
// label values can be turned away with startsWith/endsWith before the RE2 engine runs (as
// Prometheus's FastRegexMatcher checks a prefix and suffix first): "prod-(eu|us)-[0-9]+" must
// start with "prod-", ".*(hits|errors)_total" must end with "_total". Conservative: any
// construct it does not follow (top-level |, case folding, \Q...\E) yields no affixes.

export interface Affixes {
  prefix: string;
  suffix: string;
}

const NONE: Affixes = { prefix: '', suffix: '' };
const ASCII_PUNCT = /^[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]$/;

/** A top-level token: a literal character, a quantifier, or anything else. */
type Token = { lit: string } | { quant: true } | { other: true };

export function requiredAffixes(src: string): Affixes {
  if (src.includes('\\Q') || /\(\?[a-zA-Z-]*i/.test(src)) return NONE;
  const tokens: Token[] = [];
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      if (depth === 0) tokens.push(ASCII_PUNCT.test(n) ? { lit: n } : { other: true });
      i = escapeEnd(src, i + 1);
      continue;
    }
    if (c === '[') {
      i = classEnd(src, i);
      if (i < 0) return NONE;
      if (depth === 0) tokens.push({ other: true });
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) tokens.push({ other: true });
    } else if (depth === 0) {
      if (c === '|') return NONE;
      if (c === '{') {
        // {n}, {n,} or {n,m} is a repeat (skipped whole); any other { is literal in Go, but
        // counting it as a repeat only shortens the affixes.
        const repeat = /^\{\d+(,\d*)?\}/.exec(src.slice(i, i + 24));
        if (repeat) i += repeat[0].length - 1;
        tokens.push({ quant: true });
      } else if ('*+?'.includes(c)) tokens.push({ quant: true });
      else if ('.^$'.includes(c)) tokens.push({ other: true });
      else if (c >= '\ud800' && c <= '\udbff' && i + 1 < src.length) {
        tokens.push({ lit: c + src[i + 1] }); // one code point: a quantifier after it takes both halves
        i++;
      } else tokens.push({ lit: c });
    }
  }
  let prefix = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!('lit' in t) || 'quant' in (tokens[k + 1] ?? {})) break;
    prefix += t.lit;
  }
  let suffix = '';
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (!('lit' in t)) break;
    suffix = t.lit + suffix;
  }
  // A pattern that is all literal is a literal shape and never gets here; keep both sound anyway.
  return prefix.length + suffix.length > 0 ? { prefix, suffix } : NONE;
}

/** Index of the last character of the escape whose letter is at `at` (\\x41, \\x{263a}, \\pL, \\p{Greek}, \\012). */
function escapeEnd(src: string, at: number): number {
  const n = src[at];
  if ((n === 'x' || n === 'p' || n === 'P') && src[at + 1] === '{') {
    const close = src.indexOf('}', at);
    return close < 0 ? src.length : close;
  }
  if (n === 'p' || n === 'P') return at + 1;
  if (n === 'x') return at + 2;
  if (n >= '0' && n <= '7') {
    let end = at;
    while (end < at + 2 && src[end + 1] >= '0' && src[end + 1] <= '7') end++;
    return end;
  }
  return at;
}

/** Index of the `]` closing the class opened at `open`, or -1. */
function classEnd(src: string, open: number): number {
  let i = open + 1;
  if (src[i] === '^') i++;
  if (src[i] === ']') i++; // a leading ] is literal
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[' && src[i + 1] === ':') {
      const close = src.indexOf(':]', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}
