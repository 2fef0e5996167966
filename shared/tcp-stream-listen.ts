// How long a test scrape of a tcp-stream target listens: a stream never ends, so the preview
// folds what arrives within the target's timeout or 2 s, whichever is shorter. Shared so the
// target editor can say how long it waits.

export const TCP_TEST_LISTEN_MAX_MS = 2000;

export function tcpTestListenMs(timeoutMs: number): number {
  return Math.max(0, Math.min(timeoutMs, TCP_TEST_LISTEN_MAX_MS));
}
