import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr, parseSeriesSelector, PromQLParseError } from '../../../electron/engine/query';

function err(q: string): string {
  try {
    parseExpr(q);
  } catch (e) {
    assert.ok(e instanceof PromQLParseError, `not a PromQLParseError: ${String(e)}`);
    return e.message;
  }
  assert.fail(`parsed without error: ${q}`);
}

test('parses selectors with matchers, ranges, offset and @', () => {
  const e = parseExpr('foo{a="b", c=~"d.*", e!="f", g!~"h"}[5m] offset -1h30m @ 100');
  assert.equal(e.type, 'MatrixSelector');
  if (e.type !== 'MatrixSelector') return;
  assert.equal(e.rangeMs, 300_000);
  assert.equal(e.selector.offsetMs, -5_400_000);
  assert.equal(e.selector.atMs, 100_000);
  assert.deepEqual(
    e.selector.matchers.map((m) => m.type),
    ['=', '=~', '!=', '!~', '='],
  );
});

test('operator precedence and right-associative ^', () => {
  const e = parseExpr('a + b * c ^ d ^ e');
  assert.ok(e.type === 'BinaryExpr' && e.op === '+');
  if (e.type !== 'BinaryExpr' || e.rhs.type !== 'BinaryExpr') return assert.fail();
  assert.equal(e.rhs.op, '*');
  const pow = e.rhs.rhs;
  assert.ok(pow.type === 'BinaryExpr' && pow.op === '^' && pow.rhs.type === 'BinaryExpr');
  const neg = parseExpr('-2 ^ 2');
  assert.equal(neg.type, 'UnaryExpr');
});

test('numbers, strings and durations', () => {
  assert.deepEqual(
    ['0x1F', '1e3', 'Inf', '-inf', '.5', '1h'].map((q) => {
      const e = parseExpr(q);
      return e.type === 'NumberLiteral' ? e.value : null;
    }),
    [31, 1000, Infinity, -Infinity, 0.5, 3600],
  );
  const s = parseExpr('"a\\n\\x41\\u00e9"');
  assert.ok(s.type === 'StringLiteral' && s.value === 'a\nAé');
  const raw = parseExpr('`a\\n`');
  assert.ok(raw.type === 'StringLiteral' && raw.value === 'a\\n');
});

test('aggregations with grouping before or after, and parameters', () => {
  for (const q of ['sum by (a) (x)', 'sum(x) by (a)', 'topk(3, x) without (b)', 'count_values("l", x)']) {
    assert.equal(parseExpr(q).type, 'AggregateExpr', q);
  }
  const e = parseExpr('quantile without (a, b) (0.9, x)');
  assert.ok(e.type === 'AggregateExpr' && e.without && e.param?.type === 'NumberLiteral');
});

test('vector matching modifiers', () => {
  const e = parseExpr('a * on(b) group_left(c) d');
  assert.ok(e.type === 'BinaryExpr' && e.matching);
  if (e.type !== 'BinaryExpr' || !e.matching) return;
  assert.deepEqual(e.matching, { card: 'many-to-one', on: true, labels: ['b'], include: ['c'] });
  const b = parseExpr('a > bool b');
  assert.ok(b.type === 'BinaryExpr' && b.returnBool);
});

test('subqueries', () => {
  const e = parseExpr('rate(x[5m])[30m:1m] offset 1m');
  assert.ok(
    e.type === 'SubqueryExpr' && e.rangeMs === 1_800_000 && e.stepMs === 60_000 && e.offsetMs === 60_000,
  );
  const d = parseExpr('x[30m:]');
  assert.ok(d.type === 'SubqueryExpr' && d.stepMs === 0);
});

test('errors read like Prometheus', () => {
  assert.equal(err('some_metric * * 2'), '1:15: parse error: unexpected <op:*>');
  assert.equal(err('1 +'), '1:4: parse error: unexpected end of input');
  assert.equal(err('foo{'), '1:5: parse error: unexpected end of input inside braces');
  assert.equal(
    err('rate(x)'),
    '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
  );
  assert.equal(err('{}'), '1:1: parse error: vector selector must contain at least one non-empty matcher');
  assert.equal(
    err('{a=""}'),
    '1:1: parse error: vector selector must contain at least one non-empty matcher',
  );
  assert.equal(err('1 == 1'), '1:3: parse error: comparisons between scalars must use BOOL modifier');
  assert.equal(err('foo(x)'), '1:1: parse error: unknown function with name "foo"');
  assert.equal(err('sum(x) by'), '1:10: parse error: unexpected end of input in grouping opts, expected "("');
  assert.equal(err('(a'), '1:3: parse error: unclosed left parenthesis');
  assert.equal(err('a)'), '1:2: parse error: unexpected ")"');
  assert.equal(err('x[5m] offset 1m [5m]'), '1:17: parse error: ranges only allowed for vector selectors');
  assert.equal(
    err('foo{a="b"}[5m] and bar'),
    '1:1: parse error: binary expression must contain only scalar and instant vector types',
  );
  assert.equal(
    err('a and 1'),
    '1:1: parse error: set operator "and" not allowed in binary scalar expression',
  );
  assert.equal(
    err('foo{__name__="bar"}'),
    '1:1: parse error: metric name must not be set twice: "foo" or "bar"',
  );
});

test('error has position', () => {
  try {
    parseExpr('a +* b');
    assert.fail();
  } catch (e) {
    assert.ok(e instanceof PromQLParseError);
    assert.deepEqual(e.position, { start: 3, end: 4 });
  }
});

test('parseSeriesSelector accepts only plain vector selectors', () => {
  assert.deepEqual(parseSeriesSelector('up{job="a"}'), [
    { name: 'job', type: '=', value: 'a' },
    { name: '__name__', type: '=', value: 'up' },
  ]);
  assert.throws(() => parseSeriesSelector('rate(up[5m])'), PromQLParseError);
  assert.throws(() => parseSeriesSelector('{job=""}'), PromQLParseError);
});
