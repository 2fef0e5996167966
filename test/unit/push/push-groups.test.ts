import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PushGroups } from '../../../electron/engine/push/push-groups';
import { parseGroupingKey } from '../../../electron/engine/push/push-request';
import { openStore, type SeriesStore } from '../../../electron/engine/store/open-store';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir } from '../../helpers/tmp';

const enc = (s: string) => new TextEncoder().encode(s);

function withGroups(fn: (g: PushGroups, store: SeriesStore, clock: FakeClock) => void): void {
  const dir = tempDir();
  const store = openStore(dir.path);
  const clock = new FakeClock(1_000_000);
  const g = new PushGroups(store, clock, { restampMs: 3_600_000, log: () => {}, onCommit: () => {} });
  try {
    fn(g, store, clock);
  } finally {
    g.close();
    store.close();
    dir.remove();
  }
}

function series(store: SeriesStore, name: string) {
  return store
    .select([{ name: '__name__', type: '=', value: name }], -Infinity, Infinity)
    .map((s) => ({ labels: s.labels, t: [...s.t], v: [...s.v], stale: s.stale ? [...s.stale] : [] }));
}

test('grouping keys: plain, percent-encoded, @base64 (padding optional, "=" is empty), errors', () => {
  assert.deepEqual(parseGroupingKey('/metrics/job/j/instance/h%3A1'), { job: 'j', instance: 'h:1' });
  assert.deepEqual(parseGroupingKey('/metrics/job@base64/Zm9vL2Jhcg/x@base64/=/y@base64/YQ=='), {
    job: 'foo/bar',
    x: '',
    y: 'a',
  });
  assert.match(String(parseGroupingKey('/metrics/job/j/a')), /has no value/);
  assert.match(String(parseGroupingKey('/metrics/job/j/a/')), /empty value for label "a"/);
  assert.match(String(parseGroupingKey('/metrics/job/j/job/k')), /appears twice/);
  assert.match(String(parseGroupingKey('/metrics/job/j/__x/k')), /reserved/);
  assert.match(String(parseGroupingKey('/metrics/job@base64/!!')), /not base64url/);
  assert.match(String(parseGroupingKey('/metrics/job/%zz')), /percent-encoding/);
});

test('re-stamping keeps the last pushed values current; a PUT ends removed series with stale markers', () => {
  withGroups((g, store, clock) => {
    assert.equal(
      g.handle({ method: 'PUT', path: '/metrics/job/j', contentType: null, body: enc('a 1\nb 2\n') }).status,
      200,
    );
    clock.time += 60_000;
    g.restamp();
    assert.deepEqual(series(store, 'a')[0].t, [1_000_000, 1_060_000]);
    assert.deepEqual(series(store, 'push_time_seconds')[0].v, [1000, 1000]);
    clock.time += 1000;
    g.handle({ method: 'PUT', path: '/metrics/job/j', contentType: null, body: enc('a 3\n') });
    const b = series(store, 'b')[0];
    assert.deepEqual(b.stale, [0, 0, 1]);
    assert.equal(b.t[2], 1_061_000);
    clock.time += 1000;
    g.restamp();
    assert.equal(series(store, 'b')[0].t.length, 3, 'removed series are not re-stamped');
    assert.deepEqual(series(store, 'a')[0].v, [1, 1, 3, 3]);
    assert.equal(
      g.handle({ method: 'DELETE', path: '/metrics/job/j', contentType: null, body: enc('') }).status,
      202,
    );
    assert.equal(series(store, 'a')[0].stale.at(-1), 1);
    assert.equal(series(store, 'push_time_seconds')[0].stale.at(-1), 1);
    assert.equal(g.size, 0);
  });
});
