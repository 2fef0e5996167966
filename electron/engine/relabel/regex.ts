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
  // `.` is the only thing DOTALL changes: without it, the project's RE2 (with its literal fast
  // paths) gives the same answers for the pattern alone, when it accepts it.
  const fast = !source.includes('.') && regexError(source) === undefined ? compileRegex(source).test : null;
  return {
    source,
    names,
    test: fast ?? ((value) => engine.matcher(value).find()),
    exec(value) {
      const m = engine.matcher(value);
      if (!m.find()) return null;
      const out: (string | undefined)[] = [];
      for (let g = 0; g <= m.groupCount(); g++) out.push(m.group(g) ?? undefined);
      return out;
    },
  };
}
