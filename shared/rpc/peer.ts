// One end of an RPC connection, over any channel that carries RpcMessages (a worker's port,
// Electron IPC, a WebSocket through shared/wire.ts): it numbers its calls and matches replies to
// them, answers the other end's requests through one handler, carries events, times calls out,
// cancels them, and fails them all when the connection closes. Both ends may call and answer.
//
// Every request gets exactly one reply, even one that was cancelled (the caller ignores it), so a
// transport that counts calls in flight stays right. Nothing the other end sends can make
// receive() throw: a malformed message is answered with an error (when it has an id) or reported.
import { RpcClosedError, RpcError, RpcTimeoutError, errorParts, abortError } from './errors';
import { readRpcMessage, type ReadResult, type RpcMessage, type RpcRequest } from './messages';
import { newAbortController, startTimer, stopTimer, type RpcAbortSignal } from './platform';

export interface RpcChannel {
  /** Sends one message; `transfer` lists buffers to move rather than copy, where the channel can. */
  send(msg: RpcMessage, transfer?: readonly unknown[]): void;
}

export interface RpcContext {
  /** The scope the caller named (e.g. a session id), if any. */
  scope?: number;
  /** Aborted when the caller cancels or gives up, or the peer closes. A real AbortSignal at run time. */
  signal: RpcAbortSignal;
}

export type RpcHandler = (method: string, params: unknown[], ctx: RpcContext) => unknown | Promise<unknown>;

export interface RpcPeerOptions {
  /** Answers the other end's requests; without it, requests are refused. */
  handle?: RpcHandler;
  onEvent?: (event: unknown, scope?: number, topic?: string) => void;
  /** Default per-call timeout in ms; 0 (the default) waits without end. */
  timeoutMs?: number;
  /** The other end, as error messages name it ("the engine thread"). */
  name?: string;
  /** Told of what went wrong without a caller to tell (malformed messages, a failing listener). */
  onProblem?: (problem: string) => void;
}

export interface RpcCallOptions {
  scope?: number;
  /** Overrides the peer's default; 0 waits without end. */
  timeoutMs?: number;
  /** Aborting it rejects the call with the signal's reason and sends `cancel` to the other end. */
  signal?: RpcAbortSignal;
  transfer?: readonly unknown[];
}

/** A handler's result whose buffers are to be moved, not copied (see withTransfer). */
export class RpcTransfer {
  constructor(
    readonly value: unknown,
    readonly transfer: readonly unknown[],
  ) {}
}

/** For a handler to return: the reply carries `value` and moves `transfer` where the channel can. */
export const withTransfer = (value: unknown, transfer: readonly unknown[]): RpcTransfer =>
  new RpcTransfer(value, transfer);

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: unknown;
  unlisten: (() => void) | null;
}

/**
 * A request being answered. Its AbortController is made only when the handler reads ctx.signal:
 * making a signal costs more than the rest of a round trip, and most handlers never read it.
 */
class Running {
  private controller: ReturnType<typeof newAbortController> | null = null;
  private aborted = false;
  private reason: unknown;

