// Hostile queries over real HTTP against `promdesk serve` (its engine worker included): each is
// answered promptly in Prometheus's error shape, and the server keeps serving afterwards.
// Status codes and errorTypes are those Debian's Prometheus 2.42 answers for the same queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServe } from '../helpers/in-process-serve';

const TOO_MANY = 'query processing would load too many samples into memory in query execution';

interface Reply {
  status: number;
  body: { status: string; errorType?: string; error?: string; data?: unknown };
  ms: number;
}

/** POSTs a form (queries of 100k characters do not fit in a URL). */
async function post(base: string, path: string, form: Record<string, string>): Promise<Reply> {
  const t0 = performance.now();
  const r = await fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(form) });
  const body = (await r.json()) as Reply['body'];
  return { status: r.status, body, ms: performance.now() - t0 };
}

async function stillServing(base: string): Promise<void> {
  assert.equal((await fetch(`${base}/-/healthy`)).status, 200);
  const r = await post(base, '/api/v1/query', { query: 'vector(1) + 1' });
  assert.equal(r.status, 200);
}

test('a subquery over max-samples is refused at once as Prometheus does (422 execution)', async () => {
  await withServe({ query: { maxSamples: 100_000 } }, async (base) => {
    const get = async (q: string): Promise<Reply> => {
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}&time=1700000000`);
      return { status: r.status, body: (await r.json()) as Reply['body'], ms: performance.now() - t0 };
    };
    for (const q of ['max_over_time(vector(1)[30d:1ms])', 'max_over_time(vector(1)[10m:1ms])']) {
      const r = await get(q);
      assert.equal(r.status, 422, q);
      assert.deepEqual(r.body, { status: 'error', errorType: 'execution', error: TOO_MANY });
      assert.ok(r.ms < 2000, `${q}: answered after ${r.ms.toFixed(0)} ms`);
    }
    await stillServing(base);
  });
});

test('a long evaluation is stopped by --query.timeout (503 timeout)', async () => {
  await withServe({ query: { timeoutMs: 300 } }, async (base) => {
    // Under the default max-samples (21.6M steps), far over 300 ms.
    const r = await post(base, '/api/v1/query', { query: 'count_over_time(vector(1)[6h:1ms])' });
    assert.equal(r.status, 503);
    assert.deepEqual(r.body, {
      status: 'error',
      errorType: 'timeout',
      error: 'query timed out in expression evaluation',
    });
    assert.ok(r.ms < 2000, `answered after ${r.ms.toFixed(0)} ms`);
    // 30 days at 1 ms is over the default max-samples: refused before the timeout is reached.
    const big = await post(base, '/api/v1/query', { query: 'max_over_time(vector(1)[30d:1ms])' });
    assert.equal(big.status, 422);
    assert.ok(big.ms < 2000, `answered after ${big.ms.toFixed(0)} ms`);
    await stillServing(base);
  });
});

test('the request timeout applies; deep nesting is bad_data (400); long operator chains are answered', async () => {
  await withServe({ query: {} }, async (base) => {
    // The request's own `timeout` shortens the engine's (2m by default).
    const slow = await post(base, '/api/v1/query', {
      query: 'count_over_time(vector(1)[6h:1ms])',
      timeout: '200ms',
    });
    assert.equal(slow.status, 503);
    assert.equal(slow.body.errorType, 'timeout');
    assert.ok(slow.ms < 2000, `answered after ${slow.ms.toFixed(0)} ms`);
    const parens = '('.repeat(100_000) + '1' + ')'.repeat(100_000);
    for (const path of ['/api/v1/query', '/api/v1/query_range', '/api/v1/format_query']) {
      const r = await post(base, path, { query: parens, start: '0', end: '60', step: '15' });
      assert.equal(r.status, 400, path);
      assert.equal(r.body.errorType, 'bad_data');
      assert.equal(
        r.body.error,
        'invalid parameter "query": 1:501: parse error: expression nesting too deep (more than 500 levels)',
      );
    }
    const chain = Array(20_000).fill('1').join(' + ');
    const r = await post(base, '/api/v1/query', { query: chain, time: '100' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data, { resultType: 'scalar', result: [100, '20000'] });
    const range = await post(base, '/api/v1/query_range', {
      query: chain,
      start: '0',
      end: '60',
      step: '15',
    });
    assert.equal(range.status, 200);
    // Pretty-printed, a 20k chain would be ~400M characters.
    const pretty = await post(base, '/api/v1/format_query', { query: chain });
    assert.equal(pretty.status, 400);
    assert.equal(pretty.body.errorType, 'bad_data');
    assert.match(String(pretty.body.error), /formatted query would be longer than/);
    await stillServing(base);
  });
});
