// The inspector's data (series joined by time, CSV) and the panel parameters of the page's URL
// (viewPanel / inspect / editPanel naming a panel or a repeated copy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Panel } from '../../../shared/dashboards/model';
import { expandRepeats } from '../../../shared/dashboards/repeat';
import { joinByTime, tableCsv } from '../../../renderer/src/views/dashboards/inspect-data';
import { sectionsOf } from '../../../renderer/src/views/dashboards/layout';
import { findShown, hrefWith } from '../../../renderer/src/views/dashboards/panel-url';

const series = (name: string, refId: string, points: [number, number][]) => ({
  name,
  refId,
  labels: {},
  timestamps: Float64Array.from(points.map((p) => p[0])),
  values: Float64Array.from(points.map((p) => p[1])),
});

test('series are joined on time, a column each, empty where one has no sample; CSV as RFC 4180', () => {
  const t = joinByTime([
    series('cpu, total', 'A', [
      [2000, 1.5],
      [1000, 1],
    ]),
    series('mem', 'A', [
      [2000, NaN],
      [3000, Infinity],
    ]),
    series('mem', 'B', [[1000, -2]]),
  ]);
  assert.deepEqual(t.columns, ['cpu, total', 'mem (A)', 'mem (B)']);
  assert.deepEqual(
    t.rows.map((r) => [r.timeMs, ...r.values]),
    [
      [1000, 1, null, -2],
      [2000, 1.5, NaN, null],
      [3000, null, Infinity, null],
    ],
  );
  assert.equal(
    tableCsv(t),
    'Time,"cpu, total",mem (A),mem (B)\r\n' +
      '1970-01-01T00:00:01.000Z,1,,-2\r\n' +
      '1970-01-01T00:00:02.000Z,1.5,NaN,\r\n' +
      '1970-01-01T00:00:03.000Z,,+Inf,\r\n',
  );
  assert.deepEqual(joinByTime([]), { columns: [], rows: [] });
});

test('viewPanel / inspect name a panel by id, panel-<id>, or a copy by panel-<id>-clone-<n>', () => {
  const panels: Panel[] = [
    { id: 3, type: 'stat', title: 'a', gridPos: { x: 0, y: 0, w: 6, h: 3 }, repeat: 'h' },
    { id: 4, type: 'stat', title: 'b', gridPos: { x: 6, y: 0, w: 6, h: 3 } },
  ];
  const shown = expandRepeats(
    sectionsOf(panels),
    new Map([['h', { name: 'h', value: ['x', 'y'], multi: true }]]),
  );
  assert.equal(findShown(shown, '3')?.scope.h.value, 'x');
  assert.equal(findShown(shown, 'panel-3')?.key, '3');
  assert.equal(findShown(shown, 'panel-3-clone-1')?.scope.h.value, 'y');
  assert.equal(findShown(shown, '4')?.panel.title, 'b');
  assert.equal(findShown(shown, '9'), null);
  assert.equal(
    hrefWith('viewPanel', 'panel-3-clone-1', { pathname: '/d/u/s', search: '?from=now-1h&var-h=x' }),
    '/d/u/s?from=now-1h&var-h=x&viewPanel=panel-3-clone-1',
  );
  assert.equal(hrefWith('inspect', null, { pathname: '/d/u/s', search: '?inspect=4' }), '/d/u/s');
});
