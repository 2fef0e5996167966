import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../../../electron/engine/query';
import { exprString, prettyExpr } from '../../../electron/engine/query/printer';
import { formatGoFloatG } from '../../../shared/format/go-float';

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

test('formatGoFloatG follows Go %v', () => {
  assert.equal(formatGoFloatG(1e6), '1e+06');
  assert.equal(formatGoFloatG(123456), '123456');
  assert.equal(formatGoFloatG(0.0001), '0.0001');
  assert.equal(formatGoFloatG(0.00001), '1e-05');
  assert.equal(formatGoFloatG(Infinity), '+Inf');
  // Go picks the form by the exponent of the shortest digits, which log10 can misjudge by one.
  assert.equal(formatGoFloatG(9.999999999999999e-5), '9.999999999999999e-05');
  assert.equal(formatGoFloatG(999999.9999999999), '999999.9999999999');
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
