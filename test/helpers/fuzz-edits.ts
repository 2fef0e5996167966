// Text inputs for fuzzing a parser: a soup of its tokens, and valid seeds with a few token edits
// (insert, delete, replace, or a stretch of the text repeated), which reach deeper than noise.
import fc from 'fast-check';

export function tokenSoup(tokens: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...tokens), { maxLength }).map((a) => a.join(''));
}

export function editedSeeds(
  seeds: readonly string[],
  tokens: readonly string[],
  opts: { maxEdits: number; repeat: number },
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...tokens)), {
        minLength: 1,
        maxLength: opts.maxEdits,
      }),
    )
    .map(([seed, edits]) => {
      let s = seed;
      for (const [at, kind, tok] of edits) {
        const i = s.length === 0 ? 0 : at % s.length;
        if (kind === 0) s = s.slice(0, i) + tok + s.slice(i);
        else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1);
        else if (kind === 2) s = s.slice(0, i) + tok + s.slice(i + 1);
        else s = s.slice(0, i) + s.slice(i, i + opts.repeat) + s.slice(i);
      }
      return s;
    });
}
