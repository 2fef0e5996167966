// lintText: format detection, parse errors with position, sorting and counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, hasProblems, lintExposition, lintText } from '../../../shared/exposition/lint';
import { formatGoFloatG, formatOpenMetricsFloat } from '../../../shared/format/go-float';
import { parseExposition } from '../../../shared/exposition';

test('detectFormat: OpenMetrics when the last line is # EOF', () => {
  assert.equal(detectFormat('a 1\n# EOF\n'), 'openmetrics');
  assert.equal(detectFormat('a 1\n# EOF'), 'openmetrics');
  assert.equal(detectFormat('a 1\n'), 'prometheus-text');
  assert.equal(detectFormat('a 1\n# EOF\nb 2\n'), 'prometheus-text');
});

test('a parse error: parsed=false with line, column and message', () => {
  const r = lintText('a 1\nbroken{a="1" 2\n', { format: 'auto' });
  assert.equal(r.parsed, false);
  assert.equal(r.error?.line, 2);
  assert.ok((r.error?.column ?? 0) > 1);
  assert.ok((r.error?.message ?? '').length > 0);
  assert.deepEqual(r.problems, []);
});

test('the classic mistakes, by line, sorted', () => {
  const body = [
    '# TYPE requests counter', // 1: missing-help, counter-without-total
    'requests 1',
    '# HELP latency_milliseconds L.',
    '# TYPE latency_milliseconds gauge', // 4: non-base-unit
    'latency_milliseconds 3',
    '# HELP h H.',
    '# TYPE h histogram',
    'h_bucket{le="1.0"} 5',
    'h_bucket{le="2.0"} 3', // 9: not cumulative, missing +Inf
    'h_sum 1',
    'h_count 5',
  ].join('\n');
  const r = lintText(body, { format: 'auto' });
  assert.equal(r.parsed, true);
  assert.equal(r.format, 'prometheus-text');
  assert.equal(r.families, 3);
  assert.equal(r.samples, 6);
  const got = r.problems.map((p) => `${p.line} ${p.code}`);
  assert.deepEqual(got, [
    '1 missing-help',
    '1 counter-without-total',
    '4 non-base-unit',
    '9 histogram-not-cumulative',
    '9 histogram-missing-inf',
  ]);
  for (const p of r.problems) {
    assert.ok(p.message.length > 0 && !p.message.includes('\n'));
    assert.ok(p.hint.length > 0);
  }
  assert.equal(hasProblems(r.problems), true);
});

test('lintExposition works on a parsed body without meta lines', () => {
  const f = lintExposition(parseExposition('a 1\n# HELP a A.\n'));
  assert.deepEqual(
    f.map((x) => x.code),
    ['missing-type', 'help-after-samples'],
  );
  assert.equal(hasProblems([{ ...f[0], severity: 'info' }]), false);
});

test('Go float formatting matches strconv.FormatFloat(f, g, -1) and FormatOpenMetricsFloat', () => {
  const cases: [number, string, string][] = [
    [1, '1', '1.0'],
    [0, '0', '0.0'],
    [0.5, '0.5', '0.5'],
    [100000, '100000', '100000.0'],
    [1e6, '1e+06', '1e+06'],
    [1234567, '1.234567e+06', '1.234567e+06'],
    [0.0001, '0.0001', '0.0001'],
    [0.00001, '1e-05', '1e-05'],
    [1.1e-11, '1.1e-11', '1.1e-11'],
    [-2.5, '-2.5', '-2.5'],
    [1e21, '1e+21', '1e+21'],
    [1.8446744073709552e19, '1.8446744073709552e+19', '1.8446744073709552e+19'],
    [Infinity, '+Inf', '+Inf'],
    [-Infinity, '-Inf', '-Inf'],
  ];
  for (const [f, g, om] of cases) {
    assert.equal(formatGoFloatG(f), g, `g of ${f}`);
    assert.equal(formatOpenMetricsFloat(f), om, `om of ${f}`);
  }
  assert.equal(formatOpenMetricsFloat(NaN), 'NaN');
});
