import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteWriteSender } from '../../../electron/engine/remote-write/sender';
import { checkRelabelRule } from '../../../electron/engine/relabel/check-rule';
import { tempDir } from '../../helpers/tmp';
import { batch, config, received, sample, startReceiver, until } from './test-receiver';

test('sends snappy WriteRequests with the remote-write headers, auth and write relabeling', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const s = new RemoteWriteSender(
    config(rec.url, {
      basicAuth: { username: 'u', password: 'p' },
      writeRelabel: [
        checkRelabelRule({ action: 'drop', source_labels: ['__name__'], regex: 'go_.*' }),
        // Every action of 2.42 works here, not only keep and drop.
        checkRelabelRule({
          source_labels: ['site', 'job'],
          target_label: 'where',
          replacement: '$1/$2',
          regex: '(.*);(.*)',
        }),
        checkRelabelRule({ action: 'uppercase', source_labels: ['job'], target_label: 'job' }),
        checkRelabelRule({ action: 'labeldrop', regex: 'site' }),
      ],
    }),
    { dataDir: dir.path, externalLabels: { site: 'lab' }, log: () => {} },
  );
  try {
    s.start();
    s.enqueue(batch([sample('up', 1), sample('go_x', 1), sample('up', 2)]));
    await until('2 samples', () => received(rec).length === 2);
    const h = rec.requests[0].headers;
    assert.equal(h['content-encoding'], 'snappy');
    assert.equal(h['content-type'], 'application/x-protobuf');
    assert.equal(h['x-prometheus-remote-write-version'], '0.1.0');
    assert.match(String(h['user-agent']), /^Promdesk\//);
    assert.equal(h.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
    assert.deepEqual(received(rec), [
      ['up', 1, 1],
      ['up', 2, 2],
    ]);
    assert.deepEqual(rec.requests[0].labels[0], ['__name__', 'up', 'job', 'J', 'where', 'lab/j']);
    await until('sent counted', () => s.metrics.samplesSent === 2 && s.queue.stats.samples === 0);
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});

test('5xx and 429 (retry_on_http_429) retry with growing, capped backoff and lose nothing; 4xx drops the batch', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const cfg = config(rec.url, { bearerToken: 't' });
  cfg.queue.retryOnHttp429 = true;
  const s = new RemoteWriteSender(cfg, {
    dataDir: dir.path,
    log: () => {},
  });
  try {
    rec.status = (n) => (n <= 4 ? (n === 2 ? 429 : 503) : 200);
    s.start();
    s.enqueue(batch([sample('a', 1), sample('a', 2)]));
    await until('delivery after retries', () => received(rec).length === 2);
    assert.equal(rec.requests[0].headers.authorization, 'Bearer t');
    assert.equal(s.metrics.samplesRetried, 8);
    const gaps = rec.requests.slice(1, 5).map((r, i) => r.at - rec.requests[i].at);
    assert.ok(gaps[0] >= 15 && gaps[1] >= 35 && gaps[2] >= 70 && gaps[3] >= 70, `gaps ${gaps.join(',')}`);
    assert.ok(gaps[3] < 400, `backoff capped: ${gaps.join(',')}`);

    const before = rec.requests.length;
    rec.status = (n) => (n === before + 1 ? 400 : 200);
    s.enqueue(batch([sample('b', 1)]));
    await until('4xx seen', () => s.metrics.samplesFailed === 1);
    s.enqueue(batch([sample('b', 2)]));
    await until('next batch delivered', () => received(rec).some(([n, t]) => n === 'b' && t === 2));
    assert.equal(rec.requests.length, before + 2, 'the 400 batch is not retried');
    assert.ok(!received(rec).some(([n, t]) => n === 'b' && t === 1));
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});

test('queued samples survive closing the sender while the receiver is down; batches keep order', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  rec.status = () => 503;
  const cfg = config(rec.url, {
    queue: { ...config('').queue, maxShards: 3, maxSamplesPerSend: 7 },
  });
  let s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {} });
  try {
    s.start();
    for (let t = 1; t <= 20; t++) s.enqueue(batch(['a', 'bb', 'ccc', 'dddd'].map((n) => sample(n, t))));
    await until('some failed sends', () => rec.requests.length >= 2);
    await s.close();
    assert.equal(s.queue.stats.samples, 80);
    rec.status = () => 200;
    s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {} });
    assert.equal(s.queue.stats.samples, 80);
    s.start();
    // At least once: a send whose answer is lost (timeout under load) may repeat a batch.
    await until('queue drained', () => s.queue.stats.samples === 0).catch((e: Error) => {
      const got = received(rec).length;
      throw new Error(`${e.message}: got ${got}, queued ${JSON.stringify(s.queue.stats)}`);
    });
    assert.ok(received(rec).length >= 80);
    assert.ok(rec.requests.filter((r) => r.status === 200).every((r) => r.samples.length <= 7));
    for (const n of ['a', 'bb', 'ccc', 'dddd']) {
      const ts = [
        ...new Set(
          received(rec)
            .filter(([m]) => m === n)
            .map(([, t]) => t),
        ),
      ];
      assert.deepEqual(
        ts,
        Array.from({ length: 20 }, (_, i) => i + 1),
        `order of ${n}`,
      );
    }
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});
