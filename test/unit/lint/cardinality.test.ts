// Label cardinality per family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, lint } from './helpers';

function many(n: number): string {
  const lines = ['# HELP a A.', '# TYPE a gauge'];
  for (let i = 0; i < n; i++) lines.push(`a{user="u${i}",region="eu"} 1`);
  return lines.join('\n') + '\n';
}

test('high-cardinality-label: flagged where the limit is exceeded, default 100', () => {
  assertNone(lint(many(100)), 'high-cardinality-label');
  const f = lint(many(101));
  assertLines(f, 'high-cardinality-label', [103]);
  assert.match(f[0].message, /"user" has 101 distinct values/);
});

test('high-cardinality-label: configurable; 0 turns it off; le is exempt', () => {
  assertLines(lint(many(5), 'prometheus-text', 3), 'high-cardinality-label', [6]);
  assertNone(lint(many(500), 'prometheus-text', 0), 'high-cardinality-label');
  const buckets = ['# HELP h H.', '# TYPE h histogram'];
  for (let i = 1; i <= 5; i++) buckets.push(`h_bucket{le="${i}.0"} ${i}`);
  buckets.push('h_bucket{le="+Inf"} 5', 'h_sum 1', 'h_count 5');
  assertNone(lint(buckets.join('\n') + '\n', 'prometheus-text', 3), 'high-cardinality-label');
});
