// The store contract, run against both implementations: v1 (a row per sample) and v2 (chunks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../helpers/sqlite-store';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { tempDir } from '../../helpers/tmp';

const impls = [
  { name: 'v1 sqlite', open: (file: string) => new SqliteStore(file) },
  { name: 'v2 chunks', open: (file: string) => new ChunkStore(file) },
];

for (const impl of impls) {
  test(`${impl.name}: a committed batch is stored and read back by matchers and time range`, () => {
    const dir = tempDir();
    const store = impl.open(join(dir.path, 'p.db'));
    try {
      const app = store.appender();
      for (let i = 0; i < 10; i++) {
        assert.equal(app.append({ __name__: 'm', job: 'a', k: 'x' }, 1000 * i, i), 'ok');
        assert.equal(app.append({ __name__: 'm', job: 'b', k: 'y' }, 1000 * i, -i), 'ok');
      }
      assert.equal(
        store.select([{ name: '__name__', type: '=', value: 'm' }], 0, 1e9).length,
        0,
        'nothing before commit',
      );
      const res = app.commit();
      assert.equal(res.samples, 20);
      assert.equal(res.newSeries, 2);
      const sel = store.select([{ name: 'job', type: '=~', value: 'a|c' }], 2000, 5000);
      assert.equal(sel.length, 1);
      assert.deepEqual(sel[0].labels, { __name__: 'm', job: 'a', k: 'x' });
      assert.deepEqual([...sel[0].t], [2000, 3000, 4000, 5000]);
      assert.deepEqual([...sel[0].v], [2, 3, 4, 5]);
      assert.equal(
        store.select(
          [
            { name: 'k', type: '!=', value: 'x' },
            { name: '__name__', type: '=', value: 'm' },
          ],
          0,
          1e9,
        ).length,
        1,
      );
      assert.equal(store.select([{ name: 'k', type: '!~', value: 'x|y' }], 0, 1e9).length, 0);
      // A matcher that matches "" also selects series without the label.
      assert.equal(
        store.select(
          [
            { name: 'absent', type: '=', value: '' },
            { name: '__name__', type: '=', value: 'm' },
          ],
          0,
          1e9,
        ).length,
        2,
      );
      assert.deepEqual(store.labelNames([], -Infinity, Infinity), ['__name__', 'job', 'k']);
      assert.deepEqual(
        store.labelValues('job', [[{ name: 'k', type: '=', value: 'y' }]], -Infinity, Infinity),
        ['b'],
      );
    } finally {
      store.close();
      dir.remove();
    }
  });

  test(`${impl.name}: NaN, ±Inf and stale markers survive storage; out-of-order and duplicates are rejected`, () => {
    const dir = tempDir();
    const file = join(dir.path, 'p.db');
    let store = impl.open(file);
    try {
      let app = store.appender();
      const l = { __name__: 'x' };
      app.append(l, 1, NaN);
      app.append(l, 2, Infinity);
      app.append(l, 3, -Infinity);
      app.appendStale(l, 4);
      assert.equal(app.append(l, 4, 1), 'duplicate');
      assert.equal(app.append(l, 3, 1), 'out_of_order');
      app.commit();
      app = store.appender();
      assert.equal(app.append(l, 4, 1), 'duplicate', 'checked against stored data too');
      assert.equal(app.append(l, 2, 1), 'out_of_order');
      assert.equal(app.append(l, 5, 7), 'ok');
      app.commit();
      assert.equal(store.stats.outOfOrder, 2);
      assert.equal(store.stats.duplicates, 2);
      store.close();
      store = impl.open(file);
      const [s] = store.select([{ name: '__name__', type: '=', value: 'x' }], 0, 10);
      assert.ok(Number.isNaN(s.v[0]));
      assert.equal(s.v[1], Infinity);
      assert.equal(s.v[2], -Infinity);
      assert.ok(Number.isNaN(s.v[3]));
      assert.deepEqual([...(s.stale ?? [])], [0, 0, 0, 1, 0]);
      assert.equal(s.v[4], 7);
      // After reopening, the last stored sample still guards against out-of-order appends.
      assert.equal(store.appender().append(l, 5, 8), 'duplicate');
    } finally {
      store.close();
      dir.remove();
    }
  });

  test(`${impl.name}: empty label values are dropped from series identity, and rollback stores nothing`, () => {
    const dir = tempDir();
    const store = impl.open(join(dir.path, 'p.db'));
    try {
      const app = store.appender();
      app.append({ __name__: 'e', a: '' }, 1, 1);
      app.append({ __name__: 'e' }, 2, 2);
      app.commit();
      const sel = store.select([{ name: '__name__', type: '=', value: 'e' }], 0, 10);
      assert.equal(sel.length, 1);
      assert.deepEqual(sel[0].labels, { __name__: 'e' });
      const app2 = store.appender();
      app2.append({ __name__: 'r' }, 1, 1);
      app2.rollback();
      assert.equal(app2.commit().samples, 0);
      assert.deepEqual(store.labelValues('__name__', [], -Infinity, Infinity), ['e']);
    } finally {
      store.close();
      dir.remove();
    }
  });
}
