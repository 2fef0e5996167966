// One WebSocket connection of the Api: requests in, replies and pushed events out, within bounds,
// matched and carried by an RpcPeer (shared/rpc) over binary frames (shared/wire.ts).
// A client may have MAX_PENDING_CALLS calls unanswered (more are refused at once, not queued for
// the engine), and at most `maxBufferedBytes` waiting to be sent to it: a client that stops
// reading is closed rather than buffered for without end. The engine never waits on a client:
// its events arrive here and are sent or dropped.
import type { RawData, WebSocket } from 'ws';
import type { ApiMessage, ApiMethod, ApiRequestMessage } from '../../../shared/api';
import { apiParamSchemas, apiRequestMessageSchema } from '../../../shared/api-schemas';
import type { RpcCancel, RpcMessage } from '../../../shared/rpc/messages';
import { RpcPeer } from '../../../shared/rpc/peer';
import { MAX_PENDING_CALLS } from '../../../shared/session-limits';
import { decodeFrame, encodeFrame } from '../../../shared/wire';
import type { EngineLink } from '../engine-link';

export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** After the close frame is queued, how long a client that does not read gets before its socket is cut. */
const CLOSE_GRACE_MS = 5000;

/** Counters of the HTTP thread's /metrics. */
export class WsStats {
  slowClientsClosed = 0;
  callsRefused = 0;

  render(connections: number): string {
    return [
      '# HELP promdesk_websocket_connections Open WebSocket Api connections.',
      '# TYPE promdesk_websocket_connections gauge',
      `promdesk_websocket_connections ${connections}`,
      '# HELP promdesk_websocket_slow_clients_closed_total Connections closed for not reading what was sent to them.',
      '# TYPE promdesk_websocket_slow_clients_closed_total counter',
      `promdesk_websocket_slow_clients_closed_total ${this.slowClientsClosed}`,
      '# HELP promdesk_websocket_calls_refused_total Api calls refused for exceeding the calls in flight per connection.',
      '# TYPE promdesk_websocket_calls_refused_total counter',
      `promdesk_websocket_calls_refused_total ${this.callsRefused}`,
      '',
    ].join('\n');
  }
}

export function serveWsSession(
  ws: WebSocket,
  engine: EngineLink,
  maxBufferedBytes: number,
  stats: WsStats,
): void {
  let closed = false;
  const end = () => {
    if (closed) return;
    closed = true;
    peer.close('the WebSocket client went away');
    session.close();
  };
  const send = (msg: ApiMessage | RpcMessage) => {
    if (closed || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBufferedBytes) {
      stats.slowClientsClosed++;
      end();
      const mib = Math.round(maxBufferedBytes / 1024 / 1024);
      ws.close(1008, `client too slow: over ${mib} MiB waiting to be sent to it; reconnect`);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    ws.send(encodeFrame(msg));
  };
  const peer: RpcPeer = new RpcPeer(
    { send },
    {
      name: 'the WebSocket client',
      handle: (method, params) => {
        // peer.handling counts this call too.
        if (peer.handling > MAX_PENDING_CALLS) {
          stats.callsRefused++;
          throw new Error(
            `${method}: too many calls in flight on this connection (at most ${MAX_PENDING_CALLS}); wait for replies before sending more`,
          );
        }
        return session.call(method as ApiMethod, params);
      },
    },
  );
  const session = engine.openSession((event) => peer.emit(event));
  ws.on('message', (data, isBinary) => {
    if (closed) return; // being closed as too slow: its session is gone
    const req = readRequest(data, isBinary);
    if ('error' in req)
      send({ kind: 'reply', id: req.id, ok: false, error: `malformed request: ${req.error}` });
    else peer.receive(req.msg);
  });
  ws.on('close', end);
  ws.on('error', end);
}

/**
 * The request (or a cancel of one) in a frame, or what is wrong with it (with the request's id
 * when it has one, so the caller is not left waiting).
 */
export function readRequest(
  data: RawData,
  isBinary: boolean,
): { msg: ApiRequestMessage | RpcCancel } | { id: number; error: string } {
  let raw: unknown;
  try {
    raw = isBinary ? decodeFrame(toUint8(data)) : JSON.parse(toText(data));
  } catch (err) {
    const what = isBinary ? 'not a Promdesk binary frame' : 'not JSON';
    return { id: -1, error: `${what}: ${(err as Error).message}` };
  }
  const obj =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const id = typeof obj?.id === 'number' && Number.isSafeInteger(obj.id) ? obj.id : -1;
  if (!obj) return { id, error: `expected an object {kind, id, method, params}, got ${describe(raw)}` };
  // A client's timeout or abort: the call is still answered (that reply frees its slot).
  if (obj.kind === 'cancel' && id >= 0) return { msg: { kind: 'cancel', id } };
  if (typeof obj.method === 'string' && !Object.hasOwn(apiParamSchemas, obj.method))
    return { id, error: `unknown method "${obj.method.slice(0, 100)}"` };
  const parsed = apiRequestMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { id, error: `field "${issue.path.join('.') || '(message)'}": ${issue.message}` };
  }
  return { msg: parsed.data as ApiRequestMessage };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

function toUint8(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function toText(data: RawData): string {
  return Buffer.from(toUint8(data)).toString('utf8');
}
