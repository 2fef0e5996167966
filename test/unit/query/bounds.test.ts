// Queries that would exhaust memory, time or the stack are refused with a clear error: subquery
// and range steps are counted against max-samples before they are evaluated, the deadline is
// checked inside the evaluator's loops, nesting is limited, and operator chains of any length
// parse, check, evaluate and print without recursion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryQuerier } from '../../helpers/memory-querier';
import {
  InvalidQueryError,
  PromQLParseError,
  QueryEngine,
  QueryExecutionError,
  QueryTimeoutError,
  parseExpr,
} from '../../../electron/engine/query';
import { MAX_NESTING } from '../../../electron/engine/query/parser';
import { exprString, prettyExpr } from '../../../electron/engine/query/printer';
import { failure } from '../../../electron/engine/http/prom-api';
import { MAX_TIME_MS, parseTimeParam } from '../../../electron/engine/http/params';

const TOO_MANY = /query processing would load too many samples into memory in query execution$/;
const T = 1_700_000_000_000;

function elapsed(fn: () => unknown): { ms: number; err: unknown } {
  const t0 = performance.now();
  let err: unknown = null;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  return { ms: performance.now() - t0, err };
}

function engineWith(opts: { maxSamples?: number; timeoutMs?: number }, series = 0): QueryEngine {
  const q = new MemoryQuerier();
  for (let s = 0; s < series; s++) {
    for (let i = 0; i < 10; i++) q.add({ __name__: 'm', i: String(s) }, T - i * 15_000, i);
  }
  return new QueryEngine(q, opts);
}

test('a subquery with more steps than max-samples is refused before it is evaluated', () => {
  const def = engineWith({});
  const { ms, err } = elapsed(() => def.instant('max_over_time(vector(1)[30d:1ms])', T));
  assert.ok(err instanceof QueryExecutionError, String(err));
  assert.match(err.message, TOO_MANY);
  assert.ok(ms < 1000, `refused after ${ms.toFixed(0)} ms`);

  const small = engineWith({ maxSamples: 100_000 });
  // 600,001 steps of one point each.
  assert.throws(() => small.instant('max_over_time(vector(1)[10m:1ms])', T), TOO_MANY);
  // Nested subqueries add up: 30,000 outer steps, 75,000 inner ones (45s before each).
  assert.throws(
    () => small.instant('max_over_time(max_over_time(vector(1)[45s:1ms])[30s:1ms])', T),
    TOO_MANY,
  );
  // 60,000 steps fit (the window is left-open).
  const ok = small.instant('count_over_time(vector(1)[1m:1ms])', T);
  assert.ok(ok.resultType === 'vector' && ok.result[0].v === 60_000);
});

test('points of many series are counted as a subquery is evaluated', () => {
  // 20 series x 6,001 steps = 120,020 points, though the step count alone (6,001) fits.
  const e = engineWith({ maxSamples: 100_000 }, 20);
  assert.throws(() => e.instant('count_over_time(last_over_time(m[1h])[1m:10ms])', T), TOO_MANY);
  const fits = e.instant('count_over_time(last_over_time(m[1h])[10s:10ms])', T);
  assert.ok(fits.resultType === 'vector' && fits.result.length === 20);
});

test('range query steps count against max-samples before evaluation', () => {
  const e = engineWith({ maxSamples: 1000 });
  const { ms, err } = elapsed(() => e.range('vector(1)', 0, 86_400_000_000, 1));
  assert.ok(err instanceof QueryExecutionError, String(err));
  assert.ok(ms < 1000, `refused after ${ms.toFixed(0)} ms`);
  const r = e.range('vector(1)', 0, 999_000, 1000);
  assert.ok(r.resultType === 'matrix' && r.result[0].t.length === 1000);
  // The outer steps and the subquery's share the budget: 11 + 1,001 > 1,000.
  assert.throws(() => e.range('max_over_time(vector(1)[1000s:1s])', 0, 10_000, 1000), TOO_MANY);
});

test('the timeout is honoured inside a long subquery', () => {
  const e = engineWith({ timeoutMs: 200 });
  // 21.6M steps: under max-samples, far over 200 ms.
  const { ms, err } = elapsed(() => e.instant('count_over_time(vector(1)[6h:1ms])', T));
  assert.ok(err instanceof QueryTimeoutError, String(err));
  assert.equal(err.message, 'query timed out in expression evaluation');
  assert.ok(ms < 1500, `timed out after ${ms.toFixed(0)} ms`);
});

test('the timeout is honoured inside one step over many series', () => {
  // One step, three nodes: only the loops over the 20k series can notice the deadline.
  const e = engineWith({ timeoutMs: 1 }, 20_000);
  const { err } = elapsed(() => e.instant('count_over_time(m[1h])', T));
  assert.ok(err instanceof QueryTimeoutError, String(err));
});

test('100k nested parentheses are a parse error, not a stack overflow', () => {
  const q = '('.repeat(100_000) + '1' + ')'.repeat(100_000);
  assert.throws(
    () => parseExpr(q),
    (err: unknown) =>
      err instanceof PromQLParseError &&
      /^1:\d+: parse error: expression nesting too deep \(more than 500 levels\)$/.test(err.message),
  );
  // The same for every kind of nesting.
  for (const deep of [
    '-'.repeat(MAX_NESTING + 1) + '1',
    Array(MAX_NESTING + 2)
      .fill('2')
      .join('^'),
    'abs('.repeat(MAX_NESTING + 1) + 'm' + ')'.repeat(MAX_NESTING + 1),
    'm' + '[1m:]'.repeat(MAX_NESTING + 1),
  ]) {
    assert.throws(() => parseExpr(deep), /nesting too deep/);
  }
});

