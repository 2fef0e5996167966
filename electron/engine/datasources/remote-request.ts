// One HTTP(S) request to a remote Prometheus-API server, bounded in time and size. Unlike the
// scrape client it sends POST forms and keeps the body of non-2xx replies, because Prometheus
// explains a failed query in the JSON of a 400/422/503 reply.
import http from 'node:http';
import https from 'node:https';
import { readResponseBody } from '../response-body';

export interface RemoteRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** Sent as the query string (GET) or as an application/x-www-form-urlencoded body (POST). */
  form: URLSearchParams;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Bound on the decoded reply; 0 means no limit. */
  maxBodyBytes: number;
  agent: http.Agent;
}

export interface RemoteResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  body: string;
}

/** A transport failure (connection, timeout, size): the message says which, in a user's words. */
export class RemoteRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteRequestError';
  }
}

/** A keep-alive agent for one datasource; its TLS setting is fixed for the agent's life. */
export function createAgent(isHttps: boolean, tlsInsecureSkipVerify: boolean): http.Agent {
  return isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: !tlsInsecureSkipVerify })
    : new http.Agent({ keepAlive: true, maxSockets: 8 });
}

/** A kept-alive socket the server had closed as we reused it: the request never arrived. */
class StaleSocketError extends RemoteRequestError {}

export async function sendRemoteRequest(req: RemoteRequest): Promise<RemoteResponse> {
  try {
    return await sendOnce(req);
  } catch (err) {
    // Queries are read-only, so sending once more on a fresh connection is safe.
    if (err instanceof StaleSocketError) return sendOnce(req);
    throw err;
  }
}

function sendOnce(req: RemoteRequest): Promise<RemoteResponse> {
  return new Promise<RemoteResponse>((resolve, reject) => {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      reject(new RemoteRequestError(`unsupported scheme "${url.protocol}"`));
      return;
    }
    const body = req.method === 'POST' ? Buffer.from(req.form.toString()) : null;
    if (req.method === 'GET') for (const [k, v] of req.form) url.searchParams.append(k, v);
    let settled = false;
    let responded = false;
    const fail = (msg: string, stale = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.destroy();
      reject(stale ? new StaleSocketError(msg) : new RemoteRequestError(msg));
    };
    const timer = setTimeout(
      () => fail(`no complete reply within ${req.timeoutMs} ms (timeout)`),
      req.timeoutMs,
    );
    const r = (isHttps ? https : http).request(url, {
      method: req.method,
      agent: req.agent,
      headers: {
        Accept: 'application/json',
        'Accept-Encoding': 'gzip',
        ...(body
          ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) }
          : {}),
        ...req.headers,
      },
    });
    r.on('error', (err: NodeJS.ErrnoException) => {
      const stale = r.reusedSocket && !responded && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
      fail(describeNetError(err, url), stale);
    });
    r.on('response', (res) => {
      responded = true;
      readResponseBody(
        res,
        req.maxBodyBytes,
        (replyBody) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            contentType: (res.headers['content-type'] as string | undefined) ?? null,
            body: replyBody.toString('utf8'),
          });
        },
        (f) =>
          fail(
            f.kind === 'encoding'
              ? `unsupported Content-Encoding "${f.encoding}"`
              : f.kind === 'limit'
                ? `the reply is larger than ${formatBytes(f.limitBytes)}; narrow the query or use a larger step`
                : `reading the reply failed: ${f.error.message}`,
          ),
      );
    });
    r.end(body ?? undefined);
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : `${n} bytes`;
}

function describeNetError(err: NodeJS.ErrnoException, url: URL): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${url.host} (is the server running?)`;
    case 'ECONNRESET':
      return `connection reset by ${url.host}`;
    case 'ENOTFOUND':
      return `no such host "${url.hostname}"`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host ${url.host} unreachable`;
    default:
      return `${err.code ? err.code + ': ' : ''}${err.message}`;
  }
}
