// Label matchers as Prometheus evaluates them: regexes are anchored at both ends (^(?:re)$) and
// a missing label compares as the empty string.
import type { Matcher } from './types';

export type MatchFn = (value: string) => boolean;

const cache = new Map<string, RegExp>();

/** Compiles a Prometheus (RE2) regex as a fully anchored JS regex; throws on an invalid one. */
export function anchoredRegex(source: string): RegExp {
  let re = cache.get(source);
  if (!re) {
    // RE2's (?s) / (?i) flags at the start are common in PromQL; JS takes them as flags.
    let body = source;
    let flags = 'u';
    const m = /^\(\?([is]+)\)/.exec(body);
    if (m) {
      body = body.slice(m[0].length);
      if (m[1].includes('i')) flags += 'i';
      if (m[1].includes('s')) flags += 's';
    }
    re = new RegExp(`^(?:${body})$`, flags);
    if (cache.size > 1000) cache.clear();
    cache.set(source, re);
  }
  return re;
}

export function compileMatcher(m: Matcher): MatchFn {
  switch (m.type) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~': {
      const re = anchoredRegex(m.value);
      return (v) => re.test(v);
    }
    case '!~': {
      const re = anchoredRegex(m.value);
      return (v) => !re.test(v);
    }
  }
}
