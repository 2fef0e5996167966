// The OpenMetrics parser's shortcuts must give what the general paths give: values and
// timestamps read in the scanning pass equal parseGoFloat / timestampToMs of the same text; names
// and label names taken again from the line before are the same text; and label groups, kept as
// hashes, behave as the label sets they stand for: the order pairs are written in does not
// matter, escapes count as their values, and two groups whose hashes collide stay apart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseExposition } from '../../../shared/exposition';
import type { ParseExpositionOptions } from '../../../shared/exposition';
import { timestampToMs } from '../../../shared/exposition/openmetrics-parser';
import { pairHash } from '../../../shared/exposition/seen-groups';
import { parseGoFloat } from '../../../shared/format/go-float';
import { rejects, sharedDir } from './helpers';

const STRICT: ParseExpositionOptions = { format: 'openmetrics' };
const SCRAPE: ParseExpositionOptions = { format: 'openmetrics', strict: false, utf8Names: false };

describe('OpenMetrics values and timestamps read while scanning', () => {
  it('equal parseGoFloat and timestampToMs of the same text', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/);
    const exponent = fc.oneof(fc.constant(''), fc.stringMatching(/^[eE][+-]?[0-9]{0,5}$/));
    const sign = fc.constantFrom('', '-', '+');
    const number = fc
      .tuple(
        sign,
        fc.oneof(
          digits,
          fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
          digits.map((d) => `.${d}`),
          digits.map((d) => `${d}.`),
        ),
        exponent,
      )
      .map(([s, m, e]) => s + m + e);
    const odd = fc.constantFrom('1.2.3', '.', '1..2', '0x10', 'NaN', '+Inf', '-Inf', '1_000', '1e', '-');
    const value = fc.oneof(number, odd);
    const timestamp = fc.option(fc.oneof(number, odd), { nil: undefined });
    fc.assert(
      fc.property(value, timestamp, (v, ts) => {
        const body = `a{b="c"} ${v}${ts === undefined ? '' : ' ' + ts}\n# EOF\n`;
        const want = parseGoFloat(v, 0, v.length);
        const seconds = ts === undefined ? null : parseGoFloat(ts, 0, ts.length);
        if (want === undefined || seconds === undefined || (seconds !== null && !Number.isFinite(seconds))) {
          rejects(body, undefined, 1, undefined, SCRAPE);
          return;
        }
        const [s] = parseExposition(body, SCRAPE).samples;
        assert.ok(Object.is(s.value, want), `${v}: ${s.value} vs ${want}`);
        const wantMs = seconds === null ? null : timestampToMs(ts!, 0, ts!.length, seconds);
        assert.ok(Object.is(s.timestampMs, wantMs), `${ts}: ${s.timestampMs} vs ${wantMs}`);
      }),
      { numRuns: 3000, seed: 23 },
    );
  });
});

