// The headless server: the renderer build at /, the Api over a WebSocket at /api/ws, the
// Prometheus HTTP API under /api/v1, health endpoints and Promdesk's own /metrics. Bound to
// 127.0.0.1 by default with a Host check against DNS rebinding; a token is required when bound
// to any other address.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiMessage } from '../../../shared/api';
import { apiRequestMessageSchema } from '../../../shared/api-schemas';
import { decodeFrame, encodeFrame } from '../../../shared/wire';
import type { EngineLink } from '../engine-link';
import { EventLoopLag } from './event-loop-lag';
import { handleIngest, ingestHandler, readRawBody } from './ingest-routes';
import { UI_CONTENT_TYPES, UI_CSP } from './ui-assets';

export interface ServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Required from clients when set (Authorization: Bearer, or ?token= for the UI). */
  token: string | null;
}

const MAX_FORM_BYTES = 10 * 1024 * 1024;
const MAX_WS_MESSAGE = 16 * 1024 * 1024;

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

export class PromdeskServer {
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly requests = new Map<string, number>();
  private readonly lag = new EventLoopLag();
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
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const denied = this.deny(req, url);
      if (denied || url.pathname !== '/api/ws') {
        socket.end(
          `HTTP/1.1 ${denied ? 403 : 404} ${denied ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.session(ws));
    });
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
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const denied = this.deny(req, url);
    if (denied) {
      this.send(res, 403, 'text/plain; charset=utf-8', denied + '\n');
      return;
    }
    const path = url.pathname;
    const ingest = ingestHandler(path);
    if (ingest) {
      this.count(ingest);
      await handleIngest(this.engine, req, path, method, (status, type, body) =>
        this.send(res, status, type, body),
      );
      return;
    }
    if (path.startsWith('/api/v1/')) {
      this.count(path.replace(/\/label\/[^/]+\/values$/, '/label/:name/values'));
      let form: URLSearchParams | null = null;
      if (method === 'POST') {
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
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
        this.count('/metrics');
        this.send(
          res,
          200,
          'text/plain; version=0.0.4; charset=utf-8',
          (await this.engine.selfMetrics([...this.requests])) + this.lag.render(),
        );
        return;
    }
    await this.serveStatic(path, res, url);
  }

  private async serveStatic(path: string, res: http.ServerResponse, url: URL): Promise<void> {
    const rel = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    const file = normalize(join(this.opts.rendererDir, rel));
    if (!file.startsWith(normalize(this.opts.rendererDir) + sep)) {
      this.send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
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
    const headers: Record<string, string> = {};
    // The UI authenticates its WebSocket with the token it was opened with; keep it in a cookie.
    const token = url.searchParams.get('token');
    if (token && rel === 'index.html')
      headers['Set-Cookie'] =
        `promdesk_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    this.send(res, 200, UI_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', data, headers);
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

  private session(ws: WebSocket): void {
    const send = (msg: ApiMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame(msg));
    };
    const session = this.engine.openSession((event) => send({ kind: 'event', event }));
    ws.on('message', (data, isBinary) => {
      let id = -1;
      try {
        const raw: unknown = isBinary ? decodeFrame(toUint8(data)) : JSON.parse(String(data));
        // Answer even a malformed request under its own id, so the caller is not left waiting.
        const rawId = (raw as { id?: unknown } | null)?.id;
        if (typeof rawId === 'number') id = rawId;
        const msg = apiRequestMessageSchema.parse(raw);
        id = msg.id;
        session.call(msg.method, msg.params).then(
          (result) => send({ kind: 'reply', id: msg.id, ok: true, result }),
          (err: Error) => send({ kind: 'reply', id: msg.id, ok: false, error: err.message }),
        );
      } catch (err) {
        send({
          kind: 'reply',
          id,
          ok: false,
          error: `malformed request: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    });
    ws.on('close', () => session.close());
    ws.on('error', () => session.close());
  }
}

function toUint8(data: unknown): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data as Buffer;
}

/** The request body as text, or null when over the limit. */
async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const bytes = await readRawBody(req, limit);
  return bytes && new TextDecoder().decode(bytes);
}

function cookieToken(req: http.IncomingMessage): string | null {
  const m = /(?:^|;\s*)promdesk_token=([^;]+)/.exec(req.headers.cookie ?? '');
  return m ? decodeURIComponent(m[1]) : null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
