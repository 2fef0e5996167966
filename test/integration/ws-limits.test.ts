// What one WebSocket client may hold on `promdesk serve`: subscriptions per session, calls in
// flight per connection, and bytes waiting for a client that stopped reading. Past each bound the
// client gets a clear refusal (or a close with a reason); the HTTP thread and the scrapes carry on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { PromdeskServer } from '../../electron/engine/http/server';
import { WorkerEngineLink } from '../../electron/engine/worker-link';
import { WsApiClient } from '../../renderer/src/ws-api';
import { defaultTargetInput, type ApiMessage } from '../../shared/api';
import { MAX_PENDING_CALLS, MAX_SUBSCRIPTIONS } from '../../shared/session-limits';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';
import { withServe } from '../helpers/in-process-serve';

// The renderer's client expects the browser's WebSocket; Node 20 has none, the ws package fits.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

type Reply = Extract<ApiMessage, { kind: 'reply' }>;

/** A raw client: sends frames without waiting, collects replies by id and events. */
async function rawClient(base: string) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const replies = new Map<number, Reply>();
  const order: number[] = [];
  let events = 0;
  const waiters: (() => void)[] = [];
  ws.on('message', (d: ArrayBuffer) => {
    const m = decodeFrame(d) as ApiMessage;
    if (m.kind === 'reply') {
      replies.set(m.id, m);
      order.push(m.id);
      for (const w of waiters.splice(0)) w();
    } else events++;
  });
  let nextId = 0;
  return {
    ws,
    replies,
    order,
    events: () => events,
    send(method: string, ...params: unknown[]): number {
      const id = ++nextId;
      ws.send(encodeFrame({ kind: 'request', id, method, params }));
      return id;
    },
    async waitFor(ids: number[], ms = 60_000): Promise<Reply[]> {
      const end = Date.now() + ms;
      while (!ids.every((id) => replies.has(id))) {
        if (Date.now() > end)
          throw new Error(`${ids.filter((id) => !replies.has(id)).length} replies missing`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
      return ids.map((id) => replies.get(id)!);
    },
    async call(method: string, ...params: unknown[]): Promise<Reply> {
      return (await this.waitFor([this.send(method, ...params)]))[0];
    },
  };
}

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const latencies = [];
let stop = false;
parentPort.once('message', () => (stop = true));
(async () => {
  while (!stop) {
    const t0 = performance.now();
    await (await fetch(workerData, { signal: AbortSignal.timeout(20000) })).text();
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  parentPort.postMessage(latencies);
})();
`;

const errorOf = (r: Reply) => (r.ok ? null : r.error);
const IN_FLIGHT = `subscribe: too many calls in flight on this connection (at most ${MAX_PENDING_CALLS}); wait for replies before sending more`;
const FULL = `subscribe: this session already has ${MAX_SUBSCRIPTIONS} subscriptions, the most it may hold; unsubscribe some first`;

// Needs the built CLI (npm run build), as npm test does.
test('20,000 subscribe calls on one socket: refused past the limits, /-/healthy prompt, scrapes on time', async () => {
  let n = 0;
  const exp: TestExporter = await startExporter(() => ({ kind: 'body', body: `ws_total{k="a"} ${++n}\n` }));
  const dir = tempDir();
  // A process of its own, as in use: the client's work here must not slow the server's thread.
  const serve = await startServeProcess(join(dir.path, 'data'));
  const base = serve.base;
  try {
    {
      const c = await rawClient(base);
      const add = await c.call('addTarget', {
        ...defaultTargetInput,
        url: exp.url,
        job: 'limits',
        intervalMs: 200,
        timeoutMs: 150,
      });
      assert.ok(add.ok, errorOf(add) ?? '');
      // /-/healthy timed every 50 ms from a thread of its own, so the flood sent from this one
      // does not count against the server.
      const probe = new Worker(PROBE, { eval: true, workerData: `${base}/-/healthy` });
      const scrapesBefore = exp.requests;
      const t0 = Date.now();
      const ids: number[] = [];
      for (let i = 0; i < 20_000; i++)
        ids.push(
          c.send('subscribe', { subscriptionId: `s${i}`, query: 'sum by (job) (rate(ws_total[1s]))' }),
        );
      const flood = await c.waitFor(ids);
      const floodMs = Date.now() - t0;
      // Then a client that waits for each reply, until the session is full.
      const more: Reply[] = [];
      for (let i = 0; i < MAX_SUBSCRIPTIONS + 20; i += 20) {
        const batch = [];
        for (let j = i; j < i + 20; j++)
          batch.push(c.send('subscribe', { subscriptionId: `w${j}`, query: `ws_total{k="${j}"}` }));
        more.push(...(await c.waitFor(batch)));
      }
      await new Promise((r) => setTimeout(r, 2000));
      const scrapesMs = Date.now() - t0;
      const scrapes = exp.requests - scrapesBefore;
      const latencies = await new Promise<number[]>((resolve) => {
        probe.once('message', resolve);
        probe.postMessage('stop');
      });
      await probe.terminate();

      // Subscribing is quick, so the flood meets both bounds: calls in flight, then a full session.
      const accepted = flood.filter((r) => r.ok).length;
      const tooMany = flood.filter((r) => errorOf(r) === IN_FLIGHT).length;
      const full = [...flood, ...more].filter((r) => errorOf(r) === FULL).length;
      assert.ok(tooMany > 0, 'the in-flight bound refused part of the flood');
      assert.equal(
        accepted + more.filter((r) => r.ok).length,
        MAX_SUBSCRIPTIONS,
        'the session holds at most 200',
      );
      assert.equal(tooMany + full, 20_000 + more.length - MAX_SUBSCRIPTIONS, 'every other call is refused');
      assert.ok(more.slice(-20).every((r) => errorOf(r) === FULL));
      // Replacing one, or freeing one, is still possible.
      const held = flood.findIndex((r) => r.ok);
      assert.ok((await c.call('subscribe', { subscriptionId: `s${held}`, query: 'ws_total' })).ok);
      assert.equal(errorOf(await c.call('subscribe', { subscriptionId: 'fresh', query: 'ws_total' })), FULL);
      assert.ok((await c.call('unsubscribe', `s${held}`)).ok);
      assert.ok((await c.call('subscribe', { subscriptionId: 'fresh', query: 'ws_total' })).ok);

      const worst = Math.max(...latencies);
      console.log(
        `flood of 20,000: answered in ${floodMs} ms; /-/healthy worst ${worst.toFixed(0)} ms over ` +
          `${latencies.length} probes; ${scrapes} scrapes in ${scrapesMs} ms at a 200 ms interval`,
      );
      assert.ok(worst < 3000, `/-/healthy took ${worst.toFixed(0)} ms`);
      assert.ok(scrapes >= (scrapesMs / 200) * 0.5, `${scrapes} scrapes in ${scrapesMs} ms`);
      c.ws.close();
    }
  } finally {
    assert.equal(await serve.stop(), 0);
    await exp.close();
    dir.remove();
  }
});

test('calls past the in-flight bound are refused at once, not queued behind slow ones', async () => {
  const hang = await startExporter({ kind: 'hang' });
  try {
    await withServe({ uiHtml: '' }, async (base) => {
      const c = await rawClient(base);
      const input = { ...defaultTargetInput, url: hang.url, job: 'slow', timeoutMs: 1500 };
      const ids = Array.from({ length: 100 }, () => c.send('testScrape', input));
      const replies = await c.waitFor(ids);
      const refused = replies.filter((r) => /^testScrape: too many calls in flight/.test(errorOf(r) ?? ''));
      assert.equal(refused.length, 100 - MAX_PENDING_CALLS);
      // The refusals came first, while the 64 accepted scrapes still hung.
      const firstSlow = c.order.findIndex((id) => !refused.some((r) => r.id === id));
      assert.equal(firstSlow, refused.length);
      // Once answered, the connection takes calls again.
      assert.ok((await c.call('info')).ok);
      c.ws.close();
    });
  } finally {
    await hang.close();
  }
});

test("the renderer's client keeps its calls within the bound: 300 at once all succeed", async () => {
  await withServe({ uiHtml: '' }, async (base) => {
    const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
    try {
      const api = client.api();
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => api.checkQuery(`up + ${i}`)));
      assert.deepEqual(new Set(results.map((r) => JSON.stringify(r))), new Set(['{"ok":true}']));
    } finally {
      client.close();
    }
  });
});

test('a client that stops reading is closed with a reason once its queue passes the bound', async () => {
  const dir = tempDir();
  mkdirSync(join(dir.path, 'ui'));
  writeFileSync(join(dir.path, 'ui', 'index.html'), '');
  const engine = await WorkerEngineLink.start(
    new URL('../../electron/engine/engine-worker.ts', import.meta.url),
    {
      dataDir: join(dir.path, 'data'),
      configFile: null,
      retention: {},
      query: {},
    },
  );
  const server = new PromdeskServer(engine, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(dir.path, 'ui'),
    token: null,
    maxBufferedBytes: 1024 * 1024,
  });
  try {
    const { port } = await server.listen();
    const base = `http://127.0.0.1:${port}`;
    const c = await rawClient(base);
    assert.ok((await c.call('subscribe', { subscriptionId: 'all', query: '{job="slow"}' })).ok);
    const closed = new Promise<[number, string]>((resolve) =>
      c.ws.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    // Stop reading: the kernel's buffers fill, then the server's.
    (c.ws as unknown as { _socket: Socket })._socket.pause();
    const body = Array.from({ length: 5000 }, (_, i) => `slow_metric{series="s${i}"} ${i}\n`).join('');
    const slowClosed = async () =>
      /^promdesk_websocket_slow_clients_closed_total 1$/m.test(await (await fetch(`${base}/metrics`)).text());
    let pushes = 0;
    while (!(await slowClosed())) {
      assert.ok(pushes < 200, 'the slow client was never closed');
      const r = await fetch(`${base}/metrics/job/slow`, { method: 'PUT', body });
      assert.equal(r.status, 200, await r.text());
      pushes++;
    }
    // The server goes on answering while the client is stuck.
    assert.equal((await fetch(`${base}/-/healthy`)).status, 200);
    (c.ws as unknown as { _socket: Socket })._socket.resume();
    const [code, reason] = await closed;
    assert.equal(code, 1008);
    assert.equal(reason, 'client too slow: over 1 MiB waiting to be sent to it; reconnect');
    console.log(`slow client closed after ${pushes} pushes of 5000 series (${c.events()} events read)`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /^promdesk_websocket_connections 0$/m);
  } finally {
    await server.close();
    await engine.close();
    dir.remove();
  }
});
