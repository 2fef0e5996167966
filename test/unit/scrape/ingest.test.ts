import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportSeries, TargetSeriesState, mutateSampleLabels } from '../../../electron/engine/scrape/ingest';
import type { SeriesStore } from '../../../electron/engine/store/open-store';
import { openTempStore } from '../../helpers/app-store';

const target = { job: 'j', instance: 'h:1' };
const opts = { targetLabels: target, honorLabels: false, honorTimestamps: true, sampleLimit: 0 };
const enc = (s: string) => new TextEncoder().encode(s);

function all(store: SeriesStore) {
  return store
    .select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)
    .map((s) => ({ labels: s.labels, t: [...s.t], v: [...s.v], stale: s.stale ? [...s.stale] : undefined }));
}

test('target labels: honor_labels=false renames clashes to exported_*, true keeps the exposed ones', () => {
  const flat = ['job', 'exposed', 'instance', 'x', 'exported_job', 'e'];
  assert.deepEqual(mutateSampleLabels('m', flat, opts), {
    __name__: 'm',
    job: 'j',
    instance: 'h:1',
    exported_job: 'e',
    exported_exported_job: 'exposed',
    exported_instance: 'x',
  });
  assert.deepEqual(mutateSampleLabels('m', ['job', 'exposed'], { ...opts, honorLabels: true }), {
    __name__: 'm',
    job: 'exposed',
    instance: 'h:1',
  });
  assert.throws(() => mutateSampleLabels('m', ['a', '1', 'a', '2'], opts), /not unique/);
});

test('vanished series and failed scrapes get staleness markers; explicit timestamps do not', () => {
  const store = openTempStore();
  const st = new TargetSeriesState();
  const scrape = (t: number, body: string) => {
    const app = store.appender();
    const r = st.ingest(app, enc(body), 'text/plain', t, opts);
    app.commit();
    return r;
  };
  try {
    let r = scrape(1000, 'a 1\nb 2\nc 3 500\n');
    assert.deepEqual([r.total, r.added, r.seriesAdded, r.error], [3, 3, 3, null]);
    r = scrape(2000, 'a 1\n');
    assert.equal(r.seriesAdded, 0);
    const app = store.appender();
    st.fail(app, 3000);
    app.commit();
    const byName = Object.fromEntries(all(store).map((s) => [s.labels.__name__, s]));
    assert.deepEqual(byName.a.t, [1000, 2000, 3000]);
    assert.deepEqual(byName.a.stale, [0, 0, 1]);
    assert.deepEqual(byName.b.t, [1000, 2000]);
    assert.deepEqual(byName.b.stale, [0, 1]);
    assert.deepEqual(byName.c.t, [500], 'explicit timestamp: no staleness tracking');
    assert.equal(byName.c.stale, undefined);
  } finally {
    store.close();
  }
});

test('a duplicate series in one scrape keeps the first sample', () => {
  const store = openTempStore();
  const st = new TargetSeriesState();
  try {
    const app = store.appender();
    const r = st.ingest(app, enc('d{x="1"} 1\nd{x="1"} 2\n'), null, 1000, opts);
    app.commit();
    assert.deepEqual([r.total, r.added, r.error], [2, 2, null]);
    const [s] = all(store);
    assert.deepEqual(s.v, [1]);
    assert.equal(store.stats.duplicates, 1);
  } finally {
    store.close();
  }
});

test('a parse error stores nothing of the scrape, reports the error with its line, and up is 0', () => {
  const store = openTempStore();
  const st = new TargetSeriesState();
  try {
    let app = store.appender();
    st.ingest(app, enc('a 1\nb 1\n'), null, 1000, opts);
    app.commit();
    app = store.appender();
    const r = st.ingest(app, enc('a 2\nb{ 3\nc 4\n'), null, 2000, opts);
    assert.match(r.error ?? '', /line 2/);
    assert.equal(r.total, 1);
    new ReportSeries(target).append(app, 2000, { up: r.error === null, durationSeconds: 0.01, ...r });
    app.commit();
    const byName = Object.fromEntries(all(store).map((s) => [s.labels.__name__, s]));
    assert.deepEqual(byName.a.t, [1000], 'a was seen before the error: not stale, not stored');
    assert.deepEqual(byName.b.t, [1000, 2000]);
    assert.deepEqual(byName.b.stale, [0, 1], 'b was not reached: stale');
    assert.equal(byName.c, undefined);
    assert.deepEqual(byName.up.v, [0]);
    assert.deepEqual(byName.up.labels, { __name__: 'up', ...target });
    assert.deepEqual(byName.scrape_samples_scraped.v, [1]);
  } finally {
    store.close();
  }
});

test('CRLF line ends and invalid names fail the scrape like Prometheus 2.42', () => {
  const store = openTempStore();
  try {
    for (const body of ['a 1\r\n', 'a{b-c="1"} 1\n', '0a 1\n', 'a 1 2 3\n', 'a{b="1",b="2"} 1\n']) {
      const app = store.appender();
      const r = new TargetSeriesState().ingest(app, enc(body), null, 1000, opts);
      assert.notEqual(r.error, null, JSON.stringify(body));
      app.rollback();
    }
  } finally {
    store.close();
  }
});

test('a new series rolled back and scraped again is stored with its labels (read back from its key)', () => {
  const store = openTempStore();
  const st = new TargetSeriesState();
  try {
    const body = 'long_metric_name_total{path="/a/very/long/path/value",e=""} 1\n';
    // The first scrape's commit is abandoned: the store forgets the new series.
    const first = store.appender();
    st.ingest(first, enc(body), 'text/plain', 1000, opts);
    first.rollback();
    const app = store.appender();
    st.ingest(app, enc(body.replace(' 1\n', ' 2\n')), 'text/plain', 2000, opts);
    app.commit();
    assert.deepEqual(all(store), [
      {
        labels: {
          __name__: 'long_metric_name_total',
          instance: 'h:1',
          job: 'j',
          path: '/a/very/long/path/value',
        },
        t: [2000],
        v: [2],
        stale: undefined,
      },
    ]);
  } finally {
    store.close();
  }
});
