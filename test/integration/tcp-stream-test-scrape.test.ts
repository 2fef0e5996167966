// "Test scrape" of a tcp-stream target (the target editor's preview): Engine.testScrape listens
// to a metrics-exporter-tcp server written from the proto for a bounded time and returns the
// counters, gauges and histogram (buckets or summary quantiles) one commit would store, with the
// target labels; refused connections, garbage, a 2 GB length prefix and a silent server end the
// test with a clear error naming the endpoint, and nothing is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { testTcpStream } from '../../electron/engine/sources/tcp-stream-test';
import { systemClock } from '../../electron/engine/scrape/clock';
import type { TargetSpec } from '../../electron/engine/scrape/target-spec';
import { defaultTargetInput, type TargetInput, type TestScrapeResult } from '../../shared/api';
import { tcpTestListenMs } from '../../shared/tcp-stream-listen';
import { startMetricsTcpServer, type MetricsTcpServer } from '../helpers/metrics-tcp-server';
import { tempDir } from '../helpers/tmp';

const streamInput = (address: string, extra: Partial<TargetInput> = {}): TargetInput => ({
  ...defaultTargetInput,
  kind: 'tcp-stream',
  tcp: { histogram: 'buckets', buckets: [0.1, 0.5, 1] },
  url: `tcp://${address}`,
  job: 'app',
  labels: { env: 'dev' },
  intervalMs: 60_000,
  timeoutMs: 800,
  ...extra,
});

const specOf = (input: TargetInput): TargetSpec => ({
  id: 'test',
  source: 'ui',
  paused: false,
  input,
  caFile: null,
  bodySizeLimitBytes: 0,
  sampleLimit: 0,
  instance: new URL(input.url).host,
});

/** name{labels} = value of every sample, target labels included. */
function rows(r: TestScrapeResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of r.samples) {
    const { __name__: name, ...rest } = s.labels;
    const ls = Object.entries(rest)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    out.set(`${name}{${ls}}`, s.value);
  }
  return out;
}

async function withServer(fn: (s: MetricsTcpServer) => Promise<void>): Promise<void> {
  const server = await startMetricsTcpServer();
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

test('Engine.testScrape of a tcp stream: counters, gauges, histogram buckets with target labels', async () => {
  const dir = tempDir();
  const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined, autoStart: false });
  try {
    await withServer(async (server) => {
      server.register('requests', 'counter', 'count', 'Requests served.');
      server.register('queue.depth', 'gauge');
      server.register('latency', 'histogram', 'seconds');
      const pending = engine.testScrape(streamInput(server.address));
      await server.waitForClient();
      server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 2 });
      server.record('requests', { path: '/a' }, { op: 'increment_counter', value: 3 });
      server.record('requests', { path: '/b', job: 'inner' }, { op: 'set_counter', value: 40 });
      server.record('queue.depth', {}, { op: 'set_gauge', value: 10 });
      server.record('queue.depth', {}, { op: 'decrement_gauge', value: 0.5 });
      for (const v of [0.05, 0.2, 0.7, 3]) server.record('latency', {}, { op: 'record_histogram', value: v });
      const r = await pending;

      assert.equal(r.error, null);
      assert.equal(r.ok, true);
      assert.ok(r.bytes > 0);
      const i = `env="dev",instance="${server.address}",job="app"`;
      const got = rows(r);
      assert.deepEqual(
        got,
        new Map([
          [`requests{${i},path="/a"}`, 5],
          // A label clashing with a target label moves to exported_job, as stored scrapes do.
          [`requests{${i.replace('env="dev",', 'env="dev",exported_job="inner",')},path="/b"}`, 40],
          [`queue_depth{${i}}`, 9.5],
          [`latency_bucket{${i},le="0.1"}`, 1],
          [`latency_bucket{${i},le="0.5"}`, 2],
          [`latency_bucket{${i},le="1.0"}`, 3],
          [`latency_bucket{${i},le="+Inf"}`, 4],
          [`latency_sum{${i}}`, 3.95],
          [`latency_count{${i}}`, 4],
        ]),
      );
      assert.equal(r.totalSamples, 9);
      assert.ok(r.samples.every((s) => s.timestampMs === null));
      // Listened for the window (timeout 800ms < 2 s), not longer.
      assert.ok(r.durationMs >= 700 && r.durationMs < 2000, `took ${r.durationMs} ms`);
      // Written nowhere.
      const stored = engine.query.instant('count(requests)', Date.now());
      assert.ok(stored.resultType === 'vector' && stored.result.length === 0);
    });
  } finally {
    await engine.close();
    dir.remove();
  }
});

