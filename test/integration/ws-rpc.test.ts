// The WebSocket Api on the one RPC layer (shared/rpc), against an in-process `promdesk serve`:
// the renderer's client times calls out and cancels them without breaking the per-connection
// bound, fails the calls a dropped socket took with it, reconnects and re-subscribes; the server
// takes a cancel without a reply of its own and refuses ids past 2^53.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { WsApiClient, type ConnectionState } from '../../renderer/src/ws-api';
import { defaultTargetInput, type ApiEvent, type ApiMessage } from '../../shared/api';
import { MAX_PENDING_CALLS } from '../../shared/session-limits';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { withServe } from '../helpers/in-process-serve';
import { encodeWriteRequest } from '../helpers/proto-write';
import { snappyEncode } from '../helpers/snappy-encode';

// The renderer's client expects the browser's WebSocket; Node 20 has none, the ws package fits.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const wsUrl = (base: string) => `${base.replace('http', 'ws')}/api/ws`;

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A serve in this process and an exporter that never answers, for calls that stay in flight. */
async function withHangServe(fn: (base: string, hang: TestExporter) => Promise<void>): Promise<void> {
  const hang = await startExporter({ kind: 'hang' });
  try {
    await withServe({ uiHtml: '' }, (base) => fn(base, hang));
  } finally {
    await hang.close();
  }
}

test('timed-out calls are cancelled but hold their slot until answered: the server refuses none', async () => {
  await withHangServe(async (base, hang) => {
    const client = new WsApiClient(wsUrl(base), { timeoutMs: 2000 });
    try {
      const api = client.api();
      const input = { ...defaultTargetInput, url: hang.url, job: 'slow', timeoutMs: 2500 };
      const slow = Array.from({ length: MAX_PENDING_CALLS }, () => api.testScrape(input));
      for (const r of await Promise.allSettled(slow)) {
        assert.equal(r.status, 'rejected');
        assert.equal((r.reason as Error).name, 'RpcTimeoutError');
        assert.equal((r.reason as Error).message, 'testScrape: no reply from Promdesk within 2 s');
      }
      // The wire is still full (the server answers those scrapes at 2.5 s): this call waits its
      // turn instead of being sent and refused.
      assert.equal((await api.info()).mode, 'serve');
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /^promdesk_websocket_calls_refused_total 0$/m);
    } finally {
      client.close();
    }
  });
});

test('a dropped socket fails the calls on it; the client reconnects and re-subscribes', async () => {
  await withHangServe(async (base, hang) => {
    const client = new WsApiClient(wsUrl(base));
    const states: ConnectionState[] = [];
    client.onState((s) => states.push(s));
    const events: ApiEvent[] = [];
    try {
      const api = client.api();
      api.onEvent((e) => events.push(e));
      await api.subscribe({ subscriptionId: 'r', query: 'rpc_relay_total' });
      const lost = api.testScrape({ ...defaultTargetInput, url: hang.url, job: 'x', timeoutMs: 30_000 });
      await new Promise((r) => setTimeout(r, 100)); // on the wire
      // Cut the TCP connection under the client, as a network drop would.
      (client as unknown as { ws: { _socket: Socket } }).ws._socket.destroy();
      await assert.rejects(lost, { message: 'connection to Promdesk lost' });
      await until(() => client.state === 'open' && states.includes('reconnecting'), 'the reconnect');

      // The subscription was sent again on the new socket: a sample written now reaches it.
      const body = snappyEncode(
        encodeWriteRequest([
          {
            labels: [
              ['__name__', 'rpc_relay_total'],
              ['job', 'w'],
            ],
            samples: [{ t: Date.now(), v: 1 }],
          },
        ]),
      );
      const w = await fetch(`${base}/api/v1/write`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
        body,
      });
      assert.equal(w.status, 204, await w.text());
      await until(() => events.some((e) => e.type === 'samples'), 'samples on the re-sent subscription');
      assert.equal((await api.info()).mode, 'serve');
    } finally {
      client.close();
    }
    // Closed for good: new calls fail at once.
    await assert.rejects(client.api().info(), {
      name: 'RpcClosedError',
      message: 'the Api client was closed',
    });
  });
});

test('the server takes a cancel without a reply of its own and refuses an id past 2^53', async () => {
  await withHangServe(async (base, hang) => {
    const ws = new WebSocket(wsUrl(base));
    ws.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies: Extract<ApiMessage, { kind: 'reply' }>[] = [];
    ws.on('message', (d: ArrayBuffer) => {
      const m = decodeFrame(d) as ApiMessage;
      if (m.kind === 'reply') replies.push(m);
    });
    try {
      const input = { ...defaultTargetInput, url: hang.url, job: 'x', timeoutMs: 500 };
      ws.send(encodeFrame({ kind: 'request', id: 1, method: 'testScrape', params: [input] }));
      ws.send(encodeFrame({ kind: 'cancel', id: 1 }));
      ws.send(encodeFrame({ kind: 'cancel', id: 99 })); // nothing of that id: ignored
      ws.send(encodeFrame({ kind: 'request', id: 2 ** 53 + 2, method: 'info', params: [] }));
      ws.send(encodeFrame({ kind: 'request', id: 3, method: 'info', params: [] }));
      await until(() => replies.length === 3, 'three replies');
      const byId = new Map(replies.map((r) => [r.id, r]));
      assert.match((byId.get(-1) as { error: string }).error, /^malformed request: field "id": Too big/);
      assert.ok(byId.get(3)?.ok);
      // The cancelled call is still answered once (its slot on the connection is freed by it).
      assert.ok(byId.has(1));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(replies.length, 3);
    } finally {
      ws.close();
    }
  });
});
