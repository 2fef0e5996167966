// Units: base units, abbreviations, and OpenMetrics UNIT lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricUnit } from '../../../shared/exposition/lint/checks/units';
import { lintExposition } from '../../../shared/exposition/lint';
import type { ParsedExposition } from '../../../shared/exposition';
import { assertLines, assertNone, family, lint } from './helpers';

test('metricUnit: prefixed and non-base units map to their base', () => {
  assert.deepEqual(metricUnit('latency_milliseconds'), { unit: 'milliseconds', base: 'seconds' });
  assert.deepEqual(metricUnit('x_microseconds_total'), { unit: 'microseconds', base: 'seconds' });
  assert.deepEqual(metricUnit('disk_kilobytes'), { unit: 'kilobytes', base: 'bytes' });
  assert.deepEqual(metricUnit('link_bits'), { unit: 'bits', base: 'bytes' });
  assert.deepEqual(metricUnit('uptime_hours'), { unit: 'hours', base: 'seconds' });
  assert.deepEqual(metricUnit('cpu_percent'), { unit: 'percent', base: 'ratio' });
  assert.deepEqual(metricUnit('temp_celsius'), { unit: 'celsius', base: 'celsius' });
  assert.equal(metricUnit('thermometers_total'), null);
});

test('non-base-unit: flagged with the base unit; base units pass', () => {
  for (const name of [
    'latency_milliseconds',
    'age_days',
    'ram_gigabytes',
    'cpu_usage_percent',
    'x_nanoseconds',
  ]) {
    const f = lint(family(name, 'gauge', `${name} 1`));
    assertLines(f, 'non-base-unit', [2]);
  }
  for (const name of ['latency_seconds', 'temperature_celsius', 'memory_bytes', 'cpu_usage_ratio']) {
    assertNone(lint(family(name, 'gauge', `${name} 1`)), 'non-base-unit');
  }
  const f = lint(family('latency_milliseconds', 'gauge', 'latency_milliseconds 3'));
  assert.match(
    f.find((x) => x.code === 'non-base-unit')?.message ?? '',
    /"seconds" instead of "milliseconds"/,
  );
});

test('unit-abbreviation: _ms, _kb, _s ...', () => {
  assertLines(lint(family('latency_ms', 'gauge', 'latency_ms 1')), 'unit-abbreviation', [2]);
  assertLines(lint(family('size_kb_total', 'counter', 'size_kb_total 1')), 'unit-abbreviation', [2]);
  assertNone(lint(family('latency_seconds', 'gauge', 'latency_seconds 1')), 'unit-abbreviation');
});

test('unit-not-suffix (OpenMetrics): the UNIT must end the family name', () => {
  const good = '# TYPE a_seconds gauge\n# UNIT a_seconds seconds\n# HELP a_seconds A.\na_seconds 1\n# EOF\n';
  assertNone(lint(good, 'openmetrics'), 'unit-not-suffix');
  // The strict OpenMetrics parser already rejects this body; the rule covers lenient parses.
  const parsed: ParsedExposition = {
    families: [
      { name: 'a', type: 'gauge', help: 'A.', typeLine: 1, helpLine: 3, unit: 'seconds', unitLine: 2 },
    ],
    samples: [{ name: 'a', labels: [], value: 1, timestampMs: null, line: 4 }],
  };
  assertLines(lintExposition(parsed, { format: 'openmetrics' }), 'unit-not-suffix', [2]);
  parsed.families[0].type = 'stateset';
  assertLines(lintExposition(parsed, { format: 'openmetrics' }), 'unit-not-allowed', [2]);
});

test('non-base-unit from an OpenMetrics UNIT', () => {
  const body =
    '# TYPE a_milliseconds gauge\n# UNIT a_milliseconds milliseconds\n# HELP a_milliseconds A.\na_milliseconds 1\n# EOF\n';
  assertLines(lint(body, 'openmetrics'), 'non-base-unit', [1]);
});
