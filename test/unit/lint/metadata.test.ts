// HELP/TYPE rules: presence, placement, repetition and conflicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

test('missing-help: a family without HELP, at its TYPE line or first sample', () => {
  const f = lint('# TYPE a_total counter\na_total 1\nb 2\n');
  assertLines(f, 'missing-help', [1, 3]);
  assert.equal(f[0].severity, 'warning');
  assertNone(lint(family('a_total', 'counter', 'a_total 1')), 'missing-help');
});

test('missing-type is info only; empty-help is info', () => {
  const f = lint('# HELP a A.\na 1\n# HELP b\n# HELP c \nc 1\n');
  assertLines(f, 'missing-type', [1, 4]);
  assertLines(f, 'empty-help', [3, 4]);
  assert.ok(f.filter((x) => x.code === 'missing-type').every((x) => x.severity === 'info'));
});

test('help-after-samples and type-after-samples', () => {
  const f = lint('a 1\n# HELP a A.\n# TYPE a gauge\n');
  assertLines(f, 'help-after-samples', [2]);
  assertLines(f, 'type-after-samples', [3]);
  assertNone(lint(family('a', 'gauge', 'a 1')), 'help-after-samples');
});

test('conflicting-type: one name, two TYPEs; duplicate-help / duplicate-type for repeats', () => {
  const f = lint('# HELP a A.\n# TYPE a gauge\n# TYPE a counter\n# HELP a A again.\n# TYPE a counter\na 1\n');
  // Each TYPE line is compared with the one before it.
  assertLines(f, 'conflicting-type', [3]);
  assert.equal(f.find((x) => x.code === 'conflicting-type')?.severity, 'error');
  assertLines(f, 'duplicate-help', [4]);
  assertLines(f, 'duplicate-type', [5]);
});

test('name-clash: a family named like another family’s series', () => {
  const f = lint(
    family('h', 'histogram', 'h_bucket{le="+Inf"} 1', 'h_sum 1', 'h_count 1') +
      family('h_count', 'gauge', 'h_count 1'),
  );
  assertLines(f, 'name-clash', [7]);
  assertNone(lint(family('h', 'histogram', 'h_bucket{le="+Inf"} 1', 'h_sum 1', 'h_count 1')), 'name-clash');
});

test('family-not-contiguous: samples of a family split by another', () => {
  const body = family('a', 'gauge', 'a{x="1"} 1') + family('b', 'gauge', 'b 1') + 'a{x="2"} 2\n';
  assertLines(lint(body), 'family-not-contiguous', [7]);
  assertNone(lint(family('a', 'gauge', 'a{x="1"} 1', 'a{x="2"} 2')), 'family-not-contiguous');
});

test('family-without-samples is info', () => {
  const f = lint('# HELP a A.\n# TYPE a gauge\n');
  assertLines(f, 'family-without-samples', [2]);
  assert.equal(f[0].severity, 'info');
});
