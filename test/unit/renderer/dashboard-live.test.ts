// The pure parts of live dashboard panels and their time interaction: pushed points merged into a
// panel's data (appended, instant values replaced, the window slid), the zoom a drag sets, `t z`
// doubling the span, and the two-key chords.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chordOf, zoomedOut, zoomedRange } from '../../../renderer/src/views/dashboards/dash-interaction';
import type { PanelData, PanelSeries } from '../../../renderer/src/views/dashboards/panel-data';
import { mergePushed, pushedToChart } from '../../../renderer/src/views/dashboards/panel-live';

const series = (refId: string, labels: Record<string, string>, ts: number[], vs: number[]): PanelSeries => ({
  refId,
  name: JSON.stringify(labels),
  labels,
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

const data = (s: PanelSeries[], startMs: number, endMs: number): PanelData => ({
  state: 'ok',
  series: s,
  error: null,
  queries: [],
  startMs,
  endMs,
  live: [],
});

test('pushed points extend their series, a new series joins, and the window slides', () => {
  const d = data([series('A', { i: 'a' }, [0, 10, 20], [1, 2, 3])], 0, 20);
  const out = mergePushed(
    d,
    [series('A', { i: 'a' }, [20, 30, 40], [9, 4, 5]), series('A', { i: 'b' }, [40], [7])],
    new Set(),
  );
  assert.equal(out.endMs, 40);
  assert.equal(out.startMs, 20, 'same span, moved to the newest point');
  assert.deepEqual([...out.series[0].timestamps], [20, 30, 40], 'older than the window dropped');
  assert.deepEqual([...out.series[0].values], [3, 4, 5], 'a point already held is not repeated');
  assert.deepEqual([...out.series[1].timestamps], [40]);
  assert.equal(d.series[0].timestamps.length, 3, 'the old data is left as it was');
});

test('the same labels under another query are another series; an instant value is replaced', () => {
  const d = data([series('A', { i: 'a' }, [10], [1]), series('B', { i: 'a' }, [10], [5])], 0, 10);
  const out = mergePushed(
    d,
    [series('B', { i: 'a' }, [20], [6]), series('A', { i: 'a' }, [20], [2])],
    new Set(['B']),
  );
  assert.deepEqual([...out.series[0].values], [1, 2]);
  assert.deepEqual([...out.series[1].timestamps], [20]);
  assert.deepEqual([...out.series[1].values], [6]);
});

test('an empty panel becomes ok when a pushed point has a number', () => {
  const d = { ...data([], 0, 10), state: 'empty' as const };
  assert.equal(mergePushed(d, [series('A', {}, [20], [NaN])], new Set()).state, 'empty');
  assert.equal(mergePushed(d, [series('A', {}, [20], [1])], new Set()).state, 'ok');
});

test('a time series panel takes pushed points into its chart only once it draws one', () => {
  const empty: PanelData = { ...data([], 0, 20), state: 'empty' };
  assert.equal(pushedToChart('timeseries', data([series('A', {}, [0], [1])], 0, 20)), true);
  // Empty (a dashboard opened before its series had samples): merged, so the panel turns ok.
  assert.equal(pushedToChart('timeseries', empty), false);
  assert.equal(pushedToChart('timeseries', { ...empty, state: 'error' }), false);
  assert.equal(pushedToChart('timeseries', null), false);
  assert.equal(pushedToChart('stat', data([series('A', {}, [0], [1])], 0, 20)), false);
  const merged = mergePushed(empty, [series('A', { job: 'x' }, [30], [1])], new Set());
  assert.equal(merged.state, 'ok');
  assert.equal(pushedToChart('timeseries', merged), true);
});

test('a drag zoom is an absolute range in epoch ms; t z doubles the span about its centre', () => {
  assert.deepEqual(zoomedRange(1000.4, 2000.6), { from: '1000', to: '2001' });
  const now = 10_000_000;
  // A live range stays live, twice as long.
  assert.deepEqual(zoomedOut({ from: 'now-5m', to: 'now' }, now), { from: 'now-600s', to: 'now' });
  // An absolute one grows about its centre...
  assert.deepEqual(zoomedOut({ from: '1000000', to: '2000000' }, now), { from: '500000', to: '2500000' });
  // ...but never past now.
  assert.deepEqual(zoomedOut({ from: String(now - 1000), to: String(now) }, now), {
    from: String(now - 2000),
    to: String(now),
  });
});

test('t z and d r are chords: the second key within a second of the first', () => {
  assert.equal(chordOf({ key: 't', atMs: 0 }, 'z', 500), 'zoom-out');
  assert.equal(chordOf({ key: 'd', atMs: 0 }, 'r', 999), 'refresh');
  assert.equal(chordOf({ key: 't', atMs: 0 }, 'z', 1500), null);
  assert.equal(chordOf({ key: 'z', atMs: 0 }, 't', 10), null);
  assert.equal(chordOf(null, 'z', 10), null);
});
