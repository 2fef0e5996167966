// The RE2 module under every PromQL and relabel regex: Go's syntax and semantics, Go's refusals
// with short messages, linear time, and literal shapes that agree with the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import {
  MAX_ENGINE_PATTERN_LENGTH,
  RegexSyntaxError,
  compileCapturingRegex,
  compileRegex,
  regexError,
} from '../../../electron/engine/regex/re2';
import { literalShapeMatcher } from '../../../electron/engine/regex/literal-shapes';
import { requiredAffixes } from '../../../electron/engine/regex/required-affixes';

// [pattern, input, whether Go's regexp.MustCompile("^(?s:"+pattern+")$").MatchString(input)]
const GO_CASES: [string, string, boolean][] = [
  ['foo|bar', 'bar', true],
  ['foo|bar', 'foobar', false],
  ['.*', '', true],
  ['.*', 'a\nb', true],
  ['.+', '', false],
  ['foo.*', 'foo\nbar', true],
  ['(?i)FOO', 'foo', true],
  ['(?i:F)oo', 'foo', true],
  ['(?i:F)oo', 'fOO', false],
  ['a(?i)b', 'aB', true],
  ['[[:alpha:]]+', 'abcXYZ', true],
  ['[[:alpha:]]+', 'ab1', false],
  ['[[:^digit:]]', 'a', true],
  ['\\d+', '123', true],
  ['\\d', '\u0663', false],
  ['\\s', '\u00a0', false],
  ['\\s', '\v', false],
  ['\\w+', 'é', false],
  ['^foo$', 'foo', true],
  ['foo$|^bar', 'bar', true],
  ['', '', true],
  ['', 'a', false],
  ['a*', '', true],
  ['.', '😀', true],
  ['\\pL+', 'héllo', true],
  ['\\p{Greek}', 'α', true],
  ['\\Qa.b\\E', 'a.b', true],
  ['\\Qa.b\\E', 'axb', false],
  ['(?P<n>a)', 'a', true],
  ['(?U)a+', 'aa', true],
  ['x{2,3}', 'xxx', true],
  ['\\x{263a}', '☺', true],
  ['[^a]', '\n', true],
  ['(?i)k', '\u212a', true],
  ['a\\-b', 'a-b', true],
  ['10\\.0\\.0\\.1', '10.0.0.1', true],
  ['10\\.0\\.0\\.1', '10x0x0x1', false],
];

test('matching follows Go: (?s) anchoring, (?i), POSIX classes, ASCII \\d \\s \\w, code points', () => {
  for (const [p, s, want] of GO_CASES) {
    assert.equal(compileRegex(p).test(s), want, `${JSON.stringify(p)} on ${JSON.stringify(s)}`);
  }
});

