import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RemoteWriteReceiver, type RemoteWriteReply } from '../../../electron/engine/remote-write/receiver';
import type { Appender } from '../../../electron/engine/store/types';
import { openStore, type SeriesStore } from '../../../electron/engine/store/open-store';
import { encodeWriteRequest, type TestSeries } from '../../helpers/proto-write';
import { snappyEncode } from '../../helpers/snappy-encode';
import { tempDir } from '../../helpers/tmp';

async function withStore(fn: (store: SeriesStore, rx: RemoteWriteReceiver) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    await fn(store, new RemoteWriteReceiver());
  } finally {
    store.close();
    dir.remove();
  }
}

/** One request: its reply, and the samples committed for it (all slices together). */
async function receive(
  rx: RemoteWriteReceiver,
  body: Uint8Array | null,
  encoding: string | null,
  appender: () => Appender,
): Promise<{ reply: RemoteWriteReply; committed: number }> {
  let committed = 0;
  const reply = await rx.receive(body, encoding, appender, (c) => (committed += c.length));
  return { reply, committed };
}

const body = (series: TestSeries[]) => snappyEncode(encodeWriteRequest(series));

function dump(store: SeriesStore) {
  return store
    .select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)
    .map((s) => ({ labels: s.labels, t: [...s.t], v: [...s.v], stale: s.stale ? [...s.stale] : [] }));
}

test('stores samples in one commit and answers 204; StaleNaN becomes a staleness marker', async () => {
  await withStore(async (store, rx) => {
    const r = await receive(
      rx,
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
    assert.equal(r.committed, 3);
    const got = dump(store);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].labels, { __name__: 'm', instance: 'h:1', job: 'j' });
    assert.deepEqual(got[0].t, [1000, 2000, 3000]);
    assert.deepEqual(got[0].stale, [0, 0, 1]);
    assert.equal(rx.counters.samples, 3);
    assert.equal(rx.counters.staleMarkers, 1);
  });
});

