// promtool's expanding notation for input_series, as Prometheus's test language reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSeriesLabels,
  parseSeriesValues,
  type SeqValue,
} from '../../../electron/engine/rules/series-notation';

const vals = (text: string) =>
  parseSeriesValues(text).map((s: SeqValue) =>
    s.kind === 'value' ? s.v : s.kind === 'stale' ? 'stale' : '_',
  );

test('a+bxN gives N+1 values, axN too, _xN gives N gaps', () => {
  assert.deepEqual(vals('1+1x3'), [1, 2, 3, 4]);
  assert.deepEqual(vals('0x5'), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(vals('1-1x3'), [1, 0, -1, -2]);
  assert.deepEqual(vals('-2+0.5x2'), [-2, -1.5, -1]);
  assert.deepEqual(vals('_x3 1 _ 2'), ['_', '_', '_', 1, '_', 2]);
  assert.deepEqual(vals('1 stale 2'), [1, 'stale', 2]);
  assert.deepEqual(vals('Inf -Inf'), [Infinity, -Infinity]);
  assert.ok(Number.isNaN(vals('NaN')[0] as number));
  assert.deepEqual(vals('1e3 .5'), [1000, 0.5]);
});

test('bad items are refused with the item named', () => {
  assert.throws(() => parseSeriesValues('1 x 2'), /unexpected "x"/);
  assert.throws(() => parseSeriesValues('1+x3'), /unexpected "1\+x3"/);
});

test('series labels from a selector; a regex matcher is no series', () => {
  assert.deepEqual(parseSeriesLabels('up{job="a", instance="b"}'), {
    __name__: 'up',
    job: 'a',
    instance: 'b',
  });
  assert.deepEqual(parseSeriesLabels('{__name__="x"}'), { __name__: 'x' });
  assert.throws(() => parseSeriesLabels('up{job=~"a"}'), /only = matchers/);
  assert.throws(() => parseSeriesLabels('up{job="a"'), /parse error/);
});
