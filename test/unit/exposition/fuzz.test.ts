// Property tests with fast-check for both parsers: random and mutated inputs (from the real
// samples and the OpenMetrics suite) never throw anything but ExpositionError, and 1 MB
// pathological lines of every kind parse (or fail) in well under a second. Runs are bounded so
// the file takes a few seconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ExpositionError, parseExposition } from '../../../shared/exposition';
import type { ParseExpositionOptions } from '../../../shared/exposition';
import { sharedDir } from './helpers';

const MODES: [string, ParseExpositionOptions][] = [
  ['text', {}],
  ['text 2.42', { utf8Names: false }],
  ['OpenMetrics strict', { format: 'openmetrics' }],
  ['OpenMetrics scrape mode', { format: 'openmetrics', strict: false, utf8Names: false }],
];

/** Parses and returns null, or the ExpositionError; anything else fails the property. */
function judge(body: string, options: ParseExpositionOptions): ExpositionError | null {
  try {
    const r = parseExposition(body, options);
    // What came out is well formed.
    for (const s of r.samples) {
      assert.equal(typeof s.name, 'string');
      assert.equal(s.labels.length % 2, 0);
      assert.ok(s.timestampMs === null || Number.isFinite(s.timestampMs));
    }
    return null;
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e;
    assert.ok(e.line >= 1 && e.column >= 1, `bad position in ${e.message}`);
    assert.ok(e.text.length <= 201);
    return e;
  }
}

// Seeds: the real samples (first 4 KB each), the suite's bodies, and small hand-made ones.
const seeds: string[] = [
  '# HELP a_total Help \\n text.\n# TYPE a_total counter\na_total{x="1",y="a\\"b"} 1.5e3 1700000000000\n',
  '# TYPE h histogram\nh_bucket{le="1"} 1 # {t="x"} 0.5 1.5\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 3\n# EOF\n',
  '{"my.metric","a.b"="1"} 1\n# HELP "my.metric" x\n# EOF\n',
];
if (sharedDir !== null) {
  for (const f of ['prometheus-server.prom', 'node_exporter.prom']) {
    const p = path.join(sharedDir, 'samples', f);
    if (existsSync(p)) seeds.push(readFileSync(p, 'utf8').slice(0, 4096));
  }
  const suite = path.join(sharedDir, 'conformance', 'openmetrics');
  if (existsSync(suite)) {
    for (const d of readdirSync(suite).sort()) {
      const m = path.join(suite, d, 'metrics');
      if (existsSync(m)) seeds.push(readFileSync(m, 'utf8'));
    }
  }
}

const ALPHABET = 'ab_:09 \t\n\r{}=,"\\#.eE+-xpInfNaHELPTYPEUNITEOF\u0000\u00e9\ud83d\ude00\ud800';
const tokens = [
  ...ALPHABET,
  '# EOF',
  '# HELP ',
  '# TYPE ',
  '# UNIT ',
  ' # {',
  'le="+Inf"',
  '_total',
  '_bucket',
  'NaN',
  '"a.b"',
  '\\"',
  '\\n',
];
const randomBody = fc.array(fc.constantFrom(...tokens), { maxLength: 80 }).map((a) => a.join(''));

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...tokens)), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const [at, kind, tok] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      if (kind === 0) s = s.slice(0, i) + tok + s.slice(i);
      else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1);
      else if (kind === 2) s = s.slice(0, i) + tok + s.slice(i + 1);
      else s = s.slice(0, i) + s.slice(i, i + 40) + s.slice(i);
    }
    return s;
  });

describe('fuzz: only ExpositionError, never anything else', () => {
  for (const [mode, options] of MODES) {
    it(`${mode}: random token soup`, () => {
      fc.assert(
        fc.property(randomBody, (body) => {
          judge(body, options);
        }),
        { numRuns: 1500, seed: 1 },
      );
    });
    it(`${mode}: mutated real bodies`, () => {
      fc.assert(
        fc.property(mutated, (body) => {
          judge(body, options);
        }),
        { numRuns: 800, seed: 2 },
      );
    });
  }
  it('the suite bodies do not throw anything else either, in every mode', () => {
    for (const body of seeds) for (const [, options] of MODES) judge(body, options);
  });
});

describe('fuzz: 1 MB pathological bodies stay linear', () => {
  const MB = 1 << 20;
  const shapes: [string, (om: boolean) => string][] = [
    ['a long metric name', () => 'a'.repeat(MB) + ' 1\n'],
    ['a long label value', () => `a{b="${'x'.repeat(MB)}"} 1\n`],
    ['a long escaped label value', () => `a{b="${'\\"'.repeat(MB / 2)}"} 1\n`],
    ['many labels', () => `a{${Array.from({ length: MB / 12 }, (_, i) => `l${i}="c"`).join(',')}} 1\n`],
    ['many repeated labels', () => `a{${'b="c",'.repeat(MB / 6)}b="c"} 1\n`],
    ['a long number', () => `a ${'9'.repeat(MB)}\n`],
    ['a long timestamp', () => `a 1 ${'9'.repeat(MB)}\n`],
    ['a long fraction', () => `a 0.${'1'.repeat(MB)} 1.${'5'.repeat(MB)}\n`],
    ['long HELP text with escapes', () => `# HELP a ${'\\n'.repeat(MB / 2)}\n`],
    ['a long quoted name', () => `{"${'é'.repeat(MB)}"} 1\n`],
    ['a long unterminated quote', () => `a{b="${'x'.repeat(MB)}`],
    ['many backslashes', () => `a{b="${'\\\\'.repeat(MB / 2)}`],
    ['many short lines', () => 'a{b="c"} 1\n'.repeat(MB / 11)],
    ['many families', () => Array.from({ length: MB / 16 }, (_, i) => `m${i} 1`).join('\n') + '\n'],
    ['a long exemplar', (om) => (om ? `# TYPE a counter\na_total 1 # {a="${'x'.repeat(MB)}"} 1\n` : 'a 1\n')],
  ];
  for (const [what, make] of shapes) {
    it(`${what}`, () => {
      for (const [mode, options] of MODES) {
        const om = options.format === 'openmetrics';
        const body = make(om) + (om ? '# EOF\n' : '');
        const t0 = performance.now();
        judge(body, options);
        const ms = performance.now() - t0;
        assert.ok(ms < 1000, `${mode}: ${what} took ${ms.toFixed(0)} ms`);
      }
    });
  }
  it('memory stays proportional to the input', () => {
    const body = 'a{b="c",d="e"} 1\n'.repeat(50_000);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let n = 0;
    for (let k = 0; k < 5; k++) n += parseExposition(body, {}).samples.length;
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(n, 250_000);
    // A generous bound: retained samples of one parse at most, not of every parse.
    assert.ok(grown < 200 * 1024 * 1024, `heap grew ${grown} bytes`);
  });
});