describe('OpenMetrics names taken again from the line before', () => {
  it('are the names written, whatever the line before had', () => {
    const body = [
      'ab{x="1",xy="2"} 1',
      'abc{xy="1",x="2"} 1',
      'ab{x="1",xz="2"} 1',
      'ab{x_="1",x="2"} 1',
      'b_{x="1"} 1',
      'b{x="1"} 1',
      '# HELP c text',
      '# HELP cd text',
      '# EOF',
      '',
    ].join('\n');
    const r = parseExposition(body, SCRAPE);
    assert.deepEqual(
      r.samples.map((s) => [s.name, ...s.labels]),
      [
        ['ab', 'x', '1', 'xy', '2'],
        ['abc', 'xy', '1', 'x', '2'],
        ['ab', 'x', '1', 'xz', '2'],
        ['ab', 'x_', '1', 'x', '2'],
        ['b_', 'x', '1'],
        ['b', 'x', '1'],
      ],
    );
    assert.deepEqual(
      r.families.map((f) => f.name),
      ['c', 'cd'],
    );
  });

  it('and label values and pair hashes taken again are those of the pairs written', () => {
    const ok = (lines: string[]) => parseExposition(lines.join('\n') + '\n# EOF\n', STRICT);
    const bad = (lines: string[], reason: RegExp, line: number) =>
      rejects(lines.join('\n') + '\n# EOF\n', reason, line, undefined, STRICT);
    // The same name at an index with another value, and back: a repeat, found by its hash.
    bad(['a{x="1"} 1', 'a{x="2"} 1', 'a{x="1"} 1'], /must be together/, 3);
    bad(['a{x="1",y="1"} 1', 'a{x="1",y="2"} 1', 'a{x="1",y="1"} 1'], /must be together/, 3);
    // Long values of one length and last char that differ inside.
    ok(['a{x="abcdefghijklmnop"} 1 2', 'a{x="abcdefghXjklmnop"} 1 1']);
    bad(['a{x="abcdefghijklmnop"} 1 2', 'a{x="abcdefghijklmnop"} 1 1'], /went backwards/, 2);
    bad(
      ['a{x="abcdefghijklmnop"} 1', 'a{x="abcdefghXjklmnop"} 1', 'a{x="abcdefghijklmnop"} 1'],
      /must be together/,
      3,
    );
    // The same value under another name is another pair.
    ok(['a{x="1"} 1', 'a{y="1"} 1', 'a{z="1"} 1']);
    bad(['a{x="1"} 1', 'a{y="1"} 1', 'a{x="1"} 1'], /must be together/, 3);
    // A quoted name at an index between plain ones, and an escaped value between plain ones.
    bad(['a{x="1"} 1', 'a{"x"="2"} 1', 'a{x="3"} 1', 'a{"x"="1"} 1'], /must be together/, 4);
    bad(['a{x="1"} 1', 'a{"x"="2"} 1', 'a{x="2"} 1 1'], /a timestamp or none/, 3);
    bad(['a{x="a"} 1', 'a{x="\\\\"} 1', 'a{x="a"} 1'], /must be together/, 3);
    ok(['a{x="1"} 1', 'a{"x"="2"} 1', 'a{x="3"} 1']);
    // Names taken again, then one more or one fewer: duplicates are still found.
    bad(['a{x="1",y="1"} 1', 'a{x="1",y="1",x="2"} 1'], /duplicate label name "x"/, 2);
    bad(['a{x="1",y="1"} 1', 'b{x="1",x="1"} 1'], /duplicate label name "x"/, 2);
    // HELP, TYPE and sample names taken again from the line before.
    bad(['# HELP a x', '# TYPE a gauge', 'a 1', '# HELP b x', '# TYPE b gauge', 'a 1'], /clashes/, 6);
    const r = ok(['# HELP ab x', '# TYPE a gauge', 'a 1', '# HELP abc x', '# TYPE ab_c gauge', 'ab_c 1']);
    assert.deepEqual(
      r.families.map((f) => [f.name, f.type, f.help]),
      [
        ['ab', null, 'x'],
        ['a', 'gauge', null],
        ['abc', null, 'x'],
        ['ab_c', 'gauge', null],
      ],
    );
    ok(['# HELP a x', '# TYPE a gauge', 'a{x="1"} 1', 'a{x="2"} 1', '# TYPE ab gauge', 'ab 1']);
  });

  it('are the samples each line gives alone, on the real bodies', (t) => {
    if (sharedDir === null) return t.skip('no samples beside the checkout');
    for (const file of ['prometheus-server.prom', 'node_exporter.prom']) {
      const om = toOpenMetrics(readFileSync(path.join(sharedDir, 'samples', file), 'utf8'));
      const whole = parseExposition(om, STRICT).samples;
      const lines = om.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
      assert.equal(whole.length, lines.length);
      // Each line alone in a body: nothing before it to take names or values from.
      const alone = lines.map((l) => parseExposition(`${l}\n# EOF\n`, SCRAPE).samples[0]);
      assert.deepEqual(
        whole.map((s) => [s.name, s.labels, s.value, s.timestampMs]),
        alone.map((s) => [s.name, s.labels, s.value, s.timestampMs]),
      );
    }
  });
});

