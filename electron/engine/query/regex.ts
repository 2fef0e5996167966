// Label-matcher regexes: Prometheus anchors them fully (^(?s:re)$) and uses RE2 syntax and
// linear-time matching; both come from ../regex (compiled patterns are cached there).
import type { Matcher } from '../store/types';
import { compileRegex, regexError } from '../regex/re2';

export interface CompiledRegex {
  test: (s: string) => boolean;
  error?: string;
}

const never: CompiledRegex['test'] = () => false;

/** The matcher for an RE2 pattern; an invalid one carries Go's error and matches nothing. */
export function compileMatcherRegex(source: string): CompiledRegex {
  const error = regexError(source);
  return error === undefined ? compileRegex(source) : { test: never, error };
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
