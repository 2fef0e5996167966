import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { samplesToKeep } from '../../../electron/engine/store/downsample';
import { QueryEngine } from '../../../electron/engine/query';

const H = 3600_000;

test('samplesToKeep: the last sample of each bucket, stale markers, and counter resets', () => {
  const t = [0, 100, 200, 300, 400, 500];
  const v = [1, 2, 3, 0.5, 1, 2]; // a drop at index 3
  assert.deepEqual(samplesToKeep(t, v, undefined, 6, 300, false), [2, 5]);
  assert.deepEqual(
    samplesToKeep(t, v, undefined, 6, 300, true),
    [2, 5],
    'reset at a bucket edge: already kept',
  );
  const v2 = [1, 2, 0.5, 1, 2, 3]; // a drop inside the first bucket
  assert.deepEqual(samplesToKeep(t, v2, undefined, 6, 300, true), [1, 2, 5]);
  assert.deepEqual(samplesToKeep(t, v2, undefined, 6, 300, false), [2, 5], 'gauges keep only bucket ends');
  assert.deepEqual(samplesToKeep(t, v, [0, 1, 0, 0, 0, 0], 6, 300, false), [1, 2, 5], 'stale markers stay');
});

test('old data is downsampled to 5m, recent data stays raw, and rate() and charts stay right', async () => {
  const store = new ChunkStore(':memory:');
  try {
    const end = 48 * H;
    let counter = 0;
    for (let t = 0; t <= end; t += 15_000) {
      const app = store.appender();
      counter += 3;
      if (t === 10 * H + 7 * 15_000) counter = 1; // a reset inside a 5m bucket, in the old range
      app.append({ __name__: 'req_total', job: 'a' }, t, counter);
      app.append({ __name__: 'temp_celsius', job: 'a' }, t, 20 + Math.sin(t / H));
      app.commit();
    }
    const q = new QueryEngine(store);
    const before = {
      increase: q.instant('increase(req_total[1h])', 11 * H),
      temp: q.instant('temp_celsius', 10 * H - 15_000),
      recent: q.range('rate(req_total[1m])', 40 * H, 41 * H, 60_000),
    };
    store.checkpoint(); // close idle heads so all old data is in chunks
    const r = await store.downsample({ afterMs: 24 * H, now: end });
    assert.ok(r.replacedChunks > 0);
    assert.ok(r.samplesAfter < r.samplesBefore / 15, `${r.samplesBefore} -> ${r.samplesAfter} samples`);
    const old = store.select([{ name: '__name__', type: '=', value: 'temp_celsius' }], 5 * H, 6 * H)[0];
    assert.equal(old.t.length, 12, '5m resolution in the old range: one sample per bucket');
    const recent = store.select([{ name: '__name__', type: '=', value: 'temp_celsius' }], 40 * H, 41 * H)[0];
    assert.equal(recent.t.length, 241, 'raw 15 s data in the recent range');
    // The counter's increase over an hour of downsampled data, across its reset, is unchanged
    // up to extrapolation at the window edges (samples are now 5 min apart).
    const inc = q.instant('increase(req_total[1h])', 11 * H);
    assert.ok(before.increase.resultType === 'vector' && inc.resultType === 'vector');
    const want = before.increase.result[0].v;
    const got = inc.result[0].v;
    assert.ok(Math.abs(got - want) / want < 0.1, `increase ${got} vs ${want}`);
    // A chart point at a bucket end shows the same value as before.
    const temp = q.instant('temp_celsius', 10 * H - 15_000);
    assert.ok(before.temp.resultType === 'vector' && temp.resultType === 'vector');
    assert.equal(temp.result[0].v, before.temp.result[0].v);
    // Recent data answers exactly as before.
    assert.deepEqual(q.range('rate(req_total[1m])', 40 * H, 41 * H, 60_000), before.recent);
  } finally {
    store.close();
  }
});

test('a damaged chunk is left where it is, reported once, and downsampling the rest still ends', async () => {
  const store = new ChunkStore(':memory:');
  const logged: string[] = [];
  const log = console.error;
  console.error = (...a: unknown[]) => void logged.push(a.join(' '));
  try {
    for (let t = 0; t <= 48 * H; t += 15_000) {
      const app = store.appender();
      app.append({ __name__: 'g', job: 'a' }, t, (t / 15_000) % 100);
      app.commit();
    }
    store.checkpoint();
    // Every old raw chunk of the series damaged but one: the downsampler keeps fetching by
    // series, so a damaged chunk it did not set aside would be fetched, and skipped, forever.
    const ids = store.db
      .prepare('SELECT id FROM chunks WHERE max_t < ? ORDER BY id')
      .pluck()
      .all(24 * H) as number[];
    const flip = store.db.prepare("UPDATE chunks SET data = data || x'00' WHERE id = ?");
    for (const id of ids.slice(0, -1)) flip.run(id);
    const r = await store.downsample({ afterMs: 24 * H, now: 48 * H });
    assert.equal(r.replacedChunks, 1);
    assert.equal(store.damage.count, ids.length - 1);
    assert.equal(logged.filter((l) => /is damaged and was skipped/.test(l)).length, ids.length - 1);
    const left = store.db
      .prepare('SELECT count(*) FROM chunks WHERE res = 0 AND max_t < ?')
      .pluck()
      .get(24 * H);
    assert.equal(left, ids.length - 1, 'the damaged chunks stay, for promdesk check and a restore');
  } finally {
    console.error = log;
    store.close();
  }
});
