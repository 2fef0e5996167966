// The Api over a WebSocket (headless `promdesk serve`): binary frames (shared/wire.ts) carrying an
// RpcPeer's messages (shared/rpc), which matches replies, times calls out and fans events out.
// This file keeps what is the socket's own: it reconnects with backoff and re-sends active
// subscriptions, since the server forgets them with the old socket, and keeps at most
// MAX_PENDING_CALLS calls on the wire (the server refuses more); the rest wait here in order.
import type { Api, ApiEvent, ApiMethod, ApiParams, ApiResult, SubscribeRequest } from '../../shared/api';
import { makeApiClient } from '../../shared/api';
import type { RpcMessage, RpcRequest } from '../../shared/rpc/messages';
import { RpcPeer } from '../../shared/rpc/peer';
import { MAX_PENDING_CALLS } from '../../shared/session-limits';
import { decodeFrame, encodeFrame } from '../../shared/wire';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

const REQUEST_TIMEOUT_MS = 60_000;

export class WsApiClient {
  private ws: WebSocket | null = null;
  private readonly peer: RpcPeer;
  /** Requests waiting for room on the wire (or for a socket), in order. */
  private queue: RpcRequest[] = [];
  /** Ids sent on the current socket and not yet answered. */
  private onWire = new Set<number>();
  private listeners = new Set<(e: ApiEvent) => void>();
  private stateListeners = new Set<(s: ConnectionState) => void>();
  private subscriptions = new Map<string, SubscribeRequest>();
  private attempt = 0;
  private everOpened = false;
  private closed = false;
  state: ConnectionState = 'connecting';

  constructor(
    private readonly url: string,
    opts: { timeoutMs?: number } = {},
  ) {
    this.peer = new RpcPeer(
      { send: (m) => this.send(m) },
      {
        name: 'Promdesk',
        timeoutMs: opts.timeoutMs ?? REQUEST_TIMEOUT_MS,
        onEvent: (e) => this.fanOut(e as ApiEvent),
        onProblem: (p) => console.warn(`promdesk: ${p}`),
      },
    );
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
        this.peer
          .call('subscribe', [sub])
          .catch((e: unknown) => console.warn('promdesk: re-subscribe failed', e));
      }
      for (const m of q) this.send(m);
    };
    ws.onmessage = (ev) => {
      if (!(ev.data instanceof ArrayBuffer)) return;
      let msg: unknown;
      try {
        msg = decodeFrame(ev.data);
      } catch (e) {
        console.warn('promdesk: undecodable frame', e);
        return;
      }
      const reply = msg as Partial<RpcMessage> | null;
      if (reply?.kind === 'reply' && typeof reply.id === 'number' && this.onWire.delete(reply.id))
        this.drain();
      this.peer.receive(msg);
    };
    // The close event that follows an error reports it and reconnects (and without a listener,
    // Node's ws package would throw the error).
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (this.ws !== ws || this.closed) return;
      this.ws = null;
      // e.g. "client too slow: ..." when this page fell behind on what the server sent.
      if (ev.reason) console.warn(`promdesk: the server closed the connection: ${ev.reason}`);
      // Calls in flight on the dead socket will never be answered: fail them now.
      for (const id of this.onWire) this.peer.fail(id, new Error('connection to Promdesk lost'));
      this.onWire.clear();
      this.setState(this.everOpened ? 'reconnecting' : 'connecting');
      const delay = Math.min(10_000, 250 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt++;
      setTimeout(() => this.connect(), delay);
    };
  }

  /** The peer's channel: requests wait their turn for the wire; a cancel of one still waiting just drops it. */
  private send(m: RpcMessage): void {
    if (m.kind === 'request') {
      if (this.queue.length === 0 && this.canSend()) this.put(m);
      else this.queue.push(m);
      return;
    }
    if (m.kind === 'cancel') {
      const i = this.queue.findIndex((q) => q.id === m.id);
      if (i >= 0) {
        this.queue.splice(i, 1);
        return;
      }
      if (!this.onWire.has(m.id)) return;
    }
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeFrame(m) as Uint8Array<ArrayBuffer>);
  }

  private canSend(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.onWire.size < MAX_PENDING_CALLS;
  }

  private put(m: RpcRequest): void {
    this.onWire.add(m.id);
    this.ws!.send(encodeFrame(m) as Uint8Array<ArrayBuffer>);
  }

  /** Sends waiting calls while there is room on the wire; those no longer awaited are dropped. */
  private drain(): void {
    while (this.queue.length > 0 && this.canSend()) {
      const m = this.queue.shift()!;
      if (this.peer.isPending(m.id)) this.put(m);
    }
  }

  private fanOut(e: ApiEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        console.error('promdesk: event listener failed', err);
      }
    }
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
    return this.peer.call<ApiResult<M>>(method, ps);
  }

  onEvent(l: (e: ApiEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Closes the socket for good (no reconnect); calls still waiting fail, later ones at once. */
  close(): void {
    this.closed = true;
    this.ws?.close();
    this.ws = null;
    this.queue = [];
    this.peer.close('the Api client was closed');
  }

  api(): Api {
    return makeApiClient(
      (method, params) => this.call(method, ...(params as ApiParams<typeof method>)),
      (l) => this.onEvent(l),
    );
  }
}
