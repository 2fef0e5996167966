// A real HTTP exporter on 127.0.0.1 for tests: each request gets the body (or behaviour) the
// test sets, and the exporter counts requests and connections.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { kind: 'body'; body: string; contentType?: string; gzip?: boolean; status?: number }
  | { kind: 'hang' }
  | { kind: 'huge'; bytes: number };

export interface TestExporter {
  url: string;
  port: number;
  requests: number;
  connections: number;
  lastHeaders: http.IncomingHttpHeaders | null;
  set(b: Behaviour | ((n: number) => Behaviour)): void;
  close(): Promise<void>;
}

export async function startExporter(
  initial: Behaviour | ((n: number) => Behaviour) = { kind: 'body', body: '' },
): Promise<TestExporter> {
  let behaviour: Behaviour | ((n: number) => Behaviour) = initial;
  const state = { requests: 0, connections: 0, lastHeaders: null as http.IncomingHttpHeaders | null };
  const server = http.createServer((req, res) => {
    state.requests++;
    state.lastHeaders = req.headers;
    const b = typeof behaviour === 'function' ? behaviour(state.requests) : behaviour;
    if (b.kind === 'hang') return; // never answers
    if (b.kind === 'huge') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < b.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': b.contentType ?? 'text/plain; version=0.0.4; charset=utf-8',
    };
    let payload: Buffer = Buffer.from(b.body);
    if (b.gzip) {
      payload = gzipSync(payload);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(b.status ?? 200, headers);
    res.end(payload);
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    port,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    get lastHeaders() {
      return state.lastHeaders;
    },
    set(b) {
      behaviour = b;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
