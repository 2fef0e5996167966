// What the one RPC layer (shared/rpc) costs per call: round trips over a real worker_threads
// MessageChannel between two RpcPeers, beside a bare matcher (a Map of id → resolve and an echo,
// no validation, timeouts or cancel) over the same kind of channel. One at a time (latency) and
// 64 in flight (MAX_PENDING_CALLS, throughput), with a small and a 64 KiB payload.
// Run: node --import tsx bench/rpc.bench.ts
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { RpcPeer } from '../shared/rpc/peer';
import { portChannel } from '../shared/rpc/port-channel';

interface Caller {
  call(params: unknown[]): Promise<unknown>;
  close(): void;
}

function rpcPair(): Caller {
  const { port1, port2 } = new MessageChannel();
  const client = new RpcPeer(portChannel(port1), { timeoutMs: 60_000 });
  const server = new RpcPeer(portChannel(port2), { handle: (_m, params) => params[0] });
  port1.on('message', (m) => client.receive(m));
  port2.on('message', (m) => server.receive(m));
  return {
    call: (params) => client.call('echo', params),
    close: () => closePorts(port1, port2),
  };
}

function barePair(): Caller {
  const { port1, port2 } = new MessageChannel();
  const pending = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  port1.on('message', (m: { id: number; result: unknown }) => {
    const r = pending.get(m.id);
    pending.delete(m.id);
    r?.(m.result);
  });
  port2.on('message', (m: { id: number; params: unknown[] }) =>
    port2.postMessage({ id: m.id, result: m.params[0] }),
  );
  return {
    call: (params) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        port1.postMessage({ id, params });
      }),
    close: () => closePorts(port1, port2),
  };
}

function closePorts(a: MessagePort, b: MessagePort): void {
  a.close();
  b.close();
}

async function measure(
  make: () => Caller,
  payload: unknown,
  inFlight: number,
  calls: number,
): Promise<{ perSec: number; p50: number; p99: number }> {
  const c = make();
  const lat: number[] = [];
  for (let i = 0; i < 200; i++) await c.call([payload]); // warm up
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      const s = performance.now();
      await c.call([payload]);
      lat.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const secs = (performance.now() - t0) / 1000;
  c.close();
  lat.sort((a, b) => a - b);
  return {
    perSec: calls / secs,
    p50: lat[Math.floor(lat.length / 2)],
    p99: lat[Math.floor(lat.length * 0.99)],
  };
}

const small = { query: 'rate(http_requests_total[5m])', start: 1700000000000, step: 15000 };
const big = new Float64Array(8192);
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(3));

console.log('payload      in flight  layer       calls/s   p50 ms   p99 ms');
for (const [name, payload] of [
  ['small', small],
  ['64 KiB', big],
] as const) {
  for (const inFlight of [1, 64]) {
    for (const [layer, make] of [
      ['bare', barePair],
      ['RpcPeer', rpcPair],
    ] as const) {
      const r = await measure(make, payload, inFlight, 20_000);
      console.log(
        `${name.padEnd(12)} ${String(inFlight).padStart(9)}  ${layer.padEnd(8)} ${fmt(r.perSec).padStart(10)} ${fmt(r.p50).padStart(8)} ${fmt(r.p99).padStart(8)}`,
      );
    }
  }
}
