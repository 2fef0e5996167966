// Quitting waits for the engine host to close its store (its `shutdown` call), but not forever:
// after a bound (HOST_SHUTDOWN_BOUND_MS, 10 s) the host is killed, so a stuck engine cannot keep
// the app from quitting. The store survives a kill (its log is replayed on the next start); a
// wait is only kinder. Plain functions, tested in Node.

export type ShutdownOutcome =
  | { outcome: 'closed'; ms: number }
  | { outcome: 'timed-out'; ms: number }
  | { outcome: 'failed'; ms: number; error: string };

/** Asks the host to shut down; kills it when that fails or takes longer than `boundMs`. */
export async function shutdownWithin(opts: {
  shutdown: () => Promise<unknown>;
  kill: () => void;
  boundMs: number;
}): Promise<ShutdownOutcome> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), opts.boundMs);
  });
  let result: ShutdownOutcome;
  try {
    const first = await Promise.race([opts.shutdown().then(() => 'closed' as const), bound]);
    result = { outcome: first, ms: Date.now() - started };
  } catch (err) {
    result = { outcome: 'failed', ms: Date.now() - started, error: (err as Error)?.message ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
  if (result.outcome !== 'closed') opts.kill();
  return result;
}

interface PreventableEvent {
  preventDefault(): void;
}

/**
 * For app.on('before-quit'): the first quit is held (preventDefault) while `stop` runs; when it
 * settles, `quit` is called again and this time let through. Quits meanwhile are held too.
 */
export function quitGate(stop: () => Promise<unknown>, quit: () => void): (e: PreventableEvent) => void {
  let state: 'open' | 'stopping' | 'done' = 'open';
  return (e) => {
    if (state === 'done') return;
    e.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void stop()
      .catch(() => undefined)
      .finally(() => {
        state = 'done';
        quit();
      });
  };
}
