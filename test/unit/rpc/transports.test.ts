// RpcPeer over real transports: a worker_threads MessageChannel, and a real worker thread
// (test/helpers/rpc-worker.ts) with buffers moved both ways and the thread exiting mid-call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, Worker } from 'node:worker_threads';
import { RpcPeer } from '../../../shared/rpc/peer';
import { portChannel } from '../../../shared/rpc/port-channel';

describe('RpcPeer over a MessageChannel', () => {
  it('calls, events and moved buffers cross a real port', async () => {
    const { port1, port2 } = new MessageChannel();
    const events: unknown[] = [];
    const client = new RpcPeer(portChannel(port1), { onEvent: (e, scope) => events.push([e, scope]) });
    const server: RpcPeer = new RpcPeer(portChannel(port2), {
      handle: (method, params) => {
        server.emit({ before: method }, { scope: 2 });
        return (params[0] as Uint8Array).length;
      },
    });
    port1.on('message', (m) => client.receive(m));
    port2.on('message', (m) => server.receive(m));
    try {
      const body = new Uint8Array(1 << 20);
      assert.equal(await client.call('size', [body], { transfer: [body.buffer] }), 1 << 20);
      assert.equal(body.byteLength, 0, 'the buffer was moved, not copied');
      assert.deepEqual(events, [[{ before: 'size' }, 2]]);
    } finally {
      port1.close();
      port2.close();
    }
  });
});

describe('RpcPeer with a real worker thread', () => {
  async function start(): Promise<{ peer: RpcPeer; worker: Worker; events: unknown[] }> {
    // Node 20 does not apply tsx to a worker's entry: a bootstrap registers it first.
    const url = new URL('../../helpers/rpc-worker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
      { eval: true },
    );
    const events: unknown[] = [];
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const peer = new RpcPeer(portChannel(worker), {
      name: 'the test thread',
      onEvent: (e, scope, topic) => (e === 'ready' ? ready() : events.push([e, scope, topic])),
    });
    worker.on('message', (m) => peer.receive(m));
    worker.on('exit', (code) => peer.close(`the test thread stopped (exit code ${code})`));
    await started;
    return { peer, worker, events };
  }

  it('answers, fails with the error name, cancels, moves buffers and fails calls when the thread exits', async () => {
    const { peer, worker, events } = await start();
    try {
      assert.deepEqual(await peer.call('echo', [1, 'a'], { scope: 5 }), { params: [1, 'a'], scope: 5 });
      await assert.rejects(peer.call('fail', ['bad config']), { name: 'ConfigError', message: 'bad config' });

      const ac = new AbortController();
      const waiting = peer.call('wait', [], { scope: 9, signal: ac.signal });
      ac.abort(new Error('stop'));
      await assert.rejects(waiting, { message: 'stop' });
      const deadline = Date.now() + 5000;
      while (events.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(events, [[{ aborted: 'wait' }, 9, 'aborted']]);

      await assert.rejects(peer.call('wait', [], { timeoutMs: 30 }), {
        name: 'RpcTimeoutError',
        message: 'wait: no reply from the test thread within 30 ms',
      });

      const data = Float64Array.from([1, 2, 3]);
      const doubled = await peer.call<Float64Array>('double', [data], { transfer: [data.buffer] });
      assert.equal(data.length, 0);
      assert.deepEqual([...doubled], [2, 4, 6]);

      const hanging = peer.call('wait', []);
      await assert.rejects(peer.call('exit', []), {
        name: 'RpcClosedError',
        message: 'the test thread stopped (exit code 3)',
      });
      await assert.rejects(hanging, { name: 'RpcClosedError' });
      assert.equal(peer.pending, 0);
      await assert.rejects(peer.call('echo', []), { message: 'the test thread stopped (exit code 3)' });
    } finally {
      await worker.terminate();
    }
  });
});
