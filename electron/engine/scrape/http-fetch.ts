// One HTTP(S) GET of a target, bounded in time and size: kept-alive connections, cached DNS,
// gzip, and errors that say what went wrong in words a user can act on. A lean HTTP/1.1 client
// of its own over net/tls sockets: node's http module costs ~0.3 ms of CPU a request in stream
// and object machinery, as much as parsing and storing a 1000-series body.
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { DnsCache } from './dns-cache';
import { Http1Response, ResponseFormatError, ResponseTooLargeError } from './http1-response';
import {
  isDomainOrSubdomain,
  isRedirect,
  MAX_REDIRECTS,
  resolveLocation,
  withoutCredentials,
} from './redirects';

export interface FetchSpec {
  url: string;
  timeoutMs: number;
  /** 0 means no limit. */
  bodySizeLimitBytes: number;
  headers: Record<string, string>;
  tlsInsecureSkipVerify: boolean;
  caFile: string | null;
  /** Prometheus's `follow_redirects` (default true): follow 3xx answers, see redirects.ts. */
  followRedirects?: boolean;
}

export interface FetchResult {
  status: number;
  contentType: string | null;
  /** The (decompressed) body bytes. */
  body: Uint8Array;
  /** Bytes on the wire (before decompression). */
  wireBytes: number;
}

export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

/** The reused keep-alive socket was already closed by the server; the request can be retried. */
class StaleConnectionError extends FetchError {}

/** One request of a redirect chain: where it goes, with which headers, in the time left. */
interface Hop {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Answer a redirect with its Location instead of failing on its status. */
  follow: boolean;
}

/** A hop's answer: a response, or the Location of a redirect to follow. */
type HopResult = FetchResult & { location: string | null };

/** Kept-alive connections per origin and TLS setting, beyond which idle ones are closed. */
const MAX_IDLE_PER_KEY = 4;

interface Target {
  isHttps: boolean;
  host: string;
  port: number;
  /** The request head's first lines (request line, Host, Authorization from the URL). */
  head: string;
  hostname: string;
}

/** What a connection is doing: the exchange in progress gets its socket's events. */
interface Exchange {
  data(chunk: Buffer): void;
  closed(err: NodeJS.ErrnoException | null): void;
}

class Connection {
  exchange: Exchange | null = null;
  /** Responses completed on it (a reused connection may have been closed by the server). */
  uses = 0;
  open = true;

  constructor(
    readonly socket: net.Socket,
    readonly key: string,
    private readonly onIdleClose: (c: Connection) => void,
    /** False when the socket delivers its bytes through an `onread` callback to bytes(). */
    dataEvents: boolean,
  ) {
    socket.setNoDelay(true);
    if (dataEvents) socket.on('data', (chunk: Buffer) => this.bytes(chunk));
    const ended = (err: NodeJS.ErrnoException | null) => {
      if (!this.open) return;
      this.open = false;
      const x = this.exchange;
      this.exchange = null;
      if (x) x.closed(err);
      else this.onIdleClose(this);
    };
    socket.on('error', (err: NodeJS.ErrnoException) => ended(err));
    socket.on('end', () => ended(null));
    socket.on('close', () => ended(null));
  }

  bytes(chunk: Buffer): void {
    if (this.exchange) this.exchange.data(chunk);
    else this.socket.destroy(); // bytes nobody asked for: the connection is out of step
  }
}

/**
 * Plain connections read into this one buffer (net's `onread`), skipping the readable-stream
 * machinery and a Buffer per read; reads run one at a time on this thread, and the response
 * reader copies out what it keeps.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** Connections shared by all targets, so each target's connection is reused across scrapes. */
export class HttpClient {
  private readonly idle = new Map<string, Connection[]>();
  private readonly targets = new Map<string, Target | string>();
  private readonly cas = new Map<string, Buffer>();

  constructor(private readonly dns: DnsCache) {}

