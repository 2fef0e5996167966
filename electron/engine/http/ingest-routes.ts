// The HTTP thread's side of the ingestion endpoints: remote write (POST /api/v1/write), OTLP
// metrics (POST /api/v1/otlp/v1/metrics) and Pushgateway-style pushes (/metrics/job/...). It only reads the body, bounded, into a buffer of
// its own and hands it to the engine thread (transferred, not copied); decoding happens there.
import type http from 'node:http';
import type { EngineLink } from '../engine-link';
import { REMOTE_WRITE_MAX_BYTES } from '../remote-write/receiver';
import { PUSH_MAX_BYTES, PUSH_PATH_PREFIX } from '../push/push-request';
import { OTLP_MAX_BYTES, OTLP_PATH } from '../otlp/receiver';

type Send = (status: number, type: string, body: string) => void;

/** The handler name for /metrics counting, or null when the path is not an ingestion route. */
export function ingestHandler(path: string): string | null {
  if (path === '/api/v1/write') return '/api/v1/write';
  if (path === OTLP_PATH) return OTLP_PATH;
  if (path.startsWith(PUSH_PATH_PREFIX + '/') || path.startsWith(PUSH_PATH_PREFIX + '@base64/'))
    return '/metrics/job';
  return null;
}

export async function handleIngest(
  engine: EngineLink,
  req: http.IncomingMessage,
  path: string,
  method: string,
  send: Send,
): Promise<void> {
  const text = 'text/plain; charset=utf-8';
  if (path === '/api/v1/write') {
    if (method !== 'POST') {
      req.resume();
      return send(405, text, 'remote write takes POST\n');
    }
    const body = await readRawBody(req, REMOTE_WRITE_MAX_BYTES);
    const encoding = header(req, 'content-encoding');
    const r = await engine.remoteWrite(body, encoding);
    return send(r.status, text, r.message);
  }
  if (path === OTLP_PATH) {
    if (method !== 'POST') {
      req.resume();
      return send(405, text, 'OTLP metrics take POST\n');
    }
    const body = await readRawBody(req, OTLP_MAX_BYTES);
    const contentType = header(req, 'content-type');
    const r = await engine.otlp({ body, contentType, encoding: header(req, 'content-encoding') });
    return send(r.status, r.contentType, r.body);
  }
  if (method !== 'PUT' && method !== 'POST' && method !== 'DELETE') {
    req.resume();
    return send(405, text, 'push takes PUT, POST or DELETE\n');
  }
  const body = await readRawBody(req, PUSH_MAX_BYTES);
  if (body === null) return send(413, text, `push body larger than ${PUSH_MAX_BYTES} bytes\n`);
  const r = await engine.push({ method, path, contentType: header(req, 'content-type'), body });
  return send(r.status, text, r.message);
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

/** The body in a buffer of its own (so it can be transferred), or null when over the limit. */
export function readRawBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (over) return resolve(null);
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    req.on('error', reject);
  });
}
