// Classic histogram structure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

const good = family(
  'h',
  'histogram',
  'h_bucket{le="0.5"} 1',
  'h_bucket{le="1.0"} 3',
  'h_bucket{le="+Inf"} 5',
  'h_sum 2',
  'h_count 5',
);

test('a well-formed histogram has no findings', () => {
  assert.deepEqual(lint(good), []);
});

test('histogram-not-cumulative: a bucket below its predecessor', () => {
  const f = lint(
    family(
      'h',
      'histogram',
      'h_bucket{le="1"} 5',
      'h_bucket{le="2"} 3',
      'h_bucket{le="+Inf"} 5',
      'h_sum 1',
      'h_count 5',
    ),
  );
  assertLines(f, 'histogram-not-cumulative', [4]);
  assert.match(f.find((x) => x.code === 'histogram-not-cumulative')?.message ?? '', /cumulative/);
});

test('histogram-missing-inf: no +Inf bucket, at the last bucket', () => {
  const f = lint(
    family('h', 'histogram', 'h_bucket{le="1.0"} 5', 'h_bucket{le="2.0"} 6', 'h_sum 1', 'h_count 6'),
  );
  assertLines(f, 'histogram-missing-inf', [4]);
  assert.match(f.find((x) => x.code === 'histogram-missing-inf')?.message ?? '', /\+Inf/);
});

test('le-unsorted: buckets written out of order (still cumulative once sorted)', () => {
  const f = lint(
    family(
      'h',
      'histogram',
      'h_bucket{le="2.0"} 3',
      'h_bucket{le="1.0"} 1',
      'h_bucket{le="+Inf"} 3',
      'h_sum 1',
      'h_count 3',
    ),
  );
  assertLines(f, 'le-unsorted', [4]);
  assertNone(f, 'histogram-not-cumulative');
});

test('histogram-count-mismatch: _count differs from +Inf', () => {
  const f = lint(family('h', 'histogram', 'h_bucket{le="+Inf"} 5', 'h_sum 1', 'h_count 4'));
  assertLines(f, 'histogram-count-mismatch', [5]);
});

test('invalid-le and bucket-without-le', () => {
  const f = lint(
    family(
      'h',
      'histogram',
      'h_bucket{le="one"} 1',
      'h_bucket 1',
      'h_bucket{le="+Inf"} 1',
      'h_sum 1',
      'h_count 1',
    ),
  );
  assertLines(f, 'invalid-le', [3]);
  assertLines(f, 'bucket-without-le', [4]);
});

test('histogram-missing-count (warning) and histogram-missing-sum (info)', () => {
  const f = lint(family('h', 'histogram', 'h_bucket{le="+Inf"} 1'));
  assertLines(f, 'histogram-missing-count', [3]);
  assertLines(f, 'histogram-missing-sum', [3]);
});

test('series are checked separately per label set', () => {
  const f = lint(
    family(
      'h',
      'histogram',
      'h_bucket{path="/a",le="+Inf"} 2',
      'h_sum{path="/a"} 1',
      'h_count{path="/a"} 2',
      'h_bucket{path="/b",le="1.0"} 1',
      'h_sum{path="/b"} 1',
      'h_count{path="/b"} 1',
    ),
  );
  assertLines(f, 'histogram-missing-inf', [6]);
  assertNone(f, 'histogram-count-mismatch');
});

test('negative-count and unexpected-sample', () => {
  const f = lint(family('h', 'histogram', 'h_bucket{le="+Inf"} -1', 'h_sum 1', 'h_count -1', 'h 3'));
  assertLines(f, 'negative-count', [3, 5]);
  assertLines(f, 'unexpected-sample', [6]);
});