describe('OpenMetrics seen groups table', () => {
  it('finds a repeat in a family after one that grew the table, and forgets earlier families', () => {
    const lines: string[] = [];
    for (const [family, groups] of [
      ['big', 3000],
      ['one', 1],
      ['few', 5],
      ['mid', 700],
      ['big2', 3000],
    ] as const) {
      lines.push(`# TYPE ${family} gauge`);
      for (let i = 0; i < groups; i++) lines.push(`${family}{i="${i}"} 1`);
    }
    const body = lines.join('\n') + '\n';
    // Groups of earlier families (the same label sets) are no repeats.
    assert.equal(parseExposition(body + '# EOF\n', STRICT).samples.length, 6706);
    for (const i of [0, 1500, 2998]) {
      rejects(`${body}big2{i="${i}"} 2\n# EOF\n`, /must be together/, lines.length + 1, undefined, STRICT);
    }
    // The same in a small family after the big one (up to and with few{i="4"}, then few{i="0"}).
    const end = lines.indexOf('few{i="4"}  1'.replace('  ', ' ')) + 1;
    const few = lines.slice(0, end).join('\n') + '\nfew{i="0"} 1\n# EOF\n';
    rejects(few, /must be together/, end + 1, undefined, STRICT);
    const one = lines.slice(0, end).join('\n') + '\nfew{i="5"} 1\n# EOF\n';
    assert.equal(parseExposition(one, STRICT).samples.length, end - 3 + 1);
  });
});

