import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSeries, type CurrentSeries } from '../../../renderer/src/lib/preview-diff';

function cur(key: string, value: number, counter = false): CurrentSeries {
  return { key, name: key, labels: '', family: key, counter, value, line: 1, exemplar: null };
}

test('the first body has nothing to compare with', () => {
  const d = diffSeries(null, [cur('a', 1), cur('b_total', 5, true)], 1000);
  assert.equal(d.summary.compared, false);
  assert.deepEqual(
    d.rows.map((r) => [r.status, r.prev, r.delta, r.rate]),
    [
      ['first', null, null, null],
      ['first', null, null, null],
    ],
  );
  assert.deepEqual(d.rows[0].spark, [1]);
});

test('deltas, counter rates from the fetch times, new and vanished series', () => {
  const one = diffSeries(null, [cur('g', 10), cur('c_total', 100, true), cur('gone', 7)], 10_000);
  const two = diffSeries(one.next, [cur('g', 8), cur('c_total', 130, true), cur('fresh', 1)], 12_000);
  const by = new Map(two.rows.map((r) => [r.key, r]));
  assert.equal(by.get('g')!.delta, -2);
  assert.equal(by.get('g')!.rate, null, 'gauges get no rate');
  assert.equal(by.get('g')!.status, 'changed');
  assert.equal(by.get('c_total')!.delta, 30);
  assert.equal(by.get('c_total')!.rate, 15, '30 over 2 s');
  assert.equal(by.get('fresh')!.status, 'new');
  assert.equal(by.get('gone')!.status, 'vanished');
  assert.equal(by.get('gone')!.value, 7);
  assert.equal(by.get('gone')!.line, null);
  assert.deepEqual(two.summary, {
    compared: true,
    intervalMs: 2000,
    added: 1,
    vanished: 1,
    changed: 2,
    resets: 0,
  });
  assert.equal(two.rows[two.rows.length - 1].key, 'gone', 'vanished series come last');
  // Vanished once is forgotten after: the next body does not report it again.
  const three = diffSeries(two.next, [cur('g', 8)], 13_000);
  assert.equal(three.summary.vanished, 2, 'c_total and fresh');
  assert.ok(!three.rows.some((r) => r.key === 'gone'));
  assert.equal(three.rows[0].status, 'same');
});

test('a counter that goes down is a reset; its rate counts from zero', () => {
  const one = diffSeries(null, [cur('c_total', 50, true)], 0);
  const two = diffSeries(one.next, [cur('c_total', 4, true)], 2000);
  assert.equal(two.rows[0].status, 'reset');
  assert.equal(two.rows[0].rate, 2);
  assert.equal(two.summary.resets, 1);
});

test('no rates without fetch times; NaN equals NaN', () => {
  const one = diffSeries(null, [cur('c_total', 1, true), cur('n', NaN)], null);
  const two = diffSeries(one.next, [cur('c_total', 3, true), cur('n', NaN)], null);
  assert.equal(two.rows[0].delta, 2);
  assert.equal(two.rows[0].rate, null);
  assert.equal(two.rows[1].status, 'same');
  assert.equal(two.rows[1].delta, null);
});

test('sparklines keep the last N values', () => {
  let state = null;
  let last: number[] = [];
  for (let i = 0; i < 10; i++) {
    const d = diffSeries(state, [cur('a', i)], i * 1000, 4);
    state = d.next;
    last = d.rows[0].spark;
  }
  assert.deepEqual(last, [6, 7, 8, 9]);
});
