// Property tests with fast-check for both parsers: random and mutated inputs (from the real
// samples and the OpenMetrics suite) never throw anything but ExpositionError, and 1 MB
// pathological lines of every kind parse (or fail) in well under a second. Runs are bounded so
// the file takes a few seconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExposition } from '../../../shared/exposition';
import { judge, MODES, mutated, randomBody, seeds } from '../../helpers/exposition-fuzz';
import { cpuMsSince } from '../../helpers/cpu-time';

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
  it('a missing quoted name after a label value that spans lines is reported on its own line', () => {
    // Found by bench/fuzz.bench.ts: the error pointed at line 2, column -12.
    const e = judge('{a="} 1# EOF\na{a="} 1\n# EOF# EOF\n', {});
    assert.ok(e && e.line === 1 && e.column === 1, e?.message);
  });
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
        // CPU time, not wall time: a busy machine stretches the latter. A quadratic path on
        // 1 MB takes minutes, so a bound of a few seconds still catches one.
        const t0 = process.cpuUsage();
        judge(body, options);
        const ms = cpuMsSince(t0);
        assert.ok(ms < 3000, `${mode}: ${what} took ${ms.toFixed(0)} ms of CPU`);
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
