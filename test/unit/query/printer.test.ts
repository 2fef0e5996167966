import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../../../electron/engine/query';
import { exprString, formatGoG, prettyExpr } from '../../../electron/engine/query/printer';

const canon = (q: string) => exprString(parseExpr(q));

test('exprString prints Prometheus 2.42 canonical forms', () => {
  assert.equal(canon('sum(rate(x[5m]))by(a,b)'), 'sum by (a, b) (rate(x[5m]))');
  assert.equal(canon('x{b="1",a=~"y"} offset -5m'), 'x{a=~"y",b="1"} offset -5m');
  assert.equal(canon('rate(x[90m] offset 1m @ 100)'), 'rate(x[1h30m] @ 100.000 offset 1m)');
  assert.equal(canon('max_over_time(x[30m:])'), 'max_over_time(x[30m:])');
  assert.equal(canon('a / on(i) group_left b'), 'a / on (i) group_left () b');
  assert.equal(canon('a > bool ignoring(x) b'), 'a > bool ignoring (x) b');
  assert.equal(
    canon('label_replace(x, "a\\"b", "$1", "c", "(.*)")'),
    'label_replace(x, "a\\"b", "$1", "c", "(.*)")',
  );
  assert.equal(canon('topk(3, {__name__="x"})'), 'topk(3, {__name__="x"})');
});

test('formatGoG follows Go %v', () => {
  assert.equal(formatGoG(1e6), '1e+06');
  assert.equal(formatGoG(123456), '123456');
  assert.equal(formatGoG(0.0001), '0.0001');
  assert.equal(formatGoG(0.00001), '1e-05');
  assert.equal(formatGoG(Infinity), '+Inf');
});

test('prettyExpr splits lines over 100 characters', () => {
  const q =
    'sum by (instance, path) (rate(http_requests_total{method="GET"}[5m])) / on (instance) group_left sum by (instance) (rate(http_requests_total[5m]))';
  assert.equal(
    prettyExpr(parseExpr(q)),
    [
      '  sum by (instance, path) (rate(http_requests_total{method="GET"}[5m]))',
      '/ on (instance) group_left ()',
      '  sum by (instance) (rate(http_requests_total[5m]))',
    ].join('\n'),
  );
});
