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

const put = (g: PushGroups, path: string, body: string) =>
  g.handle({ method: 'PUT', path, contentType: null, body: enc(body) });

function rows(store: SeriesStore): string[] {
  return store.db.prepare('SELECT key FROM push_groups ORDER BY key').pluck().all() as string[];
}

test('each group is a row of its own: a push writes its row, a DELETE removes it, a reopen reads them', () => {
  const dir = tempDir();
  const opts = { restampMs: 3_600_000, log: () => {}, onCommit: () => {} };
  try {
    let store = openStore(dir.path);
    let g = new PushGroups(store, new FakeClock(1_000_000), opts);
    assert.equal(put(g, '/metrics/job/a', 'x 1\n').status, 200);
    assert.equal(put(g, '/metrics/job/b/instance/i', 'x 2\ny NaN\n').status, 200);
    assert.equal(put(g, '/metrics/job/c', 'x 3\n').status, 200);
    assert.deepEqual(rows(store), ['[["instance","i"],["job","b"]]', '[["job","a"]]', '[["job","c"]]']);
    const rowOfA = store.db.prepare('SELECT data FROM push_groups WHERE key = ?').pluck();
    const before = rowOfA.get('[["job","a"]]');
    assert.equal(put(g, '/metrics/job/c', 'x 4\n').status, 200);
    assert.equal(rowOfA.get('[["job","a"]]'), before, 'a push to c leaves the row of a as it was');
    assert.equal(
      g.handle({ method: 'DELETE', path: '/metrics/job/a', contentType: null, body: enc('') }).status,
      202,
    );
    assert.deepEqual(rows(store), ['[["instance","i"],["job","b"]]', '[["job","c"]]']);
    assert.equal(store.getSetting('push.groups'), undefined, 'nothing goes to the settings row any more');
    g.close();
    store.close();

    store = openStore(dir.path);
    const clock = new FakeClock(2_000_000);
    g = new PushGroups(store, clock, opts);
    assert.equal(g.size, 2);
    const x = series(store, 'x').filter((s) => s.t.at(-1) === 2_000_000);
    assert.deepEqual(x.map((s) => [s.labels.job, s.v.at(-1)]).sort(), [
      ['b', 2],
      ['c', 4],
    ]);
    assert.ok(Number.isNaN(series(store, 'y')[0].v.at(-1)), 'NaN survives the row');
    g.close();
    store.close();
  } finally {
    dir.remove();
  }
});

test('groups saved by earlier versions in one settings row move to rows of their own on open', () => {
  const dir = tempDir();
  const logs: string[] = [];
  const opts = { restampMs: 3_600_000, log: (m: string) => logs.push(m), onCommit: () => {} };
  try {
    let store = openStore(dir.path);
    // The format earlier versions wrote, all groups in one value.
    const legacy = {
      version: 1,
      groups: [
        {
          grouping: { job: 'old' },
          families: [['m', [[{ __name__: 'm', job: 'old' }, '7']]]],
          pushTimeS: 900,
          failTimeS: 0,
        },
        {
          grouping: { job: 'old2', instance: 'h' },
          families: [
            [
              'n',
              [
                [{ __name__: 'n', job: 'old2', instance: 'h', k: '1' }, 'Infinity'],
                [{ __name__: 'n', job: 'old2', instance: 'h', k: '2' }, '-2.5'],
              ],
            ],
          ],
          pushTimeS: 950,
          failTimeS: 940,
        },
      ],
    };
    store.putSetting('push.groups', JSON.stringify(legacy));
    store.close();

    store = openStore(dir.path);
    let g = new PushGroups(store, new FakeClock(1_000_000), opts);
    assert.equal(g.size, 2);
    assert.equal(store.getSetting('push.groups'), undefined, 'the settings row is gone');
    assert.deepEqual(rows(store), ['[["instance","h"],["job","old2"]]', '[["job","old"]]']);
    assert.match(logs.join('\n'), /moved 2 saved groups/);
    assert.deepEqual(series(store, 'm')[0].v, [7]);
    assert.deepEqual(
      series(store, 'n').map((s) => s.v[0]),
      [Infinity, -2.5],
    );
    assert.deepEqual(
      series(store, 'push_failure_time_seconds')
        .map((s) => [s.labels.job, s.v[0]])
        .sort(),
      [
        ['old', 0],
        ['old2', 940],
      ],
    );
    // A push to a migrated group is a push to the same group: POST keeps its other families.
    assert.equal(
      g.handle({ method: 'POST', path: '/metrics/job/old', contentType: null, body: enc('p 1\n') }).status,
      200,
    );
    g.close();
    store.close();

    store = openStore(dir.path);
    g = new PushGroups(store, new FakeClock(1_100_000), opts);
    assert.equal(g.size, 2);
    assert.deepEqual(series(store, 'm')[0].v.at(-1), 7);
    assert.deepEqual(series(store, 'p')[0].v.at(-1), 1);
    g.close();
    store.close();
  } finally {
    dir.remove();
  }
});