test('out-of-order and duplicate samples are dropped and counted, the request still succeeds', async () => {
  await withStore(async (store, rx) => {
    const labels: [string, string][] = [['__name__', 'm']];
    assert.equal(
      (await receive(rx, body([{ labels, samples: [{ t: 5000, v: 5 }] }]), null, () => store.appender()))
        .reply.status,
      204,
    );
    const r = await receive(
      rx,
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

test('invalid labels reject the whole request with 400 and store nothing', async () => {
  await withStore(async (store, rx) => {
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
      const r = await receive(rx, body([good, bad]), 'snappy', () => store.appender());
      assert.equal(r.reply.status, 400);
      assert.match(r.reply.message, re);
    }
    assert.equal(dump(store).length, 0);
    assert.equal(rx.rejected.get('labels'), 4);
  });
});

test('native histograms are skipped and counted; encodings other than snappy are refused', async () => {
  await withStore(async (store, rx) => {
    const r = await receive(
      rx,
      body([{ labels: [['__name__', 'h']], samples: [], histograms: 3 }]),
      'snappy',
      () => store.appender(),
    );
    assert.equal(r.reply.status, 204);
    assert.equal(rx.counters.histograms, 3);
    assert.equal((await receive(rx, body([]), 'gzip', () => store.appender())).reply.status, 400);
    assert.equal((await receive(rx, null, 'snappy', () => store.appender())).reply.status, 413);
  });
});

test('a store failure is a 500 (retryable)', async () => {
  await withStore(async (store, rx) => {
    const r = await receive(
      rx,
      body([{ labels: [['__name__', 'm']], samples: [{ t: 1, v: 1 }] }]),
      'snappy',
      () => {
        const app = store.appender();
        app.commit = () => {
          throw new Error('disk full');
        };
        return app;
      },
    );
    assert.equal(r.reply.status, 500);
    assert.match(r.reply.message, /disk full/);
  });
});

/** n series `sliced{i="<i>"}`, each with samples at t = 1000, 2000, ... (perSeries of them). */
function manySeries(n: number, perSeries = 1, name = 'sliced'): TestSeries[] {
  return Array.from({ length: n }, (_, i) => ({
    labels: [
      ['__name__', name],
      ['i', String(i)],
    ] as [string, string][],
    samples: Array.from({ length: perSeries }, (_, k) => ({ t: (k + 1) * 1000, v: i })),
  }));
}

test('a big request is stored in slices, one commit each, the thread yielded between them; 204 after the last', async () => {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    const commits: number[] = [];
    let yields = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const rx = new RemoteWriteReceiver({
      sliceSamples: 30,
      yieldThread: () => {
        yields++;
        return new Promise((r) => setTimeout(r, 2));
      },
    });
    let settled = false;
    const pending = rx
      .receive(
        body(manySeries(100, 3)),
        'snappy',
        () => store.appender(),
        (c) => commits.push(c.length),
      )
      .finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(settled, false, 'not acknowledged before everything is stored');
    const reply = await pending;
    clearInterval(ticker);
    assert.equal(reply.status, 204);
    assert.deepEqual(commits, [...Array(10).fill(30)], '300 samples in slices of 30 (whole series)');
    assert.ok(yields >= 10, `${yields} yields`);
    assert.ok(ticks >= 5, `timers ran during the request (${ticks} ticks)`);
    const stored = dump(store);
    assert.equal(stored.length, 100);
    assert.ok(stored.every((s) => s.t.length === 3 && s.v[0] === Number(s.labels.i)));
    assert.equal(rx.counters.samples, 300);
  } finally {
    store.close();
    dir.remove();
  }
});

test('a bad series at the end of a big request stores nothing from the slices before it', async () => {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    const rx = new RemoteWriteReceiver({ sliceSamples: 10 });
    const series = manySeries(500);
    series.push({ labels: [['__name__', 'bad name']], samples: [{ t: 1, v: 1 }] });
    let commits = 0;
    const reply = await rx.receive(
      body(series),
      'snappy',
      () => store.appender(),
      () => commits++,
    );
    assert.equal(reply.status, 400);
    assert.match(reply.message, /invalid metric name "bad name"/);
    assert.equal(commits, 0);
    assert.equal(dump(store).length, 0);
    // Truncated protobuf at the very end: also refused before any slice is stored.
    const whole = encodeWriteRequest(manySeries(500));
    const cut = await rx.receive(
      snappyEncode(whole.subarray(0, whole.length - 3)),
      'snappy',
      () => store.appender(),
      () => commits++,
    );
    assert.equal(cut.status, 400);
    assert.match(cut.message, /not a prometheus\.WriteRequest: protobuf: /);
    assert.equal(commits, 0);
    assert.equal(dump(store).length, 0);
  } finally {
    store.close();
    dir.remove();
  }
});

test('a store failure mid-request is a 500 saying what was stored; the retry completes it, repeats are no-ops', async () => {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    const rx = new RemoteWriteReceiver({ sliceSamples: 10 });
    const req = body(manySeries(50));
    let commits = 0;
    const failThird = () => {
      const app = store.appender();
      const commit = app.commit.bind(app);
      app.commit = () => {
        if (++commits === 3) throw new Error('disk I/O error');
        return commit();
      };
      return app;
    };
    const first = await rx.receive(req, 'snappy', failThird, () => {});
    assert.equal(first.status, 500);
    assert.match(
      first.message,
      /storing the samples failed \(20 series of the request were stored\): disk I\/O error/,
    );
    assert.equal(dump(store).length, 20);
    assert.equal(rx.rejected.get('store'), 1);
    const retry = await rx.receive(
      req,
      'snappy',
      () => store.appender(),
      () => {},
    );
    assert.equal(retry.status, 204);
    assert.equal(dump(store).length, 50);
    // Identical repeats of the 20 stored before are no-ops, as in Prometheus: not counted, not stored.
    assert.equal(rx.counters.duplicates, 0);
    assert.equal(rx.counters.samples, 50);
    assert.ok(dump(store).every((s) => s.t.length === 1));
  } finally {
    store.close();
    dir.remove();
  }
});

test('fuzz: garbage and mutated bodies never throw, answer 400/413, and leave stored data as it was', async () => {
  await withStore(async (store, rx) => {
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
    assert.equal(
      (await receive(rx, snappyEncode(valid), 'snappy', () => store.appender())).reply.status,
      204,
    );
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
      const r = await receive(rx, b, 'snappy', () => store.appender());
      assert.ok([204, 400, 413].includes(r.reply.status), `status ${r.reply.status}`);
      if (r.reply.status !== 204) assert.equal(r.committed, 0);
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
