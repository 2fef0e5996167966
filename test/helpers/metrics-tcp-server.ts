// A metrics-exporter-tcp server written from proto/event.proto, behaving like metrics-rs's
// exporter: a client that connects first gets the Metadata of every registered metric, then
// each recorded metric as a length-delimited Event (varint length + Event bytes).
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const enc = new TextEncoder();

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
function lenField(field: number, bytes: Uint8Array | number[]): number[] {
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}
const str = (field: number, s: string) => lenField(field, enc.encode(s));
function dbl(field: number, v: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [...tag(field, 1), ...b];
}

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Op =
  | { op: 'increment_counter' | 'set_counter'; value: number }
  | { op: 'increment_gauge' | 'decrement_gauge' | 'set_gauge' | 'record_histogram'; value: number };

const OP_FIELD = {
  increment_counter: 4,
  set_counter: 5,
  increment_gauge: 6,
  decrement_gauge: 7,
  set_gauge: 8,
  record_histogram: 9,
};

export function encodeMetadata(
  name: string,
  type: MetricType,
  unit?: string,
  description?: string,
): Uint8Array {
  const m = [...str(1, name), ...tag(2, 0), ...varint(['counter', 'gauge', 'histogram'].indexOf(type))];
  if (unit) m.push(...str(3, unit));
  if (description) m.push(...str(4, description));
  return delimited(lenField(1, m));
}

export function encodeMetric(
  name: string,
  labels: Record<string, string>,
  o: Op,
  nowMs = Date.now(),
): Uint8Array {
  const ts = [
    ...tag(1, 0),
    ...varint(Math.floor(nowMs / 1000)),
    ...tag(2, 0),
    ...varint((nowMs % 1000) * 1e6),
  ];
  const m = [...str(1, name), ...lenField(2, ts)];
  for (const [k, v] of Object.entries(labels)) m.push(...lenField(3, [...str(1, k), ...str(2, v)]));
  const f = OP_FIELD[o.op];
  m.push(...(f <= 5 ? [...tag(f, 0), ...varint(o.value)] : dbl(f, o.value)));
  return delimited(lenField(2, m));
}

function delimited(event: number[]): Uint8Array {
  return Uint8Array.from([...varint(event.length), ...event]);
}

export interface MetricsTcpServer {
  address: string;
  clients: number;
  register(name: string, type: MetricType, unit?: string, description?: string): void;
  record(name: string, labels: Record<string, string>, o: Op): void;
  /** Sends raw bytes to every client (garbage, bad length prefixes). */
  sendRaw(bytes: Uint8Array): void;
  waitForClient(): Promise<void>;
  close(): Promise<void>;
}

export async function startMetricsTcpServer(): Promise<MetricsTcpServer> {
  const metadata = new Map<string, Uint8Array>();
  const sockets = new Set<net.Socket>();
  let waiters: (() => void)[] = [];
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
    for (const m of metadata.values()) sock.write(m); // metadata first, as the exporter does
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const api: MetricsTcpServer = {
    address: `127.0.0.1:${port}`,
    get clients() {
      return sockets.size;
    },
    register(name, type, unit, description) {
      const m = encodeMetadata(name, type, unit, description);
      metadata.set(name, m);
      for (const s of sockets) s.write(m);
    },
    record(name, labels, o) {
      // Like push_metric: nothing is encoded while no client is connected.
      if (sockets.size === 0) return;
      const m = encodeMetric(name, labels, o);
      for (const s of sockets) s.write(m);
    },
    sendRaw(bytes) {
      for (const s of sockets) s.write(bytes);
    },
    waitForClient: () => (sockets.size > 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    close: () =>
      new Promise<void>((r) => {
        waiters = [];
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  return api;
}