test('queries nested to the limit parse, evaluate and print', () => {
  const e = engineWith({}, 3);
  const n = MAX_NESTING;
  const cases = [
    '('.repeat(n) + 'm' + ')'.repeat(n),
    'abs('.repeat(n) + 'm' + ')'.repeat(n),
    'sum('.repeat(n) + 'm' + ')'.repeat(n),
    '-'.repeat(n) + 'm',
    Array(n + 1)
      .fill('m')
      .join('^'),
    'max_over_time('.repeat(n / 2) + 'm' + '[1m:1m])'.repeat(n / 2),
    'histogram_quantile(0.5,'.repeat(n) + 'm' + ')'.repeat(n),
  ];
  for (const q of cases) {
    const expr = parseExpr(q);
    e.instantExpr(expr, T);
    e.rangeExpr(expr, T - 120_000, T, 60_000);
    exprString(expr);
    prettyExpr(expr);
  }
});

/** The faster of two parses (the machine may be busy with other work). */
function parseMs(q: string): number {
  return Math.min(elapsed(() => parseExpr(q)).ms, elapsed(() => parseExpr(q)).ms);
}

test('long + chains parse in linear time', () => {
  const chain = (n: number) => Array(n).fill('1').join('+');
  parseExpr(chain(20_000)); // warm up
  const t20k = parseMs(chain(20_000));
  const t200k = parseMs(chain(200_000));
  // Quadratic parsing would make this ~100; linear ~10 (plus GC noise).
  assert.ok(
    t200k / t20k < 30,
    `20k: ${t20k.toFixed(1)} ms, 200k: ${t200k.toFixed(1)} ms (ratio ${(t200k / t20k).toFixed(1)})`,
  );
});

test('long operator chains check, evaluate and print without recursion', () => {
  const e = engineWith({}, 3);
  const n = 20_000;
  const scalars = Array(n).fill('1').join(' + ');
  const r = e.instant(scalars, T);
  assert.ok(r.resultType === 'scalar' && r.v === n);
  const rr = e.range(scalars, T - 60_000, T, 30_000);
  assert.ok(rr.resultType === 'matrix' && Array.from(rr.result[0].v).every((v) => v === n));
  // Vectors, set operators, mixed precedence.
  const ors = e.instant(Array(5000).fill('m').join(' or '), T);
  assert.ok(ors.resultType === 'vector' && ors.result.length === 3);
  const mixed = e.instant(Array(5000).fill('m * 2').join(' - '), T);
  assert.ok(mixed.resultType === 'vector' && mixed.result.every((s) => s.v === 0));
  // A type error at the far end of a chain is reported, not overflowed.
  assert.throws(() => parseExpr(`${scalars} + m[5m]`), /binary expression must contain only scalar/);
  assert.throws(() => parseExpr(`${scalars} == 1`), /comparisons between scalars must use BOOL/);
  // 200k operators: the one-line form is the query itself.
  const big = Array(200_000).fill('1').join(' + ');
  assert.equal(exprString(parseExpr(big)), big);
});

test('pretty printing refuses what would not fit in memory, and prints long chains', () => {
  // Pretty() indents each link of a chain one level deeper: 20k links would be ~400M characters.
  assert.throws(() => prettyExpr(parseExpr(Array(20_000).fill('m').join(' + '))), InvalidQueryError);
  const short = prettyExpr(parseExpr(Array(40).fill('metric_name').join(' + ')));
  const lines = short.split('\n');
  // The 7-term head fits on one line; the 33 links above it take two lines each.
  assert.equal(lines.length, 1 + 2 * 33);
  assert.equal(lines[lines.length - 1], '  metric_name');
  assert.equal(lines[lines.length - 2], '+');
});

test('the API answers V8 limits reached by a request as its fault, not an internal error', () => {
  const deep = failure(new RangeError('Maximum call stack size exceeded'));
  assert.equal(deep.status, 400);
  assert.deepEqual(deep.body, {
    status: 'error',
    errorType: 'bad_data',
    error: 'request nests too deeply to process',
  });
  const big = failure(new RangeError('Invalid string length'));
  assert.equal(big.status, 422);
  assert.equal((big.body as { errorType: string }).errorType, 'execution');
  assert.equal(failure(new Error('disk on fire')).status, 500);
});

test('steps past 2^53 ms still advance, and the API refuses times it cannot hold exactly', () => {
  // At 1e16 ms a 1 ms step is below the double's resolution: `ts += step` would stand still.
  const e = engineWith({ timeoutMs: 5000 });
  // Steps that round to the same time collide; what matters is an answer at once, not a spin.
  const { ms, err } = elapsed(() => e.range('vector(1)', 1e16, 1e16 + 10, 1));
  assert.ok(err === null || err instanceof QueryExecutionError, String(err));
  assert.ok(ms < 1000, `answered after ${ms.toFixed(0)} ms`);
  for (const raw of ['1e13', '-1e13', '1e300']) assert.equal(parseTimeParam(raw), null, raw);
  assert.equal(parseTimeParam('1700000000.5'), 1_700_000_000_500);
  assert.equal(parseTimeParam('292277025-08-18T07:12:54.999999999Z'), MAX_TIME_MS);
});
