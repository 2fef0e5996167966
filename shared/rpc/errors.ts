// How a call over RPC fails: the remote handler threw (RpcError, carrying the remote error's
// name, so a caller can tell a ConfigError from a query timeout without parsing messages), no
// reply came in time (RpcTimeoutError), or the peer was closed (RpcClosedError).

/** A failure on the other side. `name` is the remote error's name (e.g. 'ConfigError'). */
export class RpcError extends Error {
  constructor(message: string, remoteName?: string) {
    super(message);
    this.name = remoteName || 'Error';
  }
}

export class RpcTimeoutError extends Error {
  override name = 'RpcTimeoutError';
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
    peerName: string,
  ) {
    super(`${method}: no reply from ${peerName} within ${formatMs(timeoutMs)}`);
  }
}

export class RpcClosedError extends Error {
  override name = 'RpcClosedError';
}

/** What a thrown value says about itself, as a reply carries it. */
export function errorParts(err: unknown): { error: string; errorName?: string } {
  if (err instanceof Error) return { error: err.message, errorName: err.name || undefined };
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    // Errors from another realm (a DOMException in a worker) fail instanceof but carry the same parts.
    const e = err as { message: string; name?: unknown };
    return { error: e.message, errorName: typeof e.name === 'string' ? e.name : undefined };
  }
  return { error: String(err) };
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** An Error named 'AbortError', as fetch and AbortSignal use for a cancelled operation. */
export function abortError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}