  get signal(): RpcAbortSignal {
    if (!this.controller) {
      this.controller = newAbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}

export class RpcPeer {
  readonly name: string;
  private nextId = 1;
  private readonly calls = new Map<number, Pending>();
  private readonly running = new Map<number, Running>();
  private closedMessage: string | null = null;

  constructor(
    private readonly channel: RpcChannel,
    private readonly opts: RpcPeerOptions = {},
  ) {
    this.name = opts.name ?? 'the other end';
  }

  /** Calls of this end waiting for their reply. */
  get pending(): number {
    return this.calls.size;
  }

  /** Requests of the other end being answered here. */
  get handling(): number {
    return this.running.size;
  }

  get closed(): boolean {
    return this.closedMessage !== null;
  }

  call<T = unknown>(method: string, params: unknown[], opts: RpcCallOptions = {}): Promise<T> {
    if (this.closedMessage !== null) return Promise.reject(new RpcClosedError(this.closedMessage));
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal, method));
    const id = this.nextId++;
    const msg: RpcRequest = { kind: 'request', id, method, params };
    if (opts.scope !== undefined) msg.scope = opts.scope;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, timer: null, unlisten: null };
      this.calls.set(id, p);
      const ms = opts.timeoutMs ?? this.opts.timeoutMs ?? 0;
      if (ms > 0) p.timer = startTimer(() => this.giveUp(id, new RpcTimeoutError(method, ms, this.name)), ms);
      if (signal) {
        const onAbort = () => this.giveUp(id, abortReason(signal, method));
        signal.addEventListener('abort', onAbort, { once: true });
        p.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      try {
        this.channel.send(msg, opts.transfer);
      } catch (err) {
        this.settle(id)?.reject(err);
      }
    });
  }

  emit(event: unknown, opts: { scope?: number; topic?: string; transfer?: readonly unknown[] } = {}): void {
    if (this.closedMessage !== null) return;
    const msg: RpcMessage = { kind: 'event', event };
    if (opts.scope !== undefined) msg.scope = opts.scope;
    if (opts.topic !== undefined) msg.topic = opts.topic;
    this.trySend(msg, opts.transfer);
  }

  /** Feeds one message from the channel. Never throws. */
  receive(raw: unknown): void {
    if (this.closedMessage !== null) return;
    const read = readRpcMessage(raw);
    if (!read.ok) return this.refuse(read);
    const msg = read.msg;
    switch (msg.kind) {
      case 'reply': {
        const p = this.settle(msg.id);
        // No one waits for it: the call timed out or was cancelled, or the id is not ours.
        if (!p) return;
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new RpcError(msg.error, msg.errorName));
        return;
      }
      case 'request':
        return this.serve(msg);
      case 'event':
        try {
          this.opts.onEvent?.(msg.event, msg.scope, msg.topic);
        } catch (err) {
          this.problem(`an event listener failed: ${errorParts(err).error}`);
        }
        return;
      case 'cancel':
        this.running.get(msg.id)?.abort(abortError('cancelled by the caller'));
        return;
    }
  }

  /**
   * Ends this end: every call waiting rejects with RpcClosedError(`reason`), later calls reject
   * at once, requests being answered see their signal abort, and nothing more is sent.
   */
  close(reason?: string): void {
    if (this.closedMessage !== null) return;
    const message = reason ?? `the connection to ${this.name} was closed`;
    this.closedMessage = message;
    for (const id of [...this.calls.keys()]) this.settle(id)?.reject(new RpcClosedError(message));
    const running = [...this.running.values()];
    this.running.clear();
    for (const r of running) r.abort(new RpcClosedError(message));
  }

  /**
   * Rejects one waiting call with `error`, as when the transport knows its request was lost (a
   * socket dropped with it on the wire). False if the call is not waiting.
   */
  fail(id: number, error: unknown): boolean {
    const p = this.settle(id);
    p?.reject(error);
    return p !== undefined;
  }

  /** Whether call `id` still waits for its reply (a transport may drop a queued request that does not). */
  isPending(id: number): boolean {
    return this.calls.has(id);
  }

  private serve(req: RpcRequest): void {
    const { id, method } = req;
    const handle = this.opts.handle;
    if (!handle) return this.replyError(id, { error: `${method}: this end answers no requests` });
    if (this.running.has(id)) {
      return this.replyError(id, {
        error: `request id ${id} is still being answered; a request id must not be reused while in flight`,
      });
    }
    const controller = new Running();
    this.running.set(id, controller);
    const ctx: RpcContext = {
      get signal() {
        return controller.signal;
      },
    };
    if (req.scope !== undefined) ctx.scope = req.scope;
    let out: unknown;
    try {
      out = handle(method, req.params, ctx);
    } catch (err) {
      this.finish(id, controller, false, err);
      return;
    }
    if (isThenable(out)) {
      out.then(
        (v) => this.finish(id, controller, true, v),
        (e) => this.finish(id, controller, false, e),
      );
    } else {
      this.finish(id, controller, true, out);
    }
  }

  private finish(id: number, controller: Running, ok: boolean, value: unknown): void {
    // A peer closed meanwhile has cleared `running`: its replies have nowhere to go.
    if (this.running.get(id) !== controller) return;
    this.running.delete(id);
    if (!ok) return this.replyError(id, errorParts(value));
    const [result, transfer] =
      value instanceof RpcTransfer ? [value.value, value.transfer] : [value, undefined];
    try {
      this.channel.send({ kind: 'reply', id, ok: true, result }, transfer);
    } catch (err) {
      // e.g. a result the channel cannot clone: the caller still gets an answer.
      this.replyError(id, { error: `the reply could not be sent: ${errorParts(err).error}` });
    }
  }

  private replyError(id: number, parts: { error: string; errorName?: string }): void {
    const msg: RpcMessage = { kind: 'reply', id, ok: false, error: parts.error };
    if (parts.errorName) msg.errorName = parts.errorName;
    this.trySend(msg);
  }

  private refuse(read: Extract<ReadResult, { ok: false }>): void {
    const { id, kind, error } = read;
    if (kind === 'reply' && id !== null && this.calls.has(id)) {
      this.settle(id)!.reject(new RpcError(`malformed reply from ${this.name}: ${error}`, 'RpcError'));
    } else if (id !== null && (kind === null || kind === 'request')) {
      this.replyError(id, { error: `malformed request: ${error}`, errorName: 'RpcError' });
    } else {
      this.problem(`malformed message from ${this.name} dropped: ${error}`);
    }
  }

  private giveUp(id: number, reason: unknown): void {
    const p = this.settle(id);
    if (!p) return;
    p.reject(reason);
    this.trySend({ kind: 'cancel', id });
  }

  private settle(id: number): Pending | undefined {
    const p = this.calls.get(id);
    if (!p) return undefined;
    this.calls.delete(id);
    if (p.timer !== null) stopTimer(p.timer);
    p.unlisten?.();
    return p;
  }

  private trySend(msg: RpcMessage, transfer?: readonly unknown[]): void {
    if (this.closedMessage !== null) return;
    try {
      this.channel.send(msg, transfer);
    } catch (err) {
      this.problem(`could not send a ${msg.kind} to ${this.name}: ${errorParts(err).error}`);
    }
  }

  private problem(text: string): void {
    if (this.opts.onProblem) {
      try {
        this.opts.onProblem(text);
      } catch {
        // A reporter that throws must not turn a dropped message into a crash.
      }
      return;
    }
    (globalThis as { console?: { warn(...a: unknown[]): void } }).console?.warn(`promdesk rpc: ${text}`);
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

function abortReason(signal: RpcAbortSignal, method: string): unknown {
  return signal.reason ?? abortError(`${method}: cancelled`);
}