test('an unreadable legacy row is kept, not migrated, and named in the log', () => {
  const dir = tempDir();
  const logs: string[] = [];
  try {
    let store = openStore(dir.path);
    store.putSetting('push.groups', '{"version":1,"groups":[{');
    store.close();
    store = openStore(dir.path);
    const g = new PushGroups(store, new FakeClock(1_000_000), {
      restampMs: 3_600_000,
      log: (m) => logs.push(m),
      onCommit: () => {},
    });
    assert.equal(g.size, 0);
    assert.match(logs.join('\n'), /settings row "push\.groups".*unreadable/);
    assert.equal(store.getSetting('push.groups'), '{"version":1,"groups":[{');
    g.close();
    store.close();
  } finally {
    dir.remove();
  }
});

test('push time stays flat as groups grow: the last 200 of 2,000 new groups cost about what the first did', () => {
  withGroups((g) => {
    const body = '# TYPE load gauge\nload{cpu="0"} 1\nload{cpu="1"} 2\nload{cpu="2"} 3\n';
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      const r = put(g, `/metrics/job/flat/instance/host-${i}`, body);
      times.push(performance.now() - t0);
      assert.equal(r.status, 200);
    }
    assert.equal(g.size, 2000);
    // Medians (one GC pause is not a trend); the first 100 warm the JIT up.
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const early = median(times.slice(100, 300));
    const late = median(times.slice(-200));
    assert.ok(
      late < early * 3,
      `median push ${early.toFixed(3)} ms at 100-300 groups, ${late.toFixed(3)} ms at 1800-2000`,
    );
  });
});

test('re-stamping 1,300 groups is done in slices with the thread yielded between; a group pushed meanwhile keeps its push', async () => {
  const dir = tempDir();
  const store = openStore(dir.path);
  const clock = new FakeClock(1_000_000);
  const commits: number[] = [];
  const g = new PushGroups(store, clock, {
    restampMs: 3_600_000,
    log: () => {},
    onCommit: (c) => commits.push(c.length),
  });
  try {
    // 4 samples a group (2 series, push_time_seconds, push_failure_time_seconds): 2 slices.
    for (let i = 0; i < 1300; i++) put(g, `/metrics/job/r/instance/h${i}`, 'v{k="a"} 1\nv{k="b"} 2\n');
    commits.length = 0;
    clock.time += 30_000;
    const done = g.restamp();
    // The first slice is committed at once; the rest wait for the thread to come back.
    assert.equal(commits.length, 1);
    assert.ok(commits[0] >= 5000 && commits[0] < 5010, `first slice ${commits[0]} samples`);
    clock.time += 1;
    assert.equal(put(g, '/metrics/job/r/instance/h1299', 'v{k="a"} 42\n').status, 200);
    await done;
    assert.equal(commits.length, 1 + 1 + 1, 'three restamp slices, one push between them');
    const last = series(store, 'v').filter((s) => s.labels.instance === 'h1299');
    assert.deepEqual(
      last.map((s) => [s.labels.k, s.v, s.stale]),
      [
        ['a', [1, 42], []],
        ['b', [2, NaN], [0, 1]],
      ],
      'the pushed group is not re-stamped with its old values',
    );
    assert.equal(
      series(store, 'v').filter((s) => s.t.at(-1) === 1_030_000).length,
      2 * 1299,
      'every other group was re-stamped',
    );
  } finally {
    g.close();
    store.close();
    dir.remove();
  }
});
