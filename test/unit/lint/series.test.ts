// Series identity, Prometheus 3 normalisation, timestamps, counter values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

test('duplicate-series: same name and labels in any order', () => {
  const f = lint(family('a', 'gauge', 'a{x="1",y="2"} 1', 'a{y="2",x="1"} 2', 'a{x="2",y="2"} 3'));
  assertLines(f, 'duplicate-series', [4]);
  assert.match(f.find((x) => x.code === 'duplicate-series')?.message ?? '', /line 3/);
});

test('duplicate-series: an empty label is the same as no label', () => {
  assertLines(lint(family('a', 'gauge', 'a 1', 'a{x=""} 2')), 'duplicate-series', [4]);
});

test('duplicate-series: different explicit timestamps are not duplicates', () => {
  assertNone(lint(family('a', 'gauge', 'a 1 1000', 'a 2 2000')), 'duplicate-series');
  assertLines(lint(family('a', 'gauge', 'a 1 1000', 'a 2 1000')), 'duplicate-series', [4]);
});

test('duplicate-series-after-normalisation: le="1" and le="1.0"', () => {
  const f = lint(
    family(
      'h',
      'histogram',
      'h_bucket{le="1"} 1',
      'h_bucket{le="1.0"} 1',
      'h_bucket{le="+Inf"} 1',
      'h_sum 1',
      'h_count 1',
    ),
  );
  assertLines(f, 'duplicate-series-after-normalisation', [4]);
  assertNone(f, 'duplicate-series');
});

test('non-canonical-le / non-canonical-quantile: once per family, info', () => {
  const h = lint(
    family(
      'h',
      'histogram',
      'h_bucket{le="0.5"} 1',
      'h_bucket{le="1"} 1',
      'h_bucket{le="+Inf"} 1',
      'h_sum 1',
      'h_count 1',
    ),
  );
  assertLines(h, 'non-canonical-le', [4]);
  const finding = h.find((x) => x.code === 'non-canonical-le');
  assert.equal(finding?.severity, 'info');
  assert.match(finding?.message ?? '', /le="1" becomes le="1\.0"/);
  assertNone(
    lint(family('h', 'histogram', 'h_bucket{le="1.0"} 1', 'h_bucket{le="+Inf"} 1', 'h_sum 1', 'h_count 1')),
    'non-canonical-le',
  );
  assertLines(
    lint(family('s', 'summary', 's{quantile="1"} 1', 's_sum 1', 's_count 1')),
    'non-canonical-quantile',
    [3],
  );
});

test('explicit-timestamp: info, once per family', () => {
  assertLines(lint(family('a', 'gauge', 'a{x="1"} 1 1000', 'a{x="2"} 1 1000')), 'explicit-timestamp', [3]);
});

test('negative-counter', () => {
  assertLines(lint(family('a_total', 'counter', 'a_total -1')), 'negative-counter', [3]);
  assertNone(lint(family('a_total', 'counter', 'a_total 0')), 'negative-counter');
});
