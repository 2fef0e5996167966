// Summary quantiles and counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

test('a well-formed summary has no findings', () => {
  assert.deepEqual(
    lint(family('s', 'summary', 's{quantile="0.5"} 1', 's{quantile="0.99"} 2', 's_sum 3', 's_count 4')),
    [],
  );
});

test('quantile-out-of-range: outside [0, 1]', () => {
  const f = lint(
    family('s', 'summary', 's{quantile="99"} 1', 's{quantile="-0.5"} 1', 's_sum 3', 's_count 4'),
  );
  assertLines(f, 'quantile-out-of-range', [3, 4]);
});

test('invalid-quantile and summary-missing-quantile', () => {
  const f = lint(family('s', 'summary', 's{quantile="p99"} 1', 's 2', 's_sum 3', 's_count 4'));
  assertLines(f, 'invalid-quantile', [3]);
  assertLines(f, 'summary-missing-quantile', [4]);
  assertNone(f, 'quantile-out-of-range');
});

test('negative-count on _count', () => {
  assertLines(lint(family('s', 'summary', 's_sum 3', 's_count -4')), 'negative-count', [4]);
});
