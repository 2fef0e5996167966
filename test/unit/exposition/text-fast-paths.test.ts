// The text parser's shortcuts must give what the general path gives: values and timestamps read
// in the scanning pass equal parseGoFloat / parseTimestamp of the same text, and label values
// taken by a native search for the closing quote (the body's next newline, backslash and NUL
// found once and kept) are cut exactly where a char-by-char scan would cut them, whatever comes
// before or after them in the body, in one-byte and two-byte (non-Latin-1) bodies alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseGoFloat, parseTimestamp } from '../../../shared/format/go-float';
import { one, parse, rejects } from './helpers';

describe('values and timestamps read while scanning', () => {
  it('equal parseGoFloat and parseTimestamp of the same text', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/);
    const value = fc.oneof(
      digits,
      fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
      digits.map((d) => `.${d}`),
      digits.map((d) => `${d}.`),
      fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}e-3`),
      fc.constantFrom('1.2.3', '.', '1..2', '0x10', '-1.5', '+7', 'NaN', 'Inf', '1_000'),
    );
    const timestamp = fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: undefined });
    fc.assert(
      fc.property(value, timestamp, (v, ts) => {
        const body = `a{b="c"} ${v}${ts === undefined ? '' : ' ' + ts}\n`;
        const want = parseGoFloat(v, 0, v.length);
        const wantTs = ts === undefined ? null : parseTimestamp(ts, 0, ts.length);
        if (want === undefined || wantTs === undefined) {
          rejects(body);
          return;
        }
        const s = one(body);
        assert.ok(Object.is(s.value, want), `${v}: ${s.value} vs ${want}`);
        assert.equal(s.timestampMs, wantTs);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });
});

describe('label values found by a native search', () => {
  it('take escapes, NULs and line breaks later in the body into account', () => {
    const body = [
      'a{x="plain"} 1',
      'a{x="with \\"escape\\"",y="after"} 2',
      'a{x="again"} 3',
      'a{x="nul\0inside"} 4',
      'a{x="two\nlines",y="z"} 5',
      'a{x="last"} 6',
      '',
    ].join('\n');
    const { samples } = parse(body);
    assert.deepEqual(
      samples.map((s) => [s.labels, s.line]),
      [
        [['x', 'plain'], 1],
        [['x', 'with "escape"', 'y', 'after'], 2],
        [['x', 'again'], 3],
        [['x', 'nul\0inside'], 4],
        [['x', 'two\nlines', 'y', 'z'], 5],
        [['x', 'last'], 7],
      ],
    );
  });

  it('shift the closing quote when NULs follow it on a later line too', () => {
    const { samples } = parse('a{x="ok"} 1\na{x="v"\0\0} 2\n');
    assert.deepEqual(samples[0].labels, ['x', 'ok']);
    assert.deepEqual(samples[1].labels, ['x', 'v"\0']);
  });

  it('check UTF-8 in two-byte bodies: pairs pass, a lone surrogate is an error on its line', () => {
    const { samples } = parse('a{x="€ 😀"} 1\na{x="ok"} 2\n');
    assert.deepEqual(
      samples.map((s) => s.labels),
      [
        ['x', '€ 😀'],
        ['x', 'ok'],
      ],
    );
    rejects('a{x="€"} 1\na{x="bad\udc80"} 2\n', /invalid UTF-8 label value/, 2);
    rejects('# HELP a ok €\n# HELP b bad \ud800\n', /help text is not valid UTF-8/, 2);
  });

  it('stop at an unterminated value as before', () => {
    rejects('a{x="ok"} 1\na{x="open} 2\n', /unterminated quoted string/, 2);
  });
});
