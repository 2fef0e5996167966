// A silence's matchers as Alertmanager reads them: =, !=, =~, !~ against the alert's labels, an
// absent label being the empty string, regexes RE2 and fully anchored (as the engine's label
// matchers are). Checked once when a silence is saved, so a bad one is refused with its field.
import type { LabelSet } from '../../../shared/api';
import type { SilenceMatcher } from '../../../shared/rules/model';
import { compileRegex, regexError } from '../regex/re2';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type LabelTest = (labels: LabelSet) => boolean;

/** What is wrong with the matchers, as "matchers.1.value: ..." (the field named), or null. */
export function matchersProblem(matchers: readonly SilenceMatcher[]): string | null {
  if (matchers.length === 0) return 'matchers: a silence needs at least one matcher';
  for (const [i, m] of matchers.entries()) {
    if (!LABEL_NAME.test(m.name))
      return `matchers.${i}.name: "${m.name}" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)`;
    if (m.isRegex) {
      const err = regexError(m.value);
      if (err !== undefined) return `matchers.${i}.value: ${err}`;
    }
  }
  // As Alertmanager: a silence whose every matcher matches the empty string would silence
  // everything, even alerts without the label, which is never what was meant.
  if (matchers.every((m) => compileMatcher(m)({})))
    return 'matchers: at least one matcher must not match the empty string (use alertname=~".+" to silence everything)';
  return null;
}

/** One matcher as a test of a label set (the pattern must have passed matchersProblem). */
function compileMatcher(m: SilenceMatcher): LabelTest {
  if (m.isRegex) {
    const re = compileRegex(m.value);
    return m.isEqual ? (l) => re.test(l[m.name] ?? '') : (l) => !re.test(l[m.name] ?? '');
  }
  return m.isEqual ? (l) => (l[m.name] ?? '') === m.value : (l) => (l[m.name] ?? '') !== m.value;
}

/** Whether all matchers hold (a silence's matchers are ANDed). */
export function compileMatchers(matchers: readonly SilenceMatcher[]): LabelTest {
  const tests = matchers.map(compileMatcher);
  return (labels) => tests.every((t) => t(labels));
}
