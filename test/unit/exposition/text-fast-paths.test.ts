// The text parser's shortcuts must give what the general path gives: values and timestamps read
// in the scanning pass equal parseGoFloat / parseTimestamp of the same text, and label values
// taken by a native search for the closing quote (the body's next newline, backslash and NUL
// found once and kept) are cut exactly where a char-by-char scan would cut them, whatever comes
// before or after them in the body, in one-byte and two-byte (non-Latin-1) bodies alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseGoFloat, parseTimestamp } from '../../../shared/format/go-float';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { one, parse, rejects, sharedDir } from './helpers';

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

describe('values with an exponent read while scanning', () => {
  const exact = (v: string): void => {
    const want = parseGoFloat(v, 0, v.length);
    const body = `a ${v}\n`;
    if (want === undefined) {
      rejects(body);
      return;
    }
    const got = one(body).value;
    assert.ok(Object.is(got, want), `${v}: ${got} vs ${want}`);
    // The digits forms are decimal literals: Number() rounds them correctly, as Go does.
    if (/^[0-9.]+([eE][+-]?[0-9]+)?$/.test(v) && /[0-9]/.test(v.split(/[eE]/)[0])) {
      assert.ok(Object.is(got, Number(v)), `${v}: ${got} vs Number ${Number(v)}`);
    }
  };

  it('equal parseGoFloat and Number() on random mantissas and exponents', () => {
    const digits = fc.stringMatching(/^[0-9]{0,18}$/);
    const value = fc
      .tuple(
        digits,
        fc.option(digits, { nil: undefined }),
        fc.constantFrom('e', 'E'),
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^[0-9]{0,5}$/),
      )
      .map(([a, b, e, sign, x]) => `${a}${b === undefined ? '' : '.' + b}${e}${sign}${x}`);
    fc.assert(fc.property(value, exact), { numRuns: 20000, seed: 23 });
  });

  it('equal parseGoFloat and Number() at every power of ten the fast path takes, and past it', () => {
    for (const m of [
      '1',
      '9',
      '0',
      '0.5',
      '123456789012345',
      '1234567890123456',
      '4.503599627370497',
      '.001',
    ]) {
      for (let x = -30; x <= 30; x++) {
        for (const e of [`e${x}`, `E${x < 0 ? x : '+' + x}`, `e${x < 0 ? '-0' + -x : '0' + x}`]) exact(m + e);
      }
    }
  });

  it('equal parseGoFloat on the values of real exporters', () => {
    if (sharedDir === null) return;
    for (const file of ['node_exporter.prom', 'prometheus-server.prom']) {
      const p = path.join(sharedDir, 'samples', file);
      if (!existsSync(p)) continue;
      const values = new Set<string>();
      for (const line of readFileSync(p, 'utf8').split('\n')) {
        if (line === '' || line.startsWith('#')) continue;
        values.add(line.slice(line.lastIndexOf(' ') + 1));
      }
      assert.ok(values.size > 100);
      for (const v of values) exact(v);
    }
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
