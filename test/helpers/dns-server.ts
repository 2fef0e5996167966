// A small DNS server on 127.0.0.1 (UDP) for tests: it answers A, AAAA, SRV and MX queries from a
// table the test edits, NXDOMAIN for a name it does not hold, and counts the queries per name
// and type, so a test can prove what a resolver asked and when. Written apart from the engine's
// own DNS code, so that one's mistakes do not cancel out in the tests.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export type DnsRecord =
  | { type: 'A'; address: string; ttl: number }
  | { type: 'AAAA'; address: string; ttl: number }
  | { type: 'SRV'; target: string; port: number; priority?: number; weight?: number; ttl: number }
  | { type: 'MX'; exchange: string; preference?: number; ttl: number };

const TYPES: Record<number, DnsRecord['type']> = { 1: 'A', 28: 'AAAA', 33: 'SRV', 15: 'MX' };
const CODES = { A: 1, AAAA: 28, SRV: 33, MX: 15 } as const;

export interface DnsServer {
  /** "127.0.0.1:PORT", as Resolver.setServers takes it. */
  readonly address: string;
  /** name (lower case, no final dot) -> its records; edit freely. */
  readonly table: Map<string, DnsRecord[]>;
  /** Queries received, keyed "name TYPE" (e.g. "svc.lab SRV"). */
  readonly queries: Map<string, number>;
  /** 'servfail': every answer is SERVFAIL; 'silent': no answer at all (a timeout). */
  failure: null | 'servfail' | 'silent';
  count(name: string, type: DnsRecord['type']): number;
  close(): Promise<void>;
}

export async function startDnsServer(): Promise<DnsServer> {
  const sock: Socket = createSocket('udp4');
  const table = new Map<string, DnsRecord[]>();
  const queries = new Map<string, number>();
  const server: DnsServer = {
    address: '',
    table,
    queries,
    failure: null,
    count: (name, type) => queries.get(`${name} ${type}`) ?? 0,
    close: () => new Promise((r) => sock.close(() => r())),
  };
  sock.on('message', (msg, from) => {
    const reply = answer(msg, server);
    if (reply) sock.send(reply, from.port, from.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  (server as { address: string }).address = `127.0.0.1:${(sock.address() as AddressInfo).port}`;
  return server;
}

function answer(msg: Buffer, server: DnsServer): Buffer | null {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return null;
  // The question: labels from offset 12, then type and class.
  const labels: string[] = [];
  let at = 12;
  while (at < msg.length && msg[at] !== 0) {
    labels.push(msg.toString('latin1', at + 1, at + 1 + msg[at]));
    at += 1 + msg[at];
  }
  const questionEnd = at + 5;
  if (questionEnd > msg.length) return null;
  const qtype = msg.readUInt16BE(at + 1);
  const name = labels.join('.').toLowerCase();
  const type = TYPES[qtype] ?? `type${qtype}`;
  server.queries.set(`${name} ${type}`, (server.queries.get(`${name} ${type}`) ?? 0) + 1);
  if (server.failure === 'silent') return null;

  const records = server.table.get(name);
  const rcode = server.failure === 'servfail' ? 2 : records ? 0 : 3;
  const answers = rcode === 0 ? (records ?? []).filter((r) => CODES[r.type] === qtype) : [];
  const header = Buffer.alloc(12);
  msg.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8000 | 0x0400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, msg.subarray(12, questionEnd), ...answers.map(record)]);
}

/** One answer record; its owner is a pointer to the question's name (offset 12). */
function record(r: DnsRecord): Buffer {
  let data: Buffer;
  if (r.type === 'A') data = Buffer.from(r.address.split('.').map(Number));
  else if (r.type === 'AAAA') data = ipv6Bytes(r.address);
  else if (r.type === 'SRV') {
    const head = Buffer.alloc(6);
    head.writeUInt16BE(r.priority ?? 10, 0);
    head.writeUInt16BE(r.weight ?? 5, 2);
    head.writeUInt16BE(r.port, 4);
    data = Buffer.concat([head, nameBytes(r.target)]);
  } else {
    const head = Buffer.alloc(2);
    head.writeUInt16BE(r.preference ?? 10, 0);
    data = Buffer.concat([head, nameBytes(r.exchange)]);
  }
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(CODES[r.type], 2);
  fixed.writeUInt16BE(1, 4);
  fixed.writeUInt32BE(r.ttl, 6);
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}

function nameBytes(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])),
    Buffer.from([0]),
  ]);
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail = ''] = address.split('::');
  const a = head ? head.split(':') : [];
  const b = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...a, ...Array<string>(8 - a.length - b.length).fill('0'), ...b]
    : a;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