describe('OpenMetrics label groups kept as hashes', () => {
  it('do not depend on the order of the pairs, and count escapes as their values', () => {
    const ok = (lines: string[]) => parseExposition(lines.join('\n') + '\n# EOF\n', STRICT);
    const bad = (lines: string[], reason: RegExp, line: number) =>
      rejects(lines.join('\n') + '\n# EOF\n', reason, line, undefined, STRICT);
    ok(['# TYPE a counter', 'a_total{x="1",y="2"} 1 1', 'a_created{y="2",x="1"} 1 1']);
    bad(['a{x="1",y="2"} 1 2', 'a{y="2",x="1"} 1 1'], /timestamps went backwards/, 2);
    bad(['a{x="1",y="2"} 1', 'a{x="2",y="2"} 1', 'a{y="2",x="1"} 1'], /must be together/, 3);
    bad(['a{x="a\\\\b"} 1', 'a{x="c"} 1', 'a{x="a\\\\b"} 1'], /must be together/, 3);
    // "\q" is no escape: it stays as written, the value "\\q" has too.
    bad(['a{x="\\q"} 1 2', 'a{x="\\\\q"} 1 1'], /timestamps went backwards/, 2);
    ok(['a{x="\\q"} 1 2', 'a{x="q"} 1 1']);
    bad(['a{x="\\n"} 1', 'a{x="m"} 1', 'a{x="\\n"} 1'], /must be together/, 3);
    bad(
      [
        '# TYPE h histogram',
        'h_bucket{x="1",le="+Inf"} 1',
        'h_count{x="1"} 1',
        'h_sum{x="1"} 1',
        'h_bucket{le="+Inf",x="2"} 1',
        'h_count{x="2"} 1',
        'h_sum{x="2"} 1',
        'h_created{x="1"} 1',
      ],
      /must be together/,
      8,
    );
  });

  it('leave out the bound or stateset label wherever it is written, and only that one', () => {
    const ok = (lines: string[]) => parseExposition(lines.join('\n') + '\n# EOF\n', STRICT);
    const bad = (lines: string[], reason: RegExp, line: number) =>
      rejects(lines.join('\n') + '\n# EOF\n', reason, line, undefined, STRICT);
    const h = ['# TYPE h histogram'];
    // "le" first, then last: one group, so one timestamp rule and one bucket order.
    ok([
      ...h,
      'h_bucket{le="1",x="1"} 0 1',
      'h_bucket{x="1",le="+Inf"} 0 1',
      'h_count{x="1"} 0 1',
      'h_sum{x="1"} 0 1',
    ]);
    bad([...h, 'h_bucket{le="1",x="1"} 0 2', 'h_bucket{x="1",le="+Inf"} 0 1'], /went backwards/, 3);
    bad([...h, 'h_bucket{le="2",x="1"} 0', 'h_bucket{x="1",le="1"} 0'], /increasing "le" order/, 3);
    // A group again after another, "le" moved: a repeat.
    bad(
      [...h, 'h_bucket{x="1",le="+Inf"} 0', 'h_bucket{x="2",le="+Inf"} 0', 'h_bucket{le="+Inf",x="1"} 0'],
      /must be together/,
      4,
    );
    // A name of the same length as "le", and "le" on a sample that is no bucket, are in the group.
    ok([...h, 'h_bucket{lf="1",le="+Inf"} 0', 'h_bucket{lf="2",le="+Inf"} 0']);
    ok(['# TYPE g gauge', 'g{le="1"} 1 2', 'g{le="2"} 1 1']);
    // The same bound written twice differently, and an infinity spelled without its sign after
    // the spelling with it (each text's value is kept for the body).
    bad([...h, 'h_bucket{le="1"} 0', 'h_bucket{le="1.0"} 0'], /increasing "le" order/, 3);
    ok([...h, 'h_bucket{le="+Inf"} 0', 'h_bucket{x="1",le="+Inf"} 0']);
    bad([...h, 'h_bucket{le="+Inf"} 0', 'h_bucket{x="1",le="Inf"} 0'], /valid "le" label/, 3);
    const s = ['# TYPE s summary'];
    ok([...s, 's{quantile="0.5",x="1"} 1 1', 's{x="1",quantile="0.9"} 1 1', 's_count{x="1"} 1 1']);
    bad([...s, 's{quantile="0.5",x="1"} 1 2', 's{x="1",quantile="0.9"} 1 1'], /went backwards/, 3);
    bad([...s, 's{quantile="0.5"} 1', 's{quantile="2"} 1'], /between 0 and 1/, 3);
    const st = ['# TYPE st stateset'];
    ok([...st, 'st{st="a",x="1"} 1 1', 'st{x="1",st="b"} 0 1']);
    bad([...st, 'st{st="a",x="1"} 1', 'st{x="2",st="a"} 1', 'st{x="1",st="b"} 0'], /must be together/, 4);
    bad([...st, 'st{x="1"} 1'], /without a "st" label/, 2);
  });

  it('tell colliding groups apart, before and after', () => {
    // The first two of "v0", "v1", ... whose pairs with name "x" hash alike.
    const [v, w] = ['v1079599', 'v1262382'];
    assert.equal(pairHash('x', v), pairHash('x', w));
    const body = (lines: string[]) => lines.join('\n') + '\n# EOF\n';
    // Consecutive: a different group, so its timestamp may be lower.
    parseExposition(body([`a{x="${v}"} 1 2`, `a{x="${w}"} 1 1`]), STRICT);
    // Apart: a different group, not a repeat.
    parseExposition(body([`a{x="${v}"} 1`, 'a{x="other"} 1', `a{x="${w}"} 1`]), STRICT);
    rejects(
      body([`a{x="${v}"} 1`, `a{x="${w}"} 1`, `a{x="${v}"} 1`]),
      /must be together/,
      3,
      undefined,
      STRICT,
    );
  });

  it('give the real bodies, their pairs in any order, the same verdict and samples', (t) => {
    if (sharedDir === null) return t.skip('no samples beside the checkout');
    for (const file of ['prometheus-server.prom', 'node_exporter.prom']) {
      const om = toOpenMetrics(readFileSync(path.join(sharedDir, 'samples', file), 'utf8'));
      const reversed = om.replace(
        /\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\}/g,
        (_, pairs: string) => `{${(pairs.match(/[^=,]+="(?:[^"\\]|\\.)*"/g) ?? []).reverse().join(',')}}`,
      );
      const a = parseExposition(om, STRICT);
      const b = parseExposition(reversed, STRICT);
      assert.ok(a.samples.length > 100);
      assert.deepEqual(
        b.samples.map((s) => [s.name, s.value, s.line]),
        a.samples.map((s) => [s.name, s.value, s.line]),
      );
    }
  });
});

// A text-format body as OpenMetrics, as bench/parse.bench.ts makes it: counters lose `_total` in
// TYPE / HELP (a counter whose shortened name is another family's is dropped), untyped becomes
// unknown, other comments go, `# EOF` ends it.
function toOpenMetrics(text: string): string {
  const types = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1], m[2]);
  const dropped = new Set<string>();
  for (const [name, type] of types) {
    if (type === 'counter' && (!name.endsWith('_total') || types.has(name.slice(0, -6)))) dropped.add(name);
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
    if (m !== null) {
      if (dropped.has(m[2])) continue;
      const name = types.get(m[2]) === 'counter' ? m[2].slice(0, -6) : m[2];
      const rest = m[1] === 'TYPE' && m[3] === 'untyped' ? 'unknown' : (m[3] ?? '');
      out.push(`# ${m[1]} ${name} ${rest}`);
    } else if (!line.startsWith('#') && !dropped.has(/^[^{ ]+/.exec(line)?.[0] ?? '')) out.push(line);
  }
  return out.join('\n') + '\n# EOF\n';
}