test('summary mode: quantiles of the records in the window', async () => {
  await withServer(async (server) => {
    server.register('latency', 'histogram');
    const input = streamInput(server.address, { tcp: { histogram: 'summary', quantiles: [0.5, 0.9] } });
    const pending = testTcpStream(specOf(input), systemClock, { listenMs: 400 });
    await server.waitForClient();
    for (let v = 1; v <= 10; v++)
      server.record('latency', { op: 'get' }, { op: 'record_histogram', value: v });
    const r = await pending;
    assert.equal(r.error, null);
    const i = `env="dev",instance="${server.address}",job="app",op="get"`;
    const got = rows(r);
    assert.equal(got.get(`latency{${i},quantile="0.5"}`), 5);
    assert.equal(got.get(`latency{${i},quantile="0.9"}`), 9);
    assert.equal(got.get(`latency_count{${i}}`), 10);
    assert.equal(got.get(`latency_sum{${i}}`), 55);
  });
});

test('the window is the target timeout or 2 s, whichever is shorter', () => {
  assert.equal(tcpTestListenMs(10_000), 2000);
  assert.equal(tcpTestListenMs(500), 500);
});

test('a refused connection fails at once with a clear error', async () => {
  const server = await startMetricsTcpServer();
  const address = server.address;
  await server.close();
  const r = await testTcpStream(specOf(streamInput(address)), systemClock, { listenMs: 2000 });
  assert.equal(r.ok, false);
  assert.equal(r.error, `connection refused by ${address}`);
  assert.ok(r.durationMs < 1000);
  assert.equal(r.totalSamples, 0);
});

test('garbage from the server fails the test with the decoder error', async () => {
  await withServer(async (server) => {
    server.register('requests', 'counter');
    const pending = testTcpStream(specOf(streamInput(server.address)), systemClock, { listenMs: 2000 });
    await server.waitForClient();
    server.record('requests', {}, { op: 'increment_counter', value: 1 });
    server.sendRaw(Buffer.from('\x0a\x05\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'));
    const r = await pending;
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', new RegExp(`^bad data from ${server.address}: `));
    assert.ok(r.durationMs < 1500, 'ends at the bad frame, not at the end of the window');
    // What arrived before the garbage is still shown.
    assert.equal(rows(r).get(`requests{env="dev",instance="${server.address}",job="app"}`), 1);
  });
});

test('a 2 GB length prefix is refused before buffering', async () => {
  await withServer(async (server) => {
    const pending = testTcpStream(specOf(streamInput(server.address)), systemClock, { listenMs: 2000 });
    await server.waitForClient();
    server.sendRaw(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08));
    const r = await pending;
    assert.equal(r.ok, false);
    assert.match(
      r.error ?? '',
      new RegExp(`^bad data from ${server.address}: frame length prefix 2147483648 bytes exceeds the limit`),
    );
    assert.equal(r.bytes, 5);
  });
});

test('a silent server: no data within the window', async () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  try {
    const r = await testTcpStream(specOf(streamInput(address)), systemClock, { listenMs: 300 });
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', new RegExp(`^no data from ${address} within 0.3 s`));
    assert.ok(r.durationMs >= 250);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  }
});

test('metadata but no recorded metrics: says so', async () => {
  await withServer(async (server) => {
    server.register('requests', 'counter');
    server.register('latency', 'histogram');
    const r = await testTcpStream(specOf(streamInput(server.address)), systemClock, { listenMs: 300 });
    assert.equal(r.ok, false);
    assert.match(
      r.error ?? '',
      /^no metrics from .* within 0.3 s: 2 metadata events, but nothing was recorded/,
    );
  });
});

test('a server that closes the connection early', async () => {
  const closing = net.createServer((s) => s.end());
  await new Promise<void>((r) => closing.listen(0, '127.0.0.1', r));
  const address = `127.0.0.1:${(closing.address() as AddressInfo).port}`;
  try {
    const r = await testTcpStream(specOf(streamInput(address)), systemClock, { listenMs: 2000 });
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', new RegExp(`^connection closed by ${address} after`));
  } finally {
    await new Promise((r) => closing.close(r));
  }
});
