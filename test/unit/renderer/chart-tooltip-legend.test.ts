// Grafana's tooltip and legend options in the chart: the tooltip sorted ascending, descending or
// not at all, or in "single" mode only the series drawn nearest the cursor; a table legend sorted
// by a figure column (numerically, series without it last), and Grafana's sortBy names read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendSortOf, sortByCalc } from '../../../renderer/src/charts/legend-sort';
import { tooltipEntries } from '../../../renderer/src/charts/tooltip-entries';

const xs = [0, 15, 30];
const cols = [xs, [5, 5, 5], [1, 1, 1], [9, 9, 9]];
const order = (r: ReturnType<typeof tooltipEntries>) => r?.entries.map((e) => e.series);

test('tooltip sort: descending by default, ascending, or in the series order', () => {
  assert.deepEqual(order(tooltipEntries(xs, cols, 15, 15)), [3, 1, 2]);
  assert.deepEqual(order(tooltipEntries(xs, cols, 15, 15, { sort: 'asc' })), [2, 1, 3]);
  assert.deepEqual(order(tooltipEntries(xs, cols, 15, 15, { sort: 'none' })), [1, 2, 3]);
});

test('tooltip single mode: only the series drawn nearest the cursor', () => {
  assert.deepEqual(order(tooltipEntries(xs, cols, 15, 15, { nearestY: 8 })), [3]);
  assert.deepEqual(order(tooltipEntries(xs, cols, 15, 15, { nearestY: 2 })), [2]);
  // Measured on the drawn value (stacked or negative-Y), while the row shows the raw one.
  const r = tooltipEntries(xs, cols, 15, 15, { nearestY: 4.5, value: (i) => i * 100 });
  assert.deepEqual(r?.entries, [{ series: 1, value: 100, x: 15, idx: 1 }]);
});

test('a table legend sorts by a figure, numerically, series without it last', () => {
  const items = [
    { k: 'a', calcValues: { max: 10 } },
    { k: 'b', calcValues: { max: null } },
    { k: 'c', calcValues: { max: 9.5 } },
    { k: 'd', calcValues: { max: 100 } },
    { k: 'e' },
  ];
  const keys = (xs: { k: string }[]) => xs.map((x) => x.k).join('');
  assert.equal(keys(sortByCalc(items, { by: 'max', desc: true })), 'dacbe');
  assert.equal(keys(sortByCalc(items, { by: 'max', desc: false })), 'cadbe');
  assert.equal(keys(sortByCalc(items, null)), 'abcde');
});

test("Grafana's legend sortBy names become the chart's calcs", () => {
  assert.deepEqual(legendSortOf({ sortBy: 'Max', sortDesc: true }), { by: 'max', desc: true });
  assert.deepEqual(legendSortOf({ sortBy: 'Last *', sortDesc: false }), { by: 'last', desc: false });
  assert.deepEqual(legendSortOf({ sortBy: 'Total' }), { by: 'total', desc: true });
  assert.equal(legendSortOf({ sortBy: 'Name' }), undefined);
  assert.equal(legendSortOf({}), undefined);
});
