// The query reply's JSON text as Prometheus writes it; a matrix formats each shared timestamp
// once (result-json.ts caches them), which must not change a byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeResultJson } from '../../../electron/engine/http/result-json';

test('a matrix: shared and odd timestamps, NaN, ±Inf, -0 and exponents, labels sorted and escaped', () => {
  const t = Float64Array.from([1_700_000_000_000, 1_700_000_060_500, 1_700_000_120_001]);
  const json = encodeResultJson({
    resultType: 'matrix',
    warnings: [],
    result: [
      { labels: { job: 'a', __name__: 'up' }, t, v: Float64Array.from([1, NaN, 1e21]) },
      { labels: { path: '/x"y' }, t: t.subarray(1), v: Float64Array.from([-Infinity, -0]) },
      { labels: {}, t: t.subarray(0, 1), v: Float64Array.from([Infinity]) },
    ],
  });
  assert.equal(
    json,
    '{"resultType":"matrix","result":[' +
      '{"metric":{"__name__":"up","job":"a"},"values":[[1700000000,"1"],[1700000060.5,"NaN"],[1700000120.001,"1e+21"]]},' +
      '{"metric":{"path":"/x\\"y"},"values":[[1700000060.5,"-Inf"],[1700000120.001,"-0"]]},' +
      '{"metric":{},"values":[[1700000000,"+Inf"]]}]}',
  );
  assert.deepEqual(JSON.parse(json).result[1].metric, { path: '/x"y' });
});
