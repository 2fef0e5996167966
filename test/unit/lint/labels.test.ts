// Label rules: reserved, invalid, camelCase, le/quantile misplaced, duplicates, empty values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

test('reserved-label-name: "__" prefix, once per family and label', () => {
  const f = lint(family('a', 'gauge', 'a{__x="1"} 1', 'a{__x="2"} 2'));
  assertLines(f, 'reserved-label-name', [3]);
  assertNone(lint(family('a', 'gauge', 'a{x="1"} 1')), 'reserved-label-name');
});

test('invalid-label-name: a quoted UTF-8 label name', () => {
  assertLines(lint(family('a', 'gauge', 'a{"b.c"="1"} 1')), 'invalid-label-name', [3]);
});

test('camel-case-label', () => {
  assertLines(lint(family('a', 'gauge', 'a{statusCode="200"} 1')), 'camel-case-label', [3]);
  assertNone(lint(family('a', 'gauge', 'a{status_code="200"} 1')), 'camel-case-label');
});

test('misplaced-le-label / misplaced-quantile-label on the wrong type; untyped exempt', () => {
  assertLines(lint(family('a', 'gauge', 'a{le="1"} 1')), 'misplaced-le-label', [3]);
  assertLines(lint(family('a', 'counter', 'a{quantile="0.5"} 1')), 'misplaced-quantile-label', [3]);
  assertNone(lint('# HELP a A.\na{le="1"} 1\n'), 'misplaced-le-label');
});

test('duplicate-label-name: Prometheus would reject the scrape', () => {
  const f = lint(family('a', 'gauge', 'a{x="1",x="2"} 1'));
  assertLines(f, 'duplicate-label-name', [3]);
  assert.equal(f.find((x) => x.code === 'duplicate-label-name')?.severity, 'error');
});

test('invalid-series: blanks before a name (the scrape loop rejects it)', () => {
  assertLines(lint('# HELP a A.\n# TYPE a gauge\n  a 1\n'), 'invalid-series', [3]);
});

test('empty-label-value is info', () => {
  const f = lint(family('a', 'gauge', 'a{x=""} 1'));
  assertLines(f, 'empty-label-value', [3]);
  assert.equal(f.find((x) => x.code === 'empty-label-value')?.severity, 'info');
});
