import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSeries, SeriesStore } from '../../../renderer/src/lib/series-store';

const cols = (labels: Record<string, string>, ts: number[], vs: number[]) => ({
  labels,
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

test('alignSeries: union x in seconds, undefined where a series has no point, null for NaN', () => {
  const data = alignSeries([
    { ts: [1000, 3000], vs: [1, NaN] },
    { ts: [2000, 3000], vs: [5, 6] },
  ]);
  assert.deepEqual(data, [
    [1, 2, 3],
    [1, undefined, null],
    [undefined, 5, 6],
  ]);
  assert.deepEqual(alignSeries([]), [[]]);
});

test('SeriesStore appends live points, keeps order and reports new series', () => {
  const s = new SeriesStore();
  assert.equal(s.add(cols({ a: '1' }, [1000], [1])), true);
  assert.equal(s.add(cols({ a: '1' }, [2000], [2])), false);
  assert.equal(s.add(cols({ a: '2' }, [1500], [9])), true);
  assert.deepEqual(s.aligned(), [
    [1, 1.5, 2],
    [1, undefined, 2],
    [undefined, 9, undefined],
  ]);
});

test('SeriesStore merges out-of-order and duplicate timestamps (newest delivery wins)', () => {
  const s = new SeriesStore();
  s.add(cols({ a: '1' }, [1000, 3000], [1, 3]));
  s.add(cols({ a: '1' }, [2000, 3000, 4000], [2, 33, 4]));
  assert.deepEqual(s.series[0].ts, [1000, 2000, 3000, 4000]);
  assert.deepEqual(s.series[0].vs, [1, 2, 33, 4]);
});

test('SeriesStore marks holes in step-grid history as gaps', () => {
  const s = new SeriesStore();
  s.add(cols({ a: '1' }, [0, 1000, 5000, 6000], [1, 1, 2, 2]), 1000);
  assert.deepEqual(s.aligned(), [
    [0, 1, 2, 5, 6],
    [1, 1, null, 2, 2],
  ]);
});

test('SeriesStore trims points that scrolled out', () => {
  const s = new SeriesStore();
  s.add(cols({ a: '1' }, [1000, 2000, 3000], [1, 2, 3]));
  s.trimBefore(2500);
  assert.deepEqual(s.series[0].ts, [3000]);
  assert.equal(s.pointCount(), 1);
});

test('SeriesStore caps the number of series', () => {
  const s = new SeriesStore(2);
  s.add(cols({ a: '1' }, [1], [1]));
  s.add(cols({ a: '2' }, [1], [1]));
  assert.equal(s.add(cols({ a: '3' }, [1], [1])), false);
  assert.equal(s.series.length, 2);
  assert.equal(s.dropped.size, 1);
});
