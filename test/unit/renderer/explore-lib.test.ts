import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addToHistory, HISTORY_LIMIT, parseHistory } from '../../../renderer/src/lib/explore-history';
import { panelSpecs, panelsHash } from '../../../renderer/src/lib/explore-panels';
import { stackBands, stackColumns } from '../../../renderer/src/lib/explore-stack';
import { exploreHash, exploreStateFromParams } from '../../../renderer/src/lib/explore-state';
import { formatSampleValue, nextSort, sortRows, tableRows } from '../../../renderer/src/lib/explore-table';
import type { QueryInstantResult } from '../../../shared/api';

test('explore state round-trips through the URL hash', () => {
  const s = {
    query: 'sum by (job) (rate(x_total[5m]))',
    tab: 'table' as const,
    range: { kind: 'relative' as const, durationMs: 900_000 },
    stacked: true,
    timeMs: 1_700_000_000_000,
  };
  const hash = exploreHash(s);
  assert.match(hash, /^#\/explore\?/);
  assert.deepEqual(exploreStateFromParams(new URLSearchParams(hash.split('?')[1])), s);
  const d = exploreStateFromParams(new URLSearchParams(''));
  assert.deepEqual(d, {
    query: '',
    tab: 'graph',
    range: { kind: 'relative', durationMs: 3_600_000 },
    stacked: false,
    timeMs: null,
  });
  assert.equal(exploreStateFromParams(new URLSearchParams('tab=bogus&time=x')).tab, 'graph');
});

test('history: newest first, no duplicates, bounded, malformed storage ignored', () => {
  let h = addToHistory([], 'up', 1);
  h = addToHistory(h, ' rate(x[1m]) ', 2);
  h = addToHistory(h, 'up', 3);
  assert.deepEqual(h, [
    { query: 'up', atMs: 3 },
    { query: 'rate(x[1m])', atMs: 2 },
  ]);
  assert.equal(addToHistory(h, '  ', 4), h);
  for (let i = 0; i < 80; i++) h = addToHistory(h, `q${i}`, i);
  assert.equal(h.length, HISTORY_LIMIT);
  assert.deepEqual(parseHistory(JSON.stringify(h)), h);
  assert.deepEqual(parseHistory('{nope'), []);
  assert.deepEqual(parseHistory(JSON.stringify([{ query: 1 }, null, { query: 'a', atMs: 1 }])), [
    { query: 'a', atMs: 1 },
  ]);
});

test('table rows for vector, matrix, scalar and string results; sorting keeps NaN last', () => {
  const vec: QueryInstantResult = {
    resultType: 'vector',
    series: [
      { labels: { __name__: 'a', x: '1' }, timestamps: Float64Array.of(1000), values: Float64Array.of(2) },
      { labels: { __name__: 'a', x: '2' }, timestamps: Float64Array.of(1000), values: Float64Array.of(NaN) },
      { labels: { __name__: 'a', x: '3' }, timestamps: Float64Array.of(1000), values: Float64Array.of(5) },
    ],
    scalar: null,
    string: null,
    warnings: [],
  };
  const rows = tableRows(vec);
  assert.deepEqual(
    rows.map((r) => [r.series, r.values[0].value]),
    [
      ['a{x="1"}', '2'],
      ['a{x="2"}', 'NaN'],
      ['a{x="3"}', '5'],
    ],
  );
  const desc = sortRows(rows, { column: 'value', descending: true }).map((r) => r.values[0].value);
  assert.deepEqual(desc, ['5', '2', 'NaN']);
  const asc = sortRows(rows, { column: 'value', descending: false }).map((r) => r.values[0].value);
  assert.deepEqual(asc, ['2', '5', 'NaN']);
  const mat = tableRows({
    ...vec,
    resultType: 'matrix',
    series: [{ labels: {}, timestamps: Float64Array.of(1000, 2000), values: Float64Array.of(1, Infinity) }],
  });
  assert.deepEqual(mat[0].values, [
    { value: '1', timestampMs: 1000 },
    { value: '+Inf', timestampMs: 2000 },
  ]);
  assert.equal(mat[0].series, '{}');
  assert.equal(
    tableRows({ ...vec, resultType: 'scalar', series: [], scalar: 1.5 })[0].values[0].value,
    '1.5',
  );
  assert.equal(
    tableRows({ ...vec, resultType: 'string', series: [], string: 'hi' })[0].values[0].value,
    'hi',
  );
  assert.equal(formatSampleValue(-Infinity), '-Inf');
});

test('column header clicks cycle the sort', () => {
  let s = nextSort(null, 'value');
  assert.deepEqual(s, { column: 'value', descending: true });
  s = nextSort(s, 'value');
  assert.deepEqual(s, { column: 'value', descending: false });
  assert.equal(nextSort(s, 'value'), null);
  assert.deepEqual(nextSort(s, 'series'), { column: 'series', descending: false });
});

test('stacking sums shown series per x and keeps gaps', () => {
  const data: [number[], ...(number | null | undefined)[][]] = [
    [1, 2, 3],
    [1, 2, null],
    [10, undefined, 30],
    [100, 200, 300],
  ];
  assert.deepEqual(stackColumns(data), [
    [1, 2, 3],
    [1, 2, null],
    [11, undefined, 30],
    [111, 202, 330],
  ]);
  const hidden2 = (i: number) => i !== 2;
  assert.deepEqual(stackColumns(data, hidden2)[3], [101, 202, 300]);
  assert.deepEqual(stackBands(3), [{ series: [2, 1] }, { series: [3, 2] }]);
  assert.deepEqual(stackBands(3, hidden2), [{ series: [3, 1] }]);
});

test('panels hash: selector, range and panel expressions in order', () => {
  const hash = panelsHash('up', { kind: 'relative', durationMs: 3_600_000 }, ['rate(x[5m])', ' ', 'sum(up)']);
  assert.equal(hash, '#/graph?q=up&range=1h&p=rate%28x%5B5m%5D%29&p=sum%28up%29');
  assert.deepEqual(
    panelSpecs(new URLSearchParams(hash.split('?')[1])).map((p) => p.expr),
    ['rate(x[5m])', 'sum(up)'],
  );
});
