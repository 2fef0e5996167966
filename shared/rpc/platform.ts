// The few host facilities the RPC layer needs (timers, AbortController), typed here so shared/
// compiles with neither DOM nor Node types. Browsers, workers and Node all provide them globally.

/** The part of an AbortSignal the RPC layer reads; a DOM or Node AbortSignal fits it. */
export interface RpcAbortSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

interface AbortControllerLike {
  readonly signal: RpcAbortSignal;
  abort(reason?: unknown): void;
}

interface Host {
  AbortController: new () => AbortControllerLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as Host;

export const newAbortController = (): AbortControllerLike => new host.AbortController();

export const startTimer = (fn: () => void, ms: number): unknown => host.setTimeout(fn, ms);

export const stopTimer = (handle: unknown): void => host.clearTimeout(handle);