test('what RE2 refuses is refused with Go error messages', () => {
  const refused: [string, RegExp][] = [
    ['(a)\\1', /^error parsing regexp: invalid escape sequence: `\\1`$/],
    ['(?=a)a', /^error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`$/],
    ['(?!a)b', /^error parsing regexp: invalid or unsupported Perl syntax: `\(\?!`$/],
    ['(?<=a)b', /^error parsing regexp: invalid named capture: `\(\?<=a\)b`$/],
    ['\\Z', /invalid escape sequence: `\\Z`/],
    ['a{1001}', /invalid repeat count: `\{1001\}`/],
    ['a**', /invalid nested repetition operator: `\*\*`/],
    ['(', /missing closing \): `\(`/],
    ['[z-a]', /invalid character class range: `z-a`/],
    ['\\u0041', /invalid escape sequence/],
    ['[[:foo:]]', /invalid character class range: `\[:foo:\]`/],
    ['\\C', /invalid escape sequence/],
  ];
  for (const [p, msg] of refused) {
    assert.match(regexError(p) ?? 'accepted', msg, p);
    const sameMessage = (e: Error) => e instanceof RegexSyntaxError && msg.test(e.message);
    assert.throws(() => compileRegex(p), sameMessage);
    assert.throws(() => compileCapturingRegex(p), sameMessage);
  }
  assert.equal(regexError('(?P<n>a)|b{2,1000}'), undefined);
});

test('a megabyte of pattern is refused in a short message, whatever its shape', () => {
  for (const p of ['a'.repeat(1 << 20), '(a|b)'.repeat(200_000), '('.repeat(1 << 20), 'x|'.repeat(1 << 19)]) {
    const t0 = performance.now();
    const err = regexError(p) ?? 'accepted';
    assert.ok(performance.now() - t0 < 1000, 'refused before parsing');
    assert.match(err, /^error parsing regexp: expression too large: \d+ characters, at most \d+/);
    assert.ok(err.length < 300, `message of ${err.length} characters`);
  }
  // Past the engine's limit but a literal shape: still fine (a Grafana "All" of many values).
  const many = Array.from({ length: 5000 }, (_, i) => `pod-${i}-abcdef`).join('|');
  assert.ok(many.length > MAX_ENGINE_PATTERN_LENGTH);
  assert.equal(compileRegex(many).test('pod-4321-abcdef'), true);
  assert.equal(compileRegex(many).test('pod-5000-abcdef'), false);
  // Errors about long patterns quote at most 100 characters of them.
  const deep = `${'('.repeat(500)}${'x'.repeat(20_000)}`;
  const err = regexError(deep) ?? 'accepted';
  assert.match(err, /^error parsing regexp: missing closing \): `\(+…`$/);
  assert.ok(err.length < 200, err);
});

test('catastrophic patterns run in linear time', () => {
  const evil = `${'a'.repeat(32)}!`;
  const long = `${'a'.repeat(200_000)}!`;
  for (const p of ['(a|a)+', '(a+)+', '(a*)*b', '(?:a|aa)+$', '(.*a){20}']) {
    const { test: match } = compileRegex(p);
    const t0 = performance.now();
    assert.equal(match(evil), false, p);
    assert.equal(match(long), false, p);
    assert.ok(performance.now() - t0 < 2000, `${p}: ${performance.now() - t0} ms`);
  }
  const re = compileCapturingRegex('(a|a)+');
  const t0 = performance.now();
  assert.equal(re.exec(evil), null);
  assert.ok(performance.now() - t0 < 1000);
});

test('capturing groups: numbered, named, unmatched ones undefined', () => {
  const m = compileCapturingRegex('(?P<host>[^:]+):(\\d+)(x)?').exec('web-1:9100');
  assert.ok(m);
  assert.deepEqual([...m], ['web-1:9100', 'web-1', '9100', undefined]);
  assert.deepEqual(m.groups, { host: 'web-1' });
  assert.equal(compileCapturingRegex('a.c').exec('a\nc')?.[0], 'a\nc', '. matches newline');
  assert.equal(compileCapturingRegex('b').exec('abc'), null, 'anchored at both ends');
});

test('compiled patterns are cached', () => {
  assert.equal(compileRegex('job-[0-9]+'), compileRegex('job-[0-9]+'));
  assert.equal(compileRegex('a|b'), compileRegex('a|b'));
});

test('typical selectors take the literal-shape path; the rest go to the engine', () => {
  const engine = () => () => false;
  for (const p of [
    '',
    'foo',
    'a|b|c',
    '.*',
    '.+',
    'api.*',
    '.*_total',
    '.*err.*',
    '(?i)get|post',
    '^foo$|bar.+',
    '(a|b\\.c)',
    '(?:x.*|y)',
    '(?i)(a|b)',
  ]) {
    assert.ok(literalShapeMatcher(p, engine), p);
  }
  for (const p of [
    '5..',
    '(a|b',
    'a|b)',
    '(a)|(b)',
    '(a\\)',
    '((a))',
    '.*?',
    '.**',
    'a+',
    '[ab]',
    '\\d',
    'a$b',
    'a^',
    '.+.+',
    '(?i)stra\u00dfe.*',
  ]) {
    assert.equal(literalShapeMatcher(p, engine), null, p);
  }
});

test('literal shapes agree with the RE2 engine (property)', () => {
  // With the Kelvin sign and the long s, which Go's (?i) folds with k and s.
  const alphabet = ['a', 'b', 'A', 'é', '😀', '\n', '-', '.', 'K', '\u212a', '\u017f', 'k', 's'];
  const atom = fc.oneof(
    fc.constantFrom('a', 'b', 'ab', 'A', 'é', '😀', '-', 'k', 's', 'S'),
    fc.constantFrom('\\.', '\\-', '\\|', '.*', '.+', '^', '$'),
  );
  const alt = fc.array(atom, { maxLength: 5 }).map((xs) => xs.join(''));
  const pattern = fc
    .tuple(
      fc.constantFrom('', '(?i)', '(?s)'),
      fc.array(alt, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(['', ''], ['(', ')'], ['(?:', ')'], ['(', '\\)'], ['', ')']),
    )
    .map(([flags, alts, [open, close]]) => flags + open + alts.join('|') + close);
  const value = fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((xs) => xs.join(''));
  let shaped = 0;
  fc.assert(
    fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (p, values) => {
      let engine: RE2JS;
      try {
        engine = RE2JS.compile(p, RE2JS.DOTALL);
      } catch {
        assert.equal(
          literalShapeMatcher(p, () => () => false),
          null,
          `${p} is not RE2, yet has a shape`,
        );
        return;
      }
      const fast = literalShapeMatcher(p, () => (s) => engine.testExact(s));
      if (!fast) return;
      shaped++;
      for (const v of values) {
        assert.equal(fast(v), engine.testExact(v), `${JSON.stringify(p)} on ${JSON.stringify(v)}`);
      }
    }),
    { numRuns: 3000 },
  );
  assert.ok(shaped > 800, `only ${shaped} patterns had a literal shape`);
});

test('required prefixes and suffixes are found, and only where every match has them', () => {
  const cases: [string, string, string][] = [
    ['prod-(eu|us)-[0-9]+', 'prod-', ''],
    ['.*(hits|errors)_total', '', '_total'],
    ['/(a|b)', '/', ''],
    ['5..', '5', ''],
    ['ab*c', 'a', 'c'],
    ['a{2}b', '', 'b'],
    ['x\\x41', 'x', ''],
    ['\\pLx', '', 'x'],
    ['\\012a', '', 'a'],
    ['a[]|]b', 'a', 'b'],
    ['a(b|c)|d', '', ''],
    ['(?i)ab.c', '', ''],
    ['a\\Q|\\Eb', '', ''],
    ['😀*x', '', 'x'],
    ['😀+.', '', ''],
    ['.😀', '', '😀'],
    ['x\\.y.', 'x.y', ''],
  ];
  for (const [p, prefix, suffix] of cases) assert.deepEqual(requiredAffixes(p), { prefix, suffix }, p);
});

test('the engine path with its prefilters agrees with re2js alone (property)', () => {
  const piece = fc.constantFrom(
    'a',
    'b',
    'ab',
    '.',
    '.*',
    '.+',
    'a*',
    'b?',
    'a{2}',
    'b{1,2}',
    '[ab]',
    '[^a]',
    '[]a]',
    '[[:alpha:]]',
    '\\d',
    '\\pL',
    '\\x61',
    '\\141',
    '\\.',
    '(a|b)',
    '(?:ab)+',
    '(?i:A)',
    '😀',
    '😀*',
    '$',
    '^',
    '|',
    '\\b',
  );
  const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));
  const value = fc
    .array(fc.constantFrom('a', 'b', 'A', '1', '.', '😀', '\n', ' '), { maxLength: 7 })
    .map((xs) => xs.join(''));
  fc.assert(
    fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (p, values) => {
      let engine: RE2JS;
      try {
        engine = RE2JS.compile(p, RE2JS.DOTALL);
      } catch {
        assert.notEqual(regexError(p), undefined, p);
        return;
      }
      const { test: match } = compileRegex(p);
      for (const v of values)
        assert.equal(match(v), engine.testExact(v), `${JSON.stringify(p)} on ${JSON.stringify(v)}`);
    }),
    { numRuns: 3000 },
  );
});
