// Label matchers as Prometheus evaluates them: regexes are RE2, anchored at both ends
// (^(?s:re)$), and a missing label compares as the empty string.
import { compileRegex } from '../regex/re2';
import type { Matcher } from './types';

export type MatchFn = (value: string) => boolean;

/** Throws RegexSyntaxError for a pattern RE2 refuses (the parser reports those first). */
export function compileMatcher(m: Matcher): MatchFn {
  switch (m.type) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~':
      return compileRegex(m.value).test;
    case '!~': {
      const { test } = compileRegex(m.value);
      return (v) => !test(v);
    }
  }
}
