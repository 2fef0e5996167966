// The lookups dns_sd_configs makes, each with its answer's TTL so an answer is not asked again
// before it ends. A and AAAA go through Node's resolver (c-ares), which gives TTLs; for SRV and
// MX Node gives none, so those are one query over UDP to the same servers, read here.
import { randomInt } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { QTYPE, decodeAnswer, encodeQuery, type WireRecord } from './dns-sd-wire';
import type { DnsSdType } from './sd-config';

export type DnsSdRecord =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'SRV'; target: string; port: number }
  | { type: 'MX'; exchange: string };

export interface DnsSdAnswer {
  records: DnsSdRecord[];
  /** The smallest TTL of the records; null when there are none (NXDOMAIN, no data). */
  ttlSeconds: number | null;
}

export interface DnsSdLookup {
  /** The records of a name; NXDOMAIN and no data are an empty answer, other failures reject. */
  lookup(name: string, type: DnsSdType): Promise<DnsSdAnswer>;
}

const TIMEOUT_MS = 2000;
const TRIES = 2;
const EMPTY: DnsSdAnswer = { records: [], ttlSeconds: null };

export class DnsSdResolver implements DnsSdLookup {
  private readonly resolver = new dns.Resolver({ timeout: TIMEOUT_MS, tries: TRIES });
  /** Lookups made, and those that failed (not NXDOMAIN or no data), for /metrics. */
  queries = 0;
  failures = 0;

  /** `servers`: as Resolver.setServers ('127.0.0.1:5353'); absent: the system's (/etc/resolv.conf). */
  constructor(servers?: readonly string[]) {
    if (servers) this.resolver.setServers([...servers]);
  }

  async lookup(name: string, type: DnsSdType): Promise<DnsSdAnswer> {
    this.queries++;
    try {
      return await this.ask(name, type);
    } catch (err) {
      this.failures++;
      throw err;
    }
  }

  private async ask(name: string, type: DnsSdType): Promise<DnsSdAnswer> {
    if (type === 'A' || type === 'AAAA') {
      try {
        const rs =
          type === 'A'
            ? await this.resolver.resolve4(name, { ttl: true })
            : await this.resolver.resolve6(name, { ttl: true });
        return {
          records: rs.map((r) => ({ type, address: r.address })),
          ttlSeconds: rs.length ? Math.min(...rs.map((r) => r.ttl)) : null,
        };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOTFOUND' || code === 'ENODATA') return EMPTY;
        throw new Error(`${type} lookup of "${name}" failed: ${code ?? (err as Error).message}`, {
          cause: err,
        });
      }
    }
    const records = await this.query(name, type);
    return {
      records: records.map((r) =>
        r.type === 'SRV'
          ? { type: 'SRV', target: r.target, port: r.port }
          : { type: 'MX', exchange: r.exchange },
      ),
      ttlSeconds: records.length ? Math.min(...records.map((r) => r.ttl)) : null,
    };
  }

  /** One SRV or MX query, server by server as c-ares goes (each tried TRIES times). */
  private async query(name: string, type: 'SRV' | 'MX'): Promise<WireRecord[]> {
    const servers = this.resolver.getServers().map(parseServer);
    let q: { id: number; msg: Buffer };
    try {
      q = queryFor(name, type);
    } catch (err) {
      throw new Error(`${type} lookup of "${name}" failed: ${(err as Error).message}`, { cause: err });
    }
    let last: Error = new Error('no DNS servers are configured');
    for (const server of servers) {
      for (let t = 0; t < TRIES; t++) {
        try {
          const answer = decodeAnswer(await exchange(server, q));
          if (answer.truncated) throw new Error('the answer was truncated (TCP is not supported)');
          if (answer.rcode === 3) return [];
          if (answer.rcode !== 0)
            throw new Error(`the server answered ${RCODES[answer.rcode] ?? `rcode ${answer.rcode}`}`);
          return answer.records.filter((r) => r.type === type);
        } catch (err) {
          last = err as Error;
          // A server that answered (SERVFAIL, garbage) is not asked again; the next one is.
          if (!(err instanceof TimeoutError)) break;
        }
      }
    }
    throw new Error(`${type} lookup of "${name}" failed: ${last.message}`);
  }
}

const RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED' };

class TimeoutError extends Error {}

let nextId = randomInt(0x10000);

function queryFor(name: string, type: 'SRV' | 'MX'): { id: number; msg: Buffer } {
  nextId = (nextId + 1) & 0xffff;
  return { id: nextId, msg: encodeQuery(nextId, name, QTYPE[type]) };
}

/** getServers()' forms: "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353". */
function parseServer(s: string): { host: string; port: number } {
  const v6 = /^\[(.+)\]:(\d+)$/.exec(s);
  if (v6) return { host: v6[1], port: Number(v6[2]) };
  if (isIP(s)) return { host: s, port: 53 };
  const i = s.lastIndexOf(':');
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
}

/** Sends a query and waits for the answer with its id from that server. */
function exchange(server: { host: string; port: number }, q: { id: number; msg: Buffer }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    let over = false;
    const done = (err: Error | null, msg?: Buffer) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      sock.close();
      if (err) reject(err);
      else resolve(msg!);
    };
    const timer = setTimeout(
      () => done(new TimeoutError(`no answer from ${server.host}:${server.port}`)),
      TIMEOUT_MS,
    );
    sock.on('error', (err) => done(err));
    sock.on('message', (msg, from) => {
      if (from.port !== server.port || msg.length < 2 || msg.readUInt16BE(0) !== q.id) return;
      done(null, msg);
    });
    sock.send(q.msg, server.port, server.host, (err) => {
      if (err) done(err);
    });
  });
}
