// Metric name rules (promtool's and ours).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLines, assertNone, family, lint } from './helpers';

test('counter-without-total (text format): flagged at the TYPE line', () => {
  const f = lint(family('requests', 'counter', 'requests 1'));
  assertLines(f, 'counter-without-total', [2]);
  assert.match(f.find((x) => x.code === 'counter-without-total')?.message ?? '', /_total/);
  assertNone(lint(family('requests_total', 'counter', 'requests_total 1')), 'counter-without-total');
});

test('total-suffix-on-non-counter: a gauge named _total; untyped is exempt', () => {
  assertLines(lint(family('queue_total', 'gauge', 'queue_total 1')), 'total-suffix-on-non-counter', [2]);
  assertNone(lint('# HELP queue_total Q.\nqueue_total 1\n'), 'total-suffix-on-non-counter');
});

test('reserved-suffix: _bucket / _count / _sum on the wrong type', () => {
  assertLines(lint(family('x_bucket', 'gauge', 'x_bucket 1')), 'reserved-suffix', [2]);
  assertLines(lint(family('x_count', 'counter', 'x_count 1')), 'reserved-suffix', [2]);
  assertLines(lint(family('x_sum', 'gauge', 'x_sum 1')), 'reserved-suffix', [2]);
  assertNone(lint(family('x', 'summary', 'x_sum 1', 'x_count 1')), 'reserved-suffix');
  assertNone(lint('# HELP x_count X.\nx_count 1\n'), 'reserved-suffix');
});

test('type-in-name: any metric type word in the name', () => {
  assertLines(lint(family('requests_counter', 'gauge', 'requests_counter 1')), 'type-in-name', [2]);
  assertLines(lint(family('a_histogram_b', 'gauge', 'a_histogram_b 1')), 'type-in-name', [2]);
  assertNone(lint(family('gauges_seen', 'gauge', 'gauges_seen 1')), 'type-in-name');
});

test('colon-in-name, camel-case-name, reserved-metric-name', () => {
  assertLines(lint(family('job:requests:rate5m', 'gauge', 'job:requests:rate5m 1')), 'colon-in-name', [2]);
  const camel = lint(family('http_requestCount', 'gauge', 'http_requestCount 1'));
  assertLines(camel, 'camel-case-name', [2]);
  assert.match(camel.find((x) => x.code === 'camel-case-name')?.hint ?? '', /http_request_count/);
  assertNone(lint(family('http_request_count', 'gauge', 'http_request_count 1')), 'camel-case-name');
  assertLines(lint(family('__secret', 'gauge', '__secret 1')), 'reserved-metric-name', [2]);
});

test('invalid-metric-name: a quoted UTF-8 name Prometheus 2 cannot take', () => {
  const f = lint('# HELP "my.metric" M.\n# TYPE "my.metric" gauge\n{"my.metric"} 1\n');
  assertLines(f, 'invalid-metric-name', [2]);
});
