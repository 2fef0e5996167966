// The headless server: the renderer build at /, the Api over a WebSocket at /api/ws, the
// Prometheus HTTP API under /api/v1, health endpoints and Promdesk's own /metrics. Bound to
// 127.0.0.1 by default with a Host check against DNS rebinding; a token is required when bound
// to any other address. Browser requests from other origins may read (GET, as in Prometheus, with
// no CORS header) but not open the WebSocket or change anything (origin.ts).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, relative, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EngineLink } from '../engine-link';
import { EventLoopLag } from './event-loop-lag';
import { handleIngest, ingestHandler, readRawBody } from './ingest-routes';
import { foreignOriginRefusal } from './origin';
import { routeLabel } from './route-label';
import { UI_CONTENT_TYPES, UI_CSP, newCspNonce, renderIndexHtml, resolveUiFile, uiCsp } from './ui-assets';
import { uiFilePath } from './ui-routes';
import { DEFAULT_MAX_BUFFERED_BYTES, WsStats, serveWsSession } from './ws-session';

export interface ServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Required from clients when set (Authorization: Bearer, or ?token= for the UI). */
  token: string | null;
  /** Bytes waiting to be sent to one WebSocket client before it is closed as too slow. */
  maxBufferedBytes?: number;
  /** --web.enable-lifecycle: POST/PUT /-/reload reads the config again (off: 403, as Prometheus). */
  enableLifecycle?: boolean;
}

const MAX_FORM_BYTES = 10 * 1024 * 1024;
const MAX_WS_MESSAGE = 16 * 1024 * 1024;
const TEXT = 'text/plain; charset=utf-8';
/** Body types a form or a no-cors fetch can send without asking: never remote write's own. */
const SIMPLE_BODY_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

export class PromdeskServer {
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly requests = new Map<string, number>();
  private readonly lag = new EventLoopLag();
  private readonly wsStats = new WsStats();
  private allowedHosts = new Set<string>();

