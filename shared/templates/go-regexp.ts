// Go's regexp for Prometheus's match and reReplaceAll: RE2 syntax through re2js (as the engine's
// regex/ uses it), unanchored, with Go's ReplaceAllString: $1, ${1}, $name and ${name} expand to
// the group's text (an unknown or unmatched group to ""), $$ is a dollar, and an empty match
// right after a previous match is not replaced.
import { RE2JS } from 're2js';
import { GoError } from './values';
import { goQuote } from './go-fmt';

const cache = new Map<string, RE2JS | string>();
const CACHE_ENTRIES = 1000;

/** regexp.Compile: the program, or Go's error text. */
function compile(pattern: string): RE2JS | string {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      re = msg.startsWith('error parsing regexp:') ? msg : `error parsing regexp: ${msg}`;
    }
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** regexp.MatchString(pattern, s): whether s contains a match; GoError on a bad pattern. */
export function matchString(pattern: string, s: string): boolean {
  const re = compile(pattern);
  if (typeof re === 'string') throw new GoError(re);
  return re.matcher(s).find();
}

/** regexp.MustCompile(pattern).ReplaceAllString(src, repl); a bad pattern panics as Go's does. */
export function replaceAllString(pattern: string, repl: string, src: string): string {
  const re = compile(pattern);
  if (typeof re === 'string') throw new GoError(`regexp: Compile(${quoteRegexp(pattern)}): ${re}`);
  const m = re.matcher(src);
  const names = re.namedGroups();
  const groupCount = re.groupCount();
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length && m.find(searchPos)) {
    const start = m.start();
    const end = m.end();
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(repl, m, names, groupCount);
    lastMatchEnd = end;
    // Advance past the match, at least one character.
    const width =
      searchPos < src.length ? String.fromCodePoint(src.codePointAt(searchPos) as number).length : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

interface Groups {
  group(g: number): string | null;
}

/** Go's Regexp.Expand of a replacement template. */
function expand(template: string, m: Groups, names: Record<string, number>, groupCount: number): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    const nameStart = brace ? i + 1 : i;
    const name = /^[\p{L}\p{Nd}_]*/u.exec(template.slice(nameStart))?.[0] ?? '';
    let end = nameStart + name.length;
    if (name === '' || (brace && template[end] !== '}')) {
      out += '$'; // malformed: the dollar stays as text
      continue;
    }
    if (brace) end++;
    i = end;
    let num = -1;
    if (/^[0-9]+$/.test(name) && (name.length === 1 || name[0] !== '0') && name.length <= 8)
      num = Number(name);
    if (num >= 0) {
      if (num <= groupCount) out += m.group(num) ?? '';
    } else if (Object.hasOwn(names, name)) out += m.group(names[name]) ?? '';
  }
  return out;
}

/** regexp's quote: backquoted when it can be, else Go-quoted. */
function quoteRegexp(s: string): string {
  return !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f\ufeff]/.test(s) ? '`' + s + '`' : goQuote(s);
}
