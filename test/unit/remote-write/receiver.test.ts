import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RemoteWriteReceiver } from '../../../electron/engine/remote-write/receiver';
import { openStore, type SeriesStore } from '../../../electron/engine/store/open-store';
import { encodeWriteRequest, type TestSeries } from '../../helpers/proto-write';
import { snappyEncode } from '../../helpers/snappy-encode';
import { tempDir } from '../../helpers/tmp';

function withStore(fn: (store: SeriesStore, rx: RemoteWriteReceiver) => void): void {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    fn(store, new RemoteWriteReceiver());
  } finally {
    store.close();
    dir.remove();
  }
}

const body = (series: TestSeries[]) => snappyEncode(encodeWriteRequest(series));

function dump(store: SeriesStore) {
  return store
    .select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)
    .map((s) => ({ labels: s.labels, t: [...s.t], v: [...s.v], stale: s.stale ? [...s.stale] : [] }));
}

test('stores samples in one commit and answers 204; StaleNaN becomes a staleness marker', () => {
  withStore((store, rx) => {
    const r = rx.receive(
      body([
        {
          labels: [
            ['job', 'j'],
            ['__name__', 'm'],
            ['instance', 'h:1'],
            ['empty', ''],
          ],
          samples: [
            { t: 1000, v: 1 },
            { t: 2000, v: 2 },
            { t: 3000, staleBits: true },
          ],
        },
      ]),
      'snappy',
      () => store.appender(),
    );
    assert.equal(r.reply.status, 204);
    assert.equal(r.committed.length, 3);
    const got = dump(store);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].labels, { __name__: 'm', instance: 'h:1', job: 'j' });
    assert.deepEqual(got[0].t, [1000, 2000, 3000]);
    assert.deepEqual(got[0].stale, [0, 0, 1]);
    assert.equal(rx.counters.samples, 3);
    assert.equal(rx.counters.staleMarkers, 1);
  });
});

test('out-of-order and duplicate samples are dropped and counted, the request still succeeds', () => {
  withStore((store, rx) => {
    const labels: [string, string][] = [['__name__', 'm']];
    assert.equal(
      rx.receive(body([{ labels, samples: [{ t: 5000, v: 5 }] }]), null, () => store.appender()).reply.status,
      204,
    );
    const r = rx.receive(
      body([
        {
          labels,
          samples: [
            { t: 4000, v: 4 },
            { t: 5000, v: 6 },
            { t: 6000, v: 7 },
          ],
        },
      ]),
      'snappy',
      () => store.appender(),
    );
    assert.equal(r.reply.status, 204);
    assert.equal(rx.counters.outOfOrder, 1);
    assert.equal(rx.counters.duplicates, 1);
    assert.deepEqual(dump(store)[0].v, [5, 7]);
    assert.match(
      rx.renderMetrics(),
      /promdesk_remote_write_samples_dropped_total\{reason="out_of_order"\} 1/,
    );
  });
});

test('invalid labels reject the whole request with 400 and store nothing', () => {
  withStore((store, rx) => {
    const good: TestSeries = { labels: [['__name__', 'ok']], samples: [{ t: 1, v: 1 }] };
    const cases: [TestSeries, RegExp][] = [
      [{ labels: [['job', 'x']], samples: [{ t: 1, v: 1 }] }, /missing metric name/],
      [{ labels: [['__name__', '1bad']], samples: [{ t: 1, v: 1 }] }, /invalid metric name/],
      [
        {
          labels: [
            ['__name__', 'm'],
            ['bad-name', 'x'],
          ],
          samples: [{ t: 1, v: 1 }],
        },
        /invalid label name "bad-name"/,
      ],
      [
        {
          labels: [
            ['__name__', 'm'],
            ['a', '1'],
            ['a', '2'],
          ],
          samples: [{ t: 1, v: 1 }],
        },
        /duplicate label name "a"/,
      ],
    ];
    for (const [bad, re] of cases) {
      const r = rx.receive(body([good, bad]), 'snappy', () => store.appender());
      assert.equal(r.reply.status, 400);
      assert.match(r.reply.message, re);
    }
    assert.equal(dump(store).length, 0);
    assert.equal(rx.rejected.get('labels'), 4);
  });
});

test('native histograms are skipped and counted; encodings other than snappy are refused', () => {
  withStore((store, rx) => {
    const r = rx.receive(body([{ labels: [['__name__', 'h']], samples: [], histograms: 3 }]), 'snappy', () =>
      store.appender(),
    );
    assert.equal(r.reply.status, 204);
    assert.equal(rx.counters.histograms, 3);
    assert.equal(rx.receive(body([]), 'gzip', () => store.appender()).reply.status, 400);
    assert.equal(rx.receive(null, 'snappy', () => store.appender()).reply.status, 413);
  });
});

test('a store failure is a 500 (retryable)', () => {
  withStore((store, rx) => {
    const r = rx.receive(body([{ labels: [['__name__', 'm']], samples: [{ t: 1, v: 1 }] }]), 'snappy', () => {
      const app = store.appender();
      app.commit = () => {
        throw new Error('disk full');
      };
      return app;
    });
    assert.equal(r.reply.status, 500);
    assert.match(r.reply.message, /disk full/);
  });
});

test('fuzz: garbage and mutated bodies never throw, answer 400/413, and leave stored data as it was', () => {
  withStore((store, rx) => {
    const valid = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'keep'],
          ['job', 'j'],
        ],
        samples: [
          { t: 1000, v: 1 },
          { t: 2000, v: 2 },
        ],
      },
    ]);
    assert.equal(rx.receive(snappyEncode(valid), 'snappy', () => store.appender()).reply.status, 204);
    const before = JSON.stringify(dump(store));
    let seed = 12345;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 3000; i++) {
      let b: Uint8Array;
      if (i % 3 === 0) b = randomBytes(rnd(200));
      else if (i % 3 === 1) {
        // A valid protobuf mutated, then properly compressed: exercises the protobuf reader.
        const m = Uint8Array.from(valid);
        for (let k = 0; k < 1 + rnd(4); k++) m[rnd(m.length)] = rnd(256);
        b = snappyEncode(m.subarray(0, rnd(m.length + 1)));
      } else {
        const m = Uint8Array.from(snappyEncode(valid));
        m[rnd(m.length)] = rnd(256);
        b = m;
      }
      const r = rx.receive(b, 'snappy', () => store.appender());
      assert.ok([204, 400, 413].includes(r.reply.status), `status ${r.reply.status}`);
      if (r.reply.status !== 204) assert.equal(r.committed.length, 0);
    }
    // Mutations that still decode may add series or later samples; the stored ones stay as they were.
    const kept = dump(store).find((s) => s.labels.__name__ === 'keep' && s.labels.job === 'j');
    assert.ok(kept);
    assert.deepEqual(
      { labels: kept.labels, t: kept.t.slice(0, 2), v: kept.v.slice(0, 2), stale: kept.stale.slice(0, 2) },
      JSON.parse(before)[0],
    );
  });
});
