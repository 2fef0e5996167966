// The Api over a WebSocket (headless `promdesk serve`): binary frames (shared/wire.ts), request
// ids matched to replies, pushed events fanned out to listeners. Reconnects with backoff and
// re-sends active subscriptions, since the server forgets them with the old socket. Keeps at most
// MAX_PENDING_CALLS calls on the wire (the server refuses more); the rest wait here in order.
import type {
  Api,
  ApiEvent,
  ApiMessage,
  ApiMethod,
  ApiParams,
  ApiRequestMessage,
  ApiResult,
  SubscribeRequest,
} from '../../shared/api';
import { makeApiClient } from '../../shared/api';
import { MAX_PENDING_CALLS } from '../../shared/session-limits';
import { decodeFrame, encodeFrame } from '../../shared/wire';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

const REQUEST_TIMEOUT_MS = 60_000;

export class WsApiClient {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private queue: ApiRequestMessage[] = [];
  /** Ids sent on the current socket and not yet answered. */
  private onWire = new Set<number>();
  private listeners = new Set<(e: ApiEvent) => void>();
  private stateListeners = new Set<(s: ConnectionState) => void>();
  private subscriptions = new Map<string, SubscribeRequest>();
  private attempt = 0;
  private everOpened = false;
  private closed = false;
  state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {
    this.connect();
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  onState(l: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  }

  private connect(): void {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.everOpened = true;
      this.setState('open');
      // Subscriptions first, so pushes resume before queued calls are answered.
      const q = this.queue;
      this.queue = [];
      const queued = new Set(
        q
          .filter((m) => m.method === 'subscribe')
          .map((m) => (m.params[0] as SubscribeRequest).subscriptionId),
      );
      for (const sub of this.subscriptions.values()) {
        if (queued.has(sub.subscriptionId)) continue;
        const { msg, done } = this.request('subscribe', [sub]);
        done.catch((e: unknown) => console.warn('promdesk: re-subscribe failed', e));
        this.send(msg);
      }
      for (const m of q) this.send(m);
    };
    ws.onmessage = (ev) => {
      if (!(ev.data instanceof ArrayBuffer)) return;
      let msg: ApiMessage;
      try {
        msg = decodeFrame(ev.data) as ApiMessage;
      } catch (e) {
        console.warn('promdesk: undecodable frame', e);
        return;
      }
      if (msg.kind === 'reply') {
        this.onWire.delete(msg.id);
        this.drain();
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new Error(msg.error));
      } else if (msg.kind === 'event') {
        for (const l of this.listeners) {
          try {
            l(msg.event);
          } catch (e) {
            console.error('promdesk: event listener failed', e);
          }
        }
      }
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws || this.closed) return;
      this.ws = null;
      // e.g. "client too slow: ..." when this page fell behind on what the server sent.
      if (ev.reason) console.warn(`promdesk: the server closed the connection: ${ev.reason}`);
      // Calls in flight on the dead socket will never be answered: fail them now.
      for (const id of this.onWire) {
        this.pending.get(id)?.reject(new Error('connection to Promdesk lost'));
        this.pending.delete(id);
      }
      this.onWire.clear();
      this.setState(this.everOpened ? 'reconnecting' : 'connecting');
      const delay = Math.min(10_000, 250 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt++;
      setTimeout(() => this.connect(), delay);
    };
  }

  private send(m: ApiRequestMessage): void {
    if (this.queue.length === 0 && this.canSend()) this.put(m);
    else this.queue.push(m);
  }

  private canSend(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.onWire.size < MAX_PENDING_CALLS;
  }

  private put(m: ApiRequestMessage): void {
    this.onWire.add(m.id);
    this.ws!.send(encodeFrame(m) as Uint8Array<ArrayBuffer>);
  }

  /** Sends waiting calls while there is room on the wire; those that timed out are dropped. */
  private drain(): void {
    while (this.queue.length > 0 && this.canSend()) {
      const m = this.queue.shift()!;
      if (this.pending.has(m.id)) this.put(m);
    }
  }

  private request(method: ApiMethod, params: unknown[]): { msg: ApiRequestMessage; done: Promise<unknown> } {
    const id = this.nextId++;
    const msg: ApiRequestMessage = { kind: 'request', id, method, params };
    const done = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`${method}: no reply from Promdesk`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
    return { msg, done };
  }

  call<M extends ApiMethod>(method: M, ...params: ApiParams<M>): Promise<ApiResult<M>> {
    if (method === 'subscribe') {
      const sub = params[0] as SubscribeRequest;
      this.subscriptions.set(sub.subscriptionId, sub);
    } else if (method === 'unsubscribe') {
      this.subscriptions.delete(params[0] as string);
    }
    // JSON turns `undefined` into null: drop trailing optional arguments instead.
    const ps: unknown[] = [...params];
    while (ps.length && ps[ps.length - 1] === undefined) ps.pop();
    const { msg, done } = this.request(method, ps);
    this.send(msg);
    return done as Promise<ApiResult<M>>;
  }

  onEvent(l: (e: ApiEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Closes the socket for good (no reconnect); calls still waiting fail. */
  close(): void {
    this.closed = true;
    this.ws?.close();
    this.ws = null;
    for (const p of this.pending.values()) p.reject(new Error('the Api client was closed'));
    this.pending.clear();
  }

  api(): Api {
    return makeApiClient(
      (method, params) => this.call(method, ...(params as ApiParams<typeof method>)),
      (l) => this.onEvent(l),
    );
  }
}
