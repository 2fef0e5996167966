// A remote's health for the status view: ok, retrying (sends fail and are retried), or failing
// (a batch was rejected and dropped, or retries have gone on for FAILING_AFTER_MS), with the last
// error and when it happened.

export type SendState = 'ok' | 'retrying' | 'failing';

/** A retry streak this long turns "retrying" into "failing". */
export const FAILING_AFTER_MS = 10_000;

export class SendHealth {
  lastError: string | null = null;
  lastErrorMs: number | null = null;
  private last: 'ok' | 'retry' | 'drop' | null = null;
  private streakStartMs: number | null = null;

  ok(): void {
    this.last = 'ok';
    this.streakStartMs = null;
  }

  retry(error: string, nowMs: number): void {
    this.failed(error, nowMs);
    this.last = 'retry';
    this.streakStartMs ??= nowMs;
  }

  drop(error: string, nowMs: number): void {
    this.failed(error, nowMs);
    this.last = 'drop';
  }

  private failed(error: string, nowMs: number): void {
    this.lastError = error;
    this.lastErrorMs = nowMs;
  }

  state(nowMs: number): SendState {
    if (this.last === 'drop') return 'failing';
    if (this.last !== 'retry') return 'ok';
    return nowMs - (this.streakStartMs ?? nowMs) >= FAILING_AFTER_MS ? 'failing' : 'retrying';
  }
}