  constructor(
    private readonly engine: EngineLink,
    private readonly opts: ServerOptions,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        if (!res.headersSent)
          this.send(res, 500, 'text/plain; charset=utf-8', `internal error: ${err.message}\n`);
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 65_000;
    // One message per event-loop turn: a flood of requests on one socket cannot hold up other
    // connections (or /-/healthy) for the time it takes to handle a whole TCP read of them.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_WS_MESSAGE,
      allowSynchronousEvents: false,
    });
    this.server.on('upgrade', (req, socket, head) => {
      // An exception here would reach the HTTP parser's emit and end the process.
      try {
        this.upgrade(req, socket, head);
      } catch {
        socket.destroy();
      }
    });
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(req.url);
    const refuse = (status: string, why: string): void => {
      socket.on('error', () => socket.destroy()); // a client gone mid-reply: nobody else listens
      socket.end(
        `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: ${TEXT}\r\n` +
          `Content-Length: ${Buffer.byteLength(why) + 1}\r\n\r\n${why}\n`,
      );
    };
    if (!url) return refuse('400 Bad Request', 'malformed request target');
    const denied = this.deny(req, url) ?? foreignOriginRefusal(req.headers, this.allowedHosts);
    if (denied) return refuse('403 Forbidden', denied);
    if (url.pathname !== '/api/ws') return refuse('404 Not Found', 'not found');
    this.count('/api/ws');
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      serveWsSession(ws, this.engine, this.opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES, this.wsStats),
    );
  }

  async listen(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
    const h = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    this.allowedHosts = new Set([`${h}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
    return { host: this.opts.host, port };
  }

  async close(): Promise<void> {
    this.lag.stop();
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Why a request may not proceed (DNS rebinding, missing token), or null. */
  private deny(req: http.IncomingMessage, url: URL): string | null {
    if (isLoopback(this.opts.host) && !this.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return `Host header "${req.headers.host ?? ''}" is not allowed: Promdesk listens on loopback only`;
    }
    if (this.opts.token) {
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ')
        ? auth.slice(7)
        : (url.searchParams.get('token') ?? cookieToken(req));
      if (!given || !safeEqual(given, this.opts.token))
        return 'a valid token is required (Authorization: Bearer <token>)';
    }
    return null;
  }

  private count(handler: string): void {
    this.requests.set(handler, (this.requests.get(handler) ?? 0) + 1);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = requestUrl(req.url);
    if (!url) return this.refuse(req, res, 400, `malformed request target "${clip(req.url ?? '')}"`);
    const denied = this.deny(req, url);
    if (denied) return this.refuse(req, res, 403, denied);
    const path = url.pathname;
    if (!decodesAsUri(path))
      return this.refuse(req, res, 400, `malformed URL path "${clip(path)}": invalid percent-encoding`);
    this.count(routeLabel(path));
    // Every method but GET and HEAD changes something (or may, in a later route): own pages only.
    if (method !== 'GET' && method !== 'HEAD') {
      const foreign = foreignOriginRefusal(req.headers, this.allowedHosts);
      if (foreign) return this.refuse(req, res, 403, foreign);
    }
    const ingest = ingestHandler(path);
    if (ingest === '/api/v1/write' && method === 'POST') {
      const type = mediaType(req);
      if (SIMPLE_BODY_TYPES.has(type)) {
        const why = `remote write takes Content-Type: application/x-protobuf (snappy-compressed protobuf), not "${type}"`;
        return this.refuse(req, res, 415, why);
      }
    }
    if (path === '/-/reload' && (method === 'POST' || method === 'PUT')) {
      req.resume();
      if (!this.opts.enableLifecycle) return this.send(res, 403, TEXT, 'Lifecycle API is not enabled.\n');
      const r = await this.engine.reload();
      if (r.ok) return this.send(res, 200, TEXT, '');
      return this.send(res, 500, TEXT, `failed to reload config: ${r.error ?? ''}\n`);
    }
    if (ingest) {
      await handleIngest(this.engine, req, path, method, (status, type, body) =>
        this.send(res, status, type, body),
      );
      return;
    }
    if (path.startsWith('/api/v1/')) {
      let form: URLSearchParams | null = null;
      if (method === 'POST') {
        const type = mediaType(req);
        if (type && type !== 'application/x-www-form-urlencoded') {
          this.json(res, 400, {
            status: 'error',
            errorType: 'bad_data',
            error: `unsupported Content-Type "${type}"`,
          });
          req.resume();
          return;
        }
        const body = await readBody(req, MAX_FORM_BYTES);
        if (body === null) {
          this.json(res, 413, { status: 'error', errorType: 'bad_data', error: 'request body too large' });
          return;
        }
        form = new URLSearchParams(body);
      }
      const params: [string, string][] = [...url.searchParams, ...(form ?? [])];
      const reply = await this.engine.prometheusApi(method, path, params);
      if (reply) {
        this.send(res, reply.status, 'application/json', reply.json);
        return;
      }
    }
    if (method !== 'GET' && method !== 'HEAD') {
      this.send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    switch (path) {
      case '/-/healthy':
        this.send(res, 200, 'text/plain; charset=utf-8', 'Promdesk is Healthy.\n');
        return;
      case '/-/ready':
        this.send(res, 200, 'text/plain; charset=utf-8', 'Promdesk is Ready.\n');
        return;
      case '/metrics':
        this.send(
          res,
          200,
          'text/plain; version=0.0.4; charset=utf-8',
          (await this.engine.selfMetrics([...this.requests])) +
            this.lag.render() +
            this.wsStats.render(this.wss.clients.size),
        );
        return;
    }
    await this.serveStatic(path, req, res, url);
  }

  private async serveStatic(
    path: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const file = resolveUiFile(this.opts.rendererDir, uiFilePath(path));
    if (!file) {
      this.send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    const rel = relative(this.opts.rendererDir, file).split(sep).join('/');
    // The UI authenticates its WebSocket with the token it was opened with: keep it in a cookie,
    // and take it out of the address bar (history, screenshots, a shared link).
    const token = url.searchParams.get('token');
    if (token && rel === 'index.html') {
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      const clean = path.replace(/^\/+/, '/') + (rest ? `?${rest}` : '');
      const cookie = {
        'Set-Cookie': `promdesk_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      };
      // Followed from a link on another site, a redirect would arrive without the SameSite=Strict
      // cookie; a page of ours moving on is a same-site navigation, which carries it.
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        const page = `<!doctype html><meta http-equiv="refresh" content="0;url=${escapeAttr(clean)}"><title>Promdesk</title>\n`;
        this.send(res, 200, UI_CONTENT_TYPES['.html'], page, cookie);
      } else {
        this.send(res, 303, TEXT, 'the token is now in a cookie\n', { ...cookie, Location: clean });
      }
      return;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      const hint = rel === 'index.html' ? ' (the UI is not built: run `npm run build`)' : '';
      this.send(res, 404, 'text/plain; charset=utf-8', `not found${hint}\n`);
      return;
    }
    if (rel === 'index.html') {
      // A fresh nonce each time: the page's CodeMirror styles carry it (ui-assets.ts).
      const nonce = newCspNonce();
      this.send(res, 200, UI_CONTENT_TYPES['.html'], renderIndexHtml(data.toString('utf8'), nonce), {
        'Content-Security-Policy': uiCsp(nonce),
      });
      return;
    }
    this.send(res, 200, UI_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', data);
  }

  private send(
    res: http.ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Content-Security-Policy': UI_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(body);
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    this.send(res, status, 'application/json', JSON.stringify(body));
  }

  /** An error reply before the request was routed: Prometheus's JSON under /api/v1, else text. */
  private refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, why: string): void {
    req.resume();
    if ((req.url ?? '').startsWith('/api/v1/') && req.url !== '/api/v1/write') {
      this.json(res, status, { status: 'error', errorType: 'bad_data', error: why });
    } else {
      this.send(res, status, TEXT, why + '\n');
    }
  }
}

/** The request target as a URL; null when it cannot be one (e.g. `//[`). */
function requestUrl(raw: string | undefined): URL | null {
  const target = raw ?? '/';
  try {
    // Origin-form only: `//host/x` stays a path instead of naming a host.
    return target.startsWith('/') ? new URL(`http://x${target}`) : new URL(target);
  } catch {
    return null;
  }
}

function decodesAsUri(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function mediaType(req: http.IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}...` : s;
}

/** The request body as text, or null when over the limit. */
async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const bytes = await readRawBody(req, limit);
  return bytes && new TextDecoder().decode(bytes);
}

function cookieToken(req: http.IncomingMessage): string | null {
  const m = /(?:^|;\s*)promdesk_token=([^;]+)/.exec(req.headers.cookie ?? '');
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null; // not percent-encoding: no token (this runs in the upgrade handler too)
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
