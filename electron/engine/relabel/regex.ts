// A relabel rule's regex as Prometheus 2.42 compiles it: the text wrapped as ^(?:re)$ and compiled
// by RE2 (re2js, the project's RE2 port of Go's regexp) with no flags, so `.` does not match a
// newline (Prometheus 3 changed that; 2.42 did not). The wrapping is textual, as in Go, so a
// pattern RE2 refuses on its own may still compile wrapped, and errors quote the wrapped text.
import { RE2JS } from 're2js';
import { compileRegex, regexError } from '../regex/re2';

export interface RelabelRegex {
  /** The pattern as written in the config. */
  readonly source: string;
  /** Whether the value matches (the anchored pattern). */
  test(value: string): boolean;
  /** Go's Regexp.FindStringSubmatch: [whole, group1, ...] (undefined: group did not take part). */
  exec(value: string): (string | undefined)[] | null;
  /** Group names to their numbers (the first group of a name). */
  readonly names: ReadonlyMap<string, number>;
}

const cache = new Map<string, RelabelRegex>();
/** Patterns that take any one-line value whole: (.*) is every rule's default. */
const WHOLE = new Map([
  ['(.*)', { group: true, nonEmpty: false }],
  ['(.+)', { group: true, nonEmpty: true }],
  ['.*', { group: false, nonEmpty: false }],
  ['.+', { group: false, nonEmpty: true }],
]);
const CACHE_MAX = 4096;

/** Compiles a relabel regex; throws an Error with Go's "error parsing regexp: ..." wording. */
export function compileRelabelRegex(source: string): RelabelRegex {
  let re = cache.get(source);
  if (re) return re;
  re = build(source);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(source, re);
  return re;
}

function build(source: string): RelabelRegex {
  let engine: RE2JS;
  try {
    engine = RE2JS.compile(`^(?:${source})$`);
  } catch (err) {
    // The project's wording for the pattern alone where it has one (it shortens long quotes).
    throw new Error(regexError(source) ?? (err as Error).message, { cause: err });
  }
  const names = new Map<string, number>();
  for (const [name, n] of Object.entries(engine.namedGroups())) if (!names.has(name)) names.set(name, n);
  // The default (.*) and its kin need no engine: any value without a newline (no DOTALL).
  const whole = WHOLE.get(source);
  if (whole) {
    const ok = (v: string) => !v.includes('\n') && (whole.nonEmpty ? v !== '' : true);
    return { source, names, test: ok, exec: (v) => (ok(v) ? (whole.group ? [v, v] : [v]) : null) };
  }
  // The project's RE2 (with its literal fast paths) full-matches the pattern alone with DOTALL,
  // which differs only on a newline: it answers for every other value, when it takes the pattern.
  const dotAll = regexError(source) === undefined ? compileRegex(source).test : null;
  const fast =
    dotAll && ((value: string) => (value.includes('\n') ? engine.matcher(value).find() : dotAll(value)));
  const test = fast ?? ((value: string) => engine.matcher(value).find());
  return {
    source,
    names,
    test,
    exec(value) {
      // Capturing in re2js costs microseconds: a fast refusal first where there is one.
      if (fast && !fast(value)) return null;
      const m = engine.matcher(value);
      if (!m.find()) return null;
      const out: (string | undefined)[] = [];
      for (let g = 0; g <= m.groupCount(); g++) out.push(m.group(g) ?? undefined);
      return out;
    },
  };
}