  async fetch(spec: FetchSpec, signal?: AbortSignal): Promise<FetchResult> {
    // The timeout bounds the whole chain of redirects, as a scrape's context does in Prometheus.
    const deadline = performance.now() + spec.timeoutMs;
    const follow = spec.followRedirects ?? true;
    let hop: Hop = { url: spec.url, headers: spec.headers, timeoutMs: spec.timeoutMs, follow };
    for (let redirects = 0; ;) {
      const res = await this.fetchHop(spec, hop, signal);
      if (res.location === null) return res;
      if (++redirects >= MAX_REDIRECTS) {
        throw new FetchError(`stopped after ${MAX_REDIRECTS} redirects (the last to ${res.location})`);
      }
      const next = resolveLocation(res.location, hop.url);
      if (typeof next === 'string') throw new FetchError(next);
      const timeoutMs = Math.ceil(deadline - performance.now());
      if (timeoutMs <= 0) throw new FetchError(deadlineMessage(spec.timeoutMs));
      const sameSite = isDomainOrSubdomain(next.hostname, new URL(spec.url).hostname);
      const headers = sameSite ? hop.headers : withoutCredentials(hop.headers);
      hop = { url: next.href, headers, timeoutMs, follow };
    }
  }

  private async fetchHop(spec: FetchSpec, hop: Hop, signal?: AbortSignal): Promise<HopResult> {
    try {
      return await this.fetchOnce(spec, hop, signal);
    } catch (err) {
      // A kept-alive connection the server closed just as we reused it: the request never
      // reached the server, so it is safe to send it once more on a fresh connection.
      if (err instanceof StaleConnectionError) return this.fetchOnce(spec, hop, signal);
      throw err;
    }
  }

  /** The parsed URL (cached: a target's URL is fetched every interval), or why it is unusable. */
  private target(url: string): Target | string {
    const cached = this.targets.get(url);
    if (cached !== undefined) return cached;
    let t: Target | string = `invalid URL "${url}"`;
    let u: URL | null = null;
    try {
      u = new URL(url);
    } catch {
      // t says so
    }
    if (u !== null) {
      const isHttps = u.protocol === 'https:';
      if (!isHttps && u.protocol !== 'http:') t = `unsupported scheme "${u.protocol}"`;
      else {
        let head = `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n`;
        if (u.username !== '' || u.password !== '') {
          const user = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
          head += `Authorization: Basic ${Buffer.from(user).toString('base64')}\r\n`;
        }
        const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
        t = { isHttps, host: hostname, hostname, port: Number(u.port) || (isHttps ? 443 : 80), head };
      }
    }
    if (this.targets.size > 10_000) this.targets.clear();
    this.targets.set(url, t);
    return t;
  }

