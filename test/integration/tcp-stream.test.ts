// tcp-stream targets end to end: a metrics-exporter-tcp server written from the proto (metadata
// first, then metrics) feeds counters, gauges and histograms that read back through PromQL and
// /api/v1/query-style instant queries; garbage and a 2 GB length prefix close the connection with
// a clear error on the target (up = 0, counted), the target reconnects, and the stored data and
// the engine are unharmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../electron/engine/engine';
import { defaultTargetInput } from '../../shared/api';
import { startMetricsTcpServer } from '../helpers/metrics-tcp-server';
import { tempDir } from '../helpers/tmp';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test(
  'a metrics-exporter-tcp stream becomes counters, gauges and histograms',
  { timeout: 30_000 },
  async () => {
    const dir = tempDir();
    const server = await startMetricsTcpServer();
    const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined, autoStart: false });
    const value = (q: string): number | undefined => {
      const r = engine.query.instant(q, Date.now());
      return r.resultType === 'vector' ? r.result[0]?.v : undefined;
    };
    try {
      server.register('requests', 'counter', 'count', 'Requests served.');
      server.register('queue.depth', 'gauge');
      server.register('latency', 'histogram', 'seconds', 'Request latency.');
      const view = engine.addTarget({
        ...defaultTargetInput,
        kind: 'tcp-stream',
        tcp: { histogram: 'buckets', buckets: [0.1, 0.5, 1] },
        url: `tcp://${server.address}`,
        job: 'app',
        intervalMs: 60_000,
      });
      assert.equal(view.targetLabels.instance, server.address);
      const loop = engine.streamLoop(view.id);
      assert.ok(loop);
      await loop.whenConnected();
      await server.waitForClient();

      server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 2 });
      server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 3 });
      server.record('requests', { path: '/b' }, { op: 'set_counter', value: 40 });
      server.record('queue.depth', {}, { op: 'set_gauge', value: 10 });
      server.record('queue.depth', {}, { op: 'increment_gauge', value: 2.5 });
      server.record('queue.depth', {}, { op: 'decrement_gauge', value: 0.5 });
      for (const v of [0.05, 0.2, 0.7, 3]) server.record('latency', {}, { op: 'record_histogram', value: v });
      // 3 metadata + 10 metrics
      await until('events', async () => {
        await engine.scrapeNow(view.id);
        return value('promdesk_stream_events_total{job="app"}') === 13;
      });
      assert.equal(value('requests{path="/a"}'), 5);
      assert.equal(value('requests{path="/b"}'), 40);
      assert.equal(value('queue_depth{job="app",instance="' + server.address + '"}'), 12);
      assert.equal(value('latency_bucket{le="0.5"}'), 2);
      assert.equal(value('latency_bucket{le="+Inf"}'), 4);
      assert.equal(value('latency_count'), 4);
      assert.equal(value('latency_sum'), 3.95);
      assert.ok(Math.abs((value('histogram_quantile(0.5, latency_bucket)') ?? NaN) - 0.5) < 1e-9);
      assert.equal(value('up{job="app"}'), 1);
      const meta = new Map(engine.metadata.list());
      assert.equal(meta.get('latency')?.[0].type, 'histogram');
      assert.equal(meta.get('requests')?.[0].help, 'Requests served.');
      assert.equal(engine.listTargets().find((t) => t.id === view.id)?.health, 'up');

      // Garbage: the connection is closed with a clear error, the target is down, then reconnects.
      server.sendRaw(Buffer.from('\x0a\x05\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'));
      await until('disconnect', () => !loop.isConnected);
      const down = await engine.scrapeNow(view.id);
      assert.equal(down.up, false);
      assert.match(down.error ?? '', /bad data from 127\.0\.0\.1:\d+/);
      assert.match(engine.listTargets().find((t) => t.id === view.id)?.lastError ?? '', /bad data/);
      assert.equal(value('up{job="app"}'), 0);
      assert.equal(value('requests{path="/a"}'), undefined, 'series of a down target are stale');
      assert.equal(loop.stats.protocolErrors, 1);

      await loop.whenConnected();
      await server.waitForClient();
      server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 1 });
      await until('reconnected data', async () => {
        await engine.scrapeNow(view.id);
        return value('requests{path="/a"}') === 6;
      });
      assert.equal(value('up{job="app"}'), 1);

      // A 2 GB length prefix: refused before buffering anything.
      server.sendRaw(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08));
      await until('disconnect', () => !loop.isConnected);
      const huge = await engine.scrapeNow(view.id);
      assert.match(huge.error ?? '', /length prefix 2147483648 bytes exceeds the limit/);
      assert.equal(loop.stats.protocolErrors, 2);

      // Stored data is intact, and the engine still answers.
      assert.equal(value('max_over_time(requests{path="/a"}[1h])'), 6);
      assert.equal(value('max_over_time(latency_count[1h])'), 4);
      await loop.whenConnected();
      await engine.removeTarget(view.id);
      await until('client gone', () => server.clients === 0);
    } finally {
      await engine.close();
      await server.close();
      dir.remove();
    }
  },
);

test('a tcp-stream target whose server refuses is down and keeps retrying', { timeout: 10_000 }, async () => {
  const dir = tempDir();
  const server = await startMetricsTcpServer();
  const address = server.address;
  await server.close();
  const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined, autoStart: false });
  try {
    const view = engine.addTarget({
      ...defaultTargetInput,
      kind: 'tcp-stream',
      tcp: { histogram: 'summary' },
      url: `tcp://${address}`,
      job: 'gone',
      intervalMs: 60_000,
    });
    const loop = engine.streamLoop(view.id);
    await until('a refused connection', () => (loop?.stats.connectionErrors ?? 0) >= 2);
    const o = await engine.scrapeNow(view.id);
    assert.equal(o.up, false);
    assert.match(o.error ?? '', /connection refused/);
  } finally {
    await engine.close();
    dir.remove();
  }
});
