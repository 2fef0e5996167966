// Replies of a remote Prometheus API: validated with zod, converted to the local result types,
// and every kind of bad reply (HTML, non-JSON, API errors, auth, wrong shapes) a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSampleValue,
  PromReplyError,
  readEnvelope,
  toBuildVersion,
  toInstantResult,
  toRangeResult,
  toStringList,
} from '../../../electron/engine/datasources/prom-reply';
import type { RemoteResponse } from '../../../electron/engine/datasources/remote-request';

const json = (body: unknown, status = 200): RemoteResponse => ({
  status,
  statusText: status === 200 ? 'OK' : 'Bad',
  contentType: 'application/json',
  body: JSON.stringify(body),
});
const ok = (data: unknown, extra: Record<string, unknown> = {}) =>
  readEnvelope(json({ status: 'success', data, ...extra }));

test('a vector becomes one-point series with ms timestamps; warnings and infos are kept', () => {
  const r = toInstantResult(
    ok(
      {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'up', job: 'a' }, value: [1700000000.5, '1'] },
          { metric: { __name__: 'up', job: 'b' }, value: [1700000000.5, 'NaN'] },
        ],
      },
      { warnings: ['w1'], infos: ['i1'] },
    ),
  );
  assert.equal(r.resultType, 'vector');
  assert.equal(r.series.length, 2);
  assert.deepEqual(r.series[0].labels, { __name__: 'up', job: 'a' });
  assert.deepEqual([...r.series[0].timestamps], [1700000000500]);
  assert.deepEqual([...r.series[0].values], [1]);
  assert.ok(Number.isNaN(r.series[1].values[0]));
  assert.deepEqual(r.warnings, ['w1', 'info: i1']);
  assert.equal(r.scalar, null);
});

test('matrix, scalar and string results convert like the local engine returns them', () => {
  const m = toRangeResult(
    ok({
      resultType: 'matrix',
      result: [
        {
          metric: { a: '1' },
          values: [
            [10, '1.5'],
            [20, '+Inf'],
            [30, '-Inf'],
            [40, '1e3'],
          ],
        },
      ],
    }),
  );
  assert.deepEqual([...m.series[0].timestamps], [10_000, 20_000, 30_000, 40_000]);
  assert.deepEqual([...m.series[0].values], [1.5, Infinity, -Infinity, 1000]);
  const s = toInstantResult(ok({ resultType: 'scalar', result: [5, '2'] }));
  assert.equal(s.resultType, 'scalar');
  assert.equal(s.scalar, 2);
  assert.deepEqual(s.series[0].labels, {});
  const str = toInstantResult(ok({ resultType: 'string', result: [5, 'hello'] }));
  assert.equal(str.string, 'hello');
  assert.deepEqual(str.series, []);
  assert.throws(
    () => toRangeResult(ok({ resultType: 'string', result: [5, 'x'] })),
    /cannot return a string/,
  );
});

test('native histogram entries are skipped with a warning, not a failure', () => {
  const r = toRangeResult(
    ok({
      resultType: 'matrix',
      result: [
        { metric: { a: '1' }, values: [[1, '1']] },
        { metric: { a: '2' }, histograms: [[1, { count: '1', sum: '1' }]] },
      ],
    }),
  );
  assert.equal(r.series.length, 1);
  assert.match(r.warnings[0], /1 native histogram series skipped/);
});

test('label lists and build info are validated', () => {
  assert.deepEqual(toStringList(ok(['__name__', 'job'])), ['__name__', 'job']);
  assert.throws(() => toStringList(ok([1, 2])), /unexpected list in the reply/);
  assert.equal(toBuildVersion(ok({ version: '2.42.0', revision: 'x' })), '2.42.0');
  assert.equal(toBuildVersion(ok({})), null);
});

test('an API error reply gives its errorType and error', () => {
  assert.throws(
    () =>
      readEnvelope(
        json(
          { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unclosed left parenthesis' },
          400,
        ),
      ),
    (e: Error) =>
      e instanceof PromReplyError && e.message === 'bad_data: 1:5: parse error: unclosed left parenthesis',
  );
  assert.throws(
    () => readEnvelope(json({ status: 'error' }, 503)),
    /^PromReplyError: HTTP 503: the server reported an error/,
  );
});

test('HTML, plain text, auth failures and wrong JSON give messages that say what came back', () => {
  const html: RemoteResponse = {
    status: 200,
    statusText: 'OK',
    contentType: 'text/html',
    body: '<!DOCTYPE html>\n<html><body>Welcome to nginx</body></html>',
  };
  assert.throws(
    () => readEnvelope(html),
    /not Prometheus API JSON \(Content-Type text\/html\): "<!DOCTYPE html> <html><body>Welcome/,
  );
  assert.throws(
    () =>
      readEnvelope({
        status: 401,
        statusText: 'Unauthorized',
        contentType: 'text/plain',
        body: 'Unauthorized',
      }),
    /HTTP 401 Unauthorized: the server refused the credentials/,
  );
  assert.throws(
    () => readEnvelope({ status: 403, statusText: 'Forbidden', contentType: null, body: '' }),
    /HTTP 403 Forbidden: the server refused access/,
  );
  assert.throws(
    () =>
      readEnvelope({
        status: 404,
        statusText: 'Not Found',
        contentType: 'text/plain',
        body: '404 page not found',
      }),
    /HTTP 404 Not Found: no Prometheus API here/,
  );
  assert.throws(
    () =>
      readEnvelope({
        status: 502,
        statusText: 'Bad Gateway',
        contentType: 'text/html',
        body: '<h1>bad</h1>',
      }),
    /^PromReplyError: HTTP 502 Bad Gateway: "<h1>bad<\/h1>"$/,
  );
  assert.throws(() => readEnvelope(json({ hello: 'world' })), /JSON but not a Prometheus API reply: status/);
  assert.throws(
    () =>
      readEnvelope({ status: 200, statusText: 'OK', contentType: 'application/json', body: '{"status":' }),
    /not Prometheus API JSON/,
  );
  assert.throws(
    () => toInstantResult(ok({ resultType: 'vector', result: [{ metric: { a: 1 }, value: [1, '1'] }] })),
    /unexpected query result in the reply: result\.0\.metric\.a/,
  );
  assert.throws(() => toInstantResult(ok({ resultType: 'table', result: [] })), /unexpected query result/);
});

test('sample values parse as Prometheus writes them', () => {
  assert.equal(parseSampleValue('0.25'), 0.25);
  assert.equal(parseSampleValue('-1e-3'), -0.001);
  assert.equal(parseSampleValue('+Inf'), Infinity);
  assert.ok(Number.isNaN(parseSampleValue('NaN')));
  assert.throws(() => parseSampleValue('abc'), /invalid sample value "abc"/);
  assert.throws(() => parseSampleValue(''), /invalid sample value/);
});
