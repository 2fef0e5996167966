// metric_relabel_configs in the scrape path, as Prometheus 2.42's scrape loop applies them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TargetSeriesState, type IngestOptions } from '../../../electron/engine/scrape/ingest';
import { checkRelabelRule, type RelabelFields } from '../../../electron/engine/relabel/check-rule';
import { openTempStore } from '../../helpers/app-store';

const enc = (s: string) => new TextEncoder().encode(s);
const BODY = 'a{x="1"} 1\na{x="2"} 2\nb{id="/k/abc"} 3\nc 4\n';

function setup(rules: RelabelFields[], over: Partial<IngestOptions> = {}) {
  const store = openTempStore();
  const st = new TargetSeriesState();
  const opts: IngestOptions = {
    targetLabels: { job: 'j', instance: 'h:1' },
    honorLabels: false,
    honorTimestamps: true,
    sampleLimit: 0,
    metricRelabel: rules.map((r) => checkRelabelRule(r)),
    ...over,
  };
  const scrape = (t: number, body = BODY) => {
    const app = store.appender();
    const r = st.ingest(app, enc(body), 'text/plain', t, opts);
    app.commit();
    return r;
  };
  const stored = () =>
    store
      .select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)
      .map((s) => JSON.stringify(Object.entries(s.labels).sort()))
      .sort();
  return { store, scrape, stored };
}

test('dropped series are not stored nor counted as added, on every scrape (the drop is remembered)', () => {
  const { store, scrape, stored } = setup([
    { action: 'drop', source_labels: ['__name__', 'x'], regex: 'a;2' },
    { source_labels: ['id'], regex: '/k/(.*)', target_label: 'pod' },
    { action: 'labeldrop', regex: 'id' },
  ]);
  try {
    for (const t of [1000, 2000]) {
      const r = scrape(t);
      assert.deepEqual([r.total, r.added, r.error], [4, 3, null]);
    }
    assert.deepEqual(stored(), [
      '[["__name__","a"],["instance","h:1"],["job","j"],["x","1"]]',
      '[["__name__","b"],["instance","h:1"],["job","j"],["pod","abc"]]',
      '[["__name__","c"],["instance","h:1"],["job","j"]]',
    ]);
  } finally {
    store.close();
  }
});

test('a series left without __name__ fails the whole scrape; one left with no labels is dropped', () => {
  const noName = setup([
    { source_labels: ['__name__'], regex: 'c', target_label: '__name__', replacement: '' },
  ]);
  try {
    const r = noName.scrape(1000);
    assert.equal(r.error, 'missing metric name (__name__ label)');
    assert.deepEqual(noName.stored(), [], 'nothing of the scrape is kept');
  } finally {
    noName.store.close();
  }
  const empty = setup([{ action: 'labelkeep', regex: 'nothing' }]);
  try {
    const r = empty.scrape(1000);
    assert.deepEqual([r.total, r.added, r.error], [4, 0, null]);
  } finally {
    empty.store.close();
  }
  // labelmap of "x" through x(.*) makes a label with an empty name: invalid, the scrape fails.
  const bad = setup([{ action: 'labelmap', regex: 'x(.*)', replacement: '$1' }]);
  try {
    assert.equal(
      bad.scrape(1000).error,
      'invalid metric name or label names: {="1", __name__="a", instance="h:1", job="j", x="1"}',
    );
  } finally {
    bad.store.close();
  }
});

test('sample_limit counts what is left after metric relabeling, as Prometheus does', () => {
  const { store, scrape } = setup([{ action: 'keep', source_labels: ['__name__'], regex: 'a' }], {
    sampleLimit: 2,
  });
  try {
    assert.deepEqual(
      [scrape(1000).error, scrape(2000, BODY + 'a{x="3"} 5\n').error],
      [null, 'sample limit exceeded: more than 2 samples'],
    );
  } finally {
    store.close();
  }
});
