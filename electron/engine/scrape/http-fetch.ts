// One HTTP(S) GET of a target, bounded in time and size: keep-alive agents, cached DNS, gzip,
// and errors that say what went wrong in words a user can act on.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { readResponseBody } from '../response-body';
import type { DnsCache } from './dns-cache';

export interface FetchSpec {
  url: string;
  timeoutMs: number;
  /** 0 means no limit. */
  bodySizeLimitBytes: number;
  headers: Record<string, string>;
  tlsInsecureSkipVerify: boolean;
  caFile: string | null;
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

/** Agents per TLS setting, shared by all targets, so connections are reused across scrapes. */
export class HttpClient {
  private readonly agents = new Map<string, http.Agent>();

  constructor(private readonly dns: DnsCache) {}

  private agentFor(spec: FetchSpec, isHttps: boolean): http.Agent {
    const key = `${isHttps}|${spec.tlsInsecureSkipVerify}|${spec.caFile ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const common = { keepAlive: true, maxSockets: 4, lookup: this.dns.lookup as never };
      agent = isHttps
        ? new https.Agent({
            ...common,
            rejectUnauthorized: !spec.tlsInsecureSkipVerify,
            ca: spec.caFile ? readFileSync(spec.caFile) : undefined,
          })
        : new http.Agent(common);
      this.agents.set(key, agent);
    }
    return agent;
  }

  async fetch(spec: FetchSpec, signal?: AbortSignal): Promise<FetchResult> {
    try {
      return await this.fetchOnce(spec, signal);
    } catch (err) {
      // A kept-alive connection the server closed just as we reused it: the request never
      // reached the server, so it is safe to send it once more on a fresh connection.
      if (err instanceof StaleConnectionError) return this.fetchOnce(spec, signal);
      throw err;
    }
  }

  private fetchOnce(spec: FetchSpec, signal?: AbortSignal): Promise<FetchResult> {
    return new Promise<FetchResult>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(spec.url);
      } catch {
        reject(new FetchError(`invalid URL "${spec.url}"`));
        return;
      }
      const isHttps = url.protocol === 'https:';
      if (!isHttps && url.protocol !== 'http:') {
        reject(new FetchError(`unsupported scheme "${url.protocol}"`));
        return;
      }
      let agent: http.Agent;
      try {
        agent = this.agentFor(spec, isHttps);
      } catch (err) {
        reject(new FetchError(`TLS setup failed: ${(err as Error).message}`));
        return;
      }
      let settled = false;
      const fail = (msg: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(new FetchError(msg));
      };
      const timer = setTimeout(
        () => fail(`context deadline exceeded: no complete response within ${spec.timeoutMs} ms`),
        spec.timeoutMs,
      );
      const onAbort = () => fail('scrape cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });

      let responded = false;
      const req = (isHttps ? https : http).request(url, {
        method: 'GET',
        agent,
        headers: { 'Accept-Encoding': 'gzip', ...spec.headers },
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (req.reusedSocket && !responded && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          reject(new StaleConnectionError(describeNetError(err, url)));
          return;
        }
        fail(describeNetError(err, url));
      });
      req.on('response', (res) => {
        responded = true;
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          res.resume();
          fail(`server returned HTTP status ${status} ${res.statusMessage ?? ''}`.trim());
          return;
        }
        let wireBytes = 0;
        res.on('data', (c: Buffer) => (wireBytes += c.length));
        readResponseBody(
          res,
          spec.bodySizeLimitBytes,
          (body) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve({
              status,
              contentType: (res.headers['content-type'] as string | undefined) ?? null,
              body,
              wireBytes,
            });
          },
          (f) =>
            fail(
              f.kind === 'encoding'
                ? `unsupported Content-Encoding "${f.encoding}"`
                : f.kind === 'limit'
                  ? `body size limit exceeded: the response is larger than ${f.limitBytes} bytes (body_size_limit)`
                  : `reading the response failed: ${f.error.message}`,
            ),
        );
      });
      req.end();
    });
  }

  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }
}

function describeNetError(err: NodeJS.ErrnoException, url: URL): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${url.host}`;
    case 'ECONNRESET':
      return `connection reset by ${url.host}`;
    case 'ENOTFOUND':
      return err.message.startsWith('DNS') ? err.message : `no such host "${url.hostname}"`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host ${url.host} unreachable`;
    default:
      return `${err.code ? err.code + ': ' : ''}${err.message}`;
  }
}