  private connect(t: Target, spec: FetchSpec, key: string): Connection {
    let socket: net.Socket;
    if (t.isHttps) {
      let ca: Buffer | undefined;
      if (spec.caFile) {
        ca = this.cas.get(spec.caFile);
        if (ca === undefined) this.cas.set(spec.caFile, (ca = readFileSync(spec.caFile)));
      }
      socket = tls.connect({
        host: t.host,
        port: t.port,
        servername: net.isIP(t.hostname) ? undefined : t.hostname,
        rejectUnauthorized: !spec.tlsInsecureSkipVerify,
        ca,
        lookup: this.dns.lookup as never,
      });
      return new Connection(socket, key, (c) => this.dropIdle(c), true);
    }
    const holder: { conn: Connection | null } = { conn: null };
    socket = net.connect({
      host: t.host,
      port: t.port,
      lookup: this.dns.lookup as never,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => {
          holder.conn?.bytes(Buffer.from(buf.buffer, buf.byteOffset, n));
          return true;
        },
      },
    });
    holder.conn = new Connection(socket, key, (c) => this.dropIdle(c), false);
    return holder.conn;
  }

  private takeIdle(key: string): Connection | undefined {
    const list = this.idle.get(key);
    let c = list?.pop();
    while (c !== undefined && !c.open) c = list?.pop();
    return c;
  }

  private release(c: Connection): void {
    const list = this.idle.get(c.key) ?? [];
    if (!c.open || list.length >= MAX_IDLE_PER_KEY) {
      c.socket.destroy();
      return;
    }
    c.socket.unref();
    list.push(c);
    this.idle.set(c.key, list);
  }

  private dropIdle(c: Connection): void {
    const list = this.idle.get(c.key);
    const i = list ? list.indexOf(c) : -1;
    if (i >= 0) list!.splice(i, 1);
    c.socket.destroy();
  }

  private fetchOnce(spec: FetchSpec, hop: Hop, signal?: AbortSignal): Promise<HopResult> {
    return new Promise<HopResult>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new FetchError('scrape cancelled'));
        return;
      }
      const t = this.target(hop.url);
      if (typeof t === 'string') {
        reject(new FetchError(t));
        return;
      }
      const key = `${t.isHttps ? 's' : ''}${t.host}:${t.port}|${spec.tlsInsecureSkipVerify}|${spec.caFile ?? ''}`;
      let conn: Connection;
      try {
        conn = this.takeIdle(key) ?? this.connect(t, spec, key);
      } catch (err) {
        reject(new FetchError(`TLS setup failed: ${(err as Error).message}`));
        return;
      }
      const reused = conn.uses > 0;
      conn.socket.ref();
      const limit = spec.bodySizeLimitBytes;
      const res = new Http1Response(limit);
      let settled = false;
      let gotBytes = false;
      const finish = (err: FetchError | null, result?: HopResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        conn.exchange = null;
        if (err) {
          conn.open = false;
          conn.socket.destroy();
          reject(err);
          return;
        }
        conn.uses++;
        if (res.keepAlive) this.release(conn);
        else conn.socket.destroy();
        resolve(result!);
      };
      const fail = (msg: string) => finish(new FetchError(msg));
      const timer = setTimeout(() => fail(deadlineMessage(spec.timeoutMs)), hop.timeoutMs);
      const onAbort = () => fail('scrape cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });

      const complete = () => {
        // A redirect without a Location is the answer itself, as in Go.
        const location = hop.follow && isRedirect(res.status) ? res.headers.get('location') : undefined;
        if (location) {
          finish(null, {
            status: res.status,
            contentType: null,
            body: new Uint8Array(0),
            wireBytes: 0,
            location,
          });
          return;
        }
        if (res.status < 200 || res.status > 299) {
          fail(`server returned HTTP status ${res.status} ${res.reason}`.trim());
          return;
        }
        const enc = (res.headers.get('content-encoding') ?? '').toLowerCase();
        let body: Buffer = res.body();
        try {
          if (enc === 'gzip' || enc === 'x-gzip')
            body = gunzipSync(body, limit > 0 ? { maxOutputLength: limit } : {});
          else if (enc === 'deflate') body = inflateSync(body, limit > 0 ? { maxOutputLength: limit } : {});
          else if (enc !== '' && enc !== 'identity') {
            fail(`unsupported Content-Encoding "${enc}"`);
            return;
          }
        } catch (err) {
          fail(
            err instanceof RangeError
              ? limitMessage(limit)
              : `reading the response failed: ${(err as Error).message}`,
          );
          return;
        }
        finish(null, {
          status: res.status,
          contentType: res.headers.get('content-type') ?? null,
          body,
          wireBytes: res.wireBytes,
          location: null,
        });
      };
      conn.exchange = {
        data(chunk) {
          if (settled) return;
          gotBytes = true;
          try {
            res.feed(chunk);
          } catch (err) {
            if (err instanceof ResponseTooLargeError) fail(limitMessage(limit));
            else if (err instanceof ResponseFormatError) fail(`invalid HTTP response: ${err.message}`);
            else fail(`reading the response failed: ${(err as Error).message}`);
            return;
          }
          if (res.done) complete();
        },
        closed(err) {
          if (settled) return;
          if (reused && !gotBytes && (err === null || err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
            finish(new StaleConnectionError(`connection reset by ${t.host}:${t.port}`));
            return;
          }
          if (err) {
            fail(describeNetError(err, t));
            return;
          }
          try {
            res.end();
          } catch (e) {
            fail(`invalid HTTP response: ${(e as Error).message}`);
            return;
          }
          complete();
        },
      };
      let head = t.head;
      let acceptEncoding = false;
      for (const name in hop.headers) {
        if (name.toLowerCase() === 'accept-encoding') acceptEncoding = true;
        head += `${name}: ${hop.headers[name]}\r\n`;
      }
      if (!acceptEncoding) head += 'Accept-Encoding: gzip\r\n';
      conn.socket.write(head + '\r\n', 'latin1');
    });
  }

  close(): void {
    for (const list of this.idle.values()) for (const c of list) c.socket.destroy();
    this.idle.clear();
  }
}

function deadlineMessage(timeoutMs: number): string {
  return `context deadline exceeded: no complete response within ${timeoutMs} ms`;
}

function limitMessage(limit: number): string {
  return `body size limit exceeded: the response is larger than ${limit} bytes (body_size_limit)`;
}

function describeNetError(err: NodeJS.ErrnoException, t: Target): string {
  const host = `${t.host}:${t.port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'ENOTFOUND':
      return err.message.startsWith('DNS') ? err.message : `no such host "${t.hostname}"`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host ${host} unreachable`;
    default:
      return `${err.code ? err.code + ': ' : ''}${err.message}`;
  }
}
