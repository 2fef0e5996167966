// One outgoing channel's queue (webhook, ntfy): push() never waits, so a receiver that is down or
// hangs never holds up rule evaluation. Items go out one at a time in order; a failure is retried
// with doubling backoff, up to MAX_ATTEMPTS; a full queue drops its oldest item. Each send has a
// timeout, so a receiver that accepts and never answers is cut off. Counted for /metrics.
import type { Clock } from '../scrape/clock';

export class SendError extends Error {
  override name = 'SendError';
  constructor(
    message: string,
    /** A 5xx, 429, timeout or transport error: the same item may be accepted later. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface ChannelQueueOptions {
  clock: Clock;
  log: (msg: string) => void;
  capacity?: number;
  timeoutMs?: number;
  /** The first retry's wait; each next one doubles, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  maxAttempts?: number;
}

export interface ChannelCounters {
  sent: number;
  /** Attempts that failed (each retry counts). */
  failed: number;
  /** Items given up on: the queue was full, retries ran out, or the receiver refused them. */
  dropped: number;
}

export class ChannelQueue<T> {
  readonly counters: ChannelCounters = { sent: 0, failed: 0, dropped: 0 };
  private readonly queue: T[] = [];
  private busy = false;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();
  private readonly o: Required<Omit<ChannelQueueOptions, 'clock' | 'log'>>;

  constructor(
    readonly name: string,
    private readonly deliver: (item: T, signal: AbortSignal) => Promise<void>,
    private readonly opts: ChannelQueueOptions,
  ) {
    this.o = {
      capacity: opts.capacity ?? 100,
      timeoutMs: opts.timeoutMs ?? 10_000,
      backoffMs: opts.backoffMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 60_000,
      maxAttempts: opts.maxAttempts ?? 6,
    };
  }

  get length(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  get capacity(): number {
    return this.o.capacity;
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.queue.length >= this.o.capacity) {
      this.queue.shift();
      this.counters.dropped++;
      this.opts.log(
        `notify ${this.name}: queue full (${this.o.capacity}), the oldest notification is dropped`,
      );
    }
    this.queue.push(item);
    if (!this.busy) void this.run();
  }

  /** Stops: in-flight sends are aborted, what is queued is left. */
  close(): void {
    this.closed = true;
    for (const ac of this.inFlight) ac.abort();
    this.queue.length = 0;
  }

  private async run(): Promise<void> {
    this.busy = true;
    try {
      for (let item = this.queue.shift(); item !== undefined && !this.closed; item = this.queue.shift()) {
        await this.sendWithRetries(item);
      }
    } finally {
      this.busy = false;
    }
  }

  private async sendWithRetries(item: T): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      const err = await this.attempt(item);
      if (!err) {
        this.counters.sent++;
        return;
      }
      this.counters.failed++;
      if (this.closed) return;
      if (!err.retryable || attempt >= this.o.maxAttempts) {
        this.counters.dropped++;
        this.opts.log(
          `notify ${this.name}: dropped a notification after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${err.message}`,
        );
        return;
      }
      const wait = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1));
      await new Promise<void>((resolve) => this.opts.clock.setTimeout(resolve, wait));
    }
  }

  private async attempt(item: T): Promise<SendError | null> {
    const ac = new AbortController();
    this.inFlight.add(ac);
    const timer = this.opts.clock.setTimeout(
      () => ac.abort(new Error(`no answer within ${this.o.timeoutMs} ms`)),
      this.o.timeoutMs,
    );
    try {
      await this.deliver(item, ac.signal);
      return null;
    } catch (err) {
      if (err instanceof SendError) return err;
      const reason = ac.signal.aborted ? ac.signal.reason : err;
      return new SendError((reason as Error)?.message ?? String(reason), true);
    } finally {
      this.opts.clock.clearTimeout(timer);
      this.inFlight.delete(ac);
    }
  }
}

/**
 * POSTs a body; any 2xx is success, 5xx and 429 are retryable, other statuses are refusals. A
 * user and password in the URL (https://user:pass@host/..., or ntfy's ":token") go as Basic auth,
 * and are left out of every message.
 */
export async function postBody(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  const u = new URL(url);
  const sendHeaders = { ...headers };
  if (u.username !== '' || u.password !== '') {
    const pair = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    sendHeaders.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  const shown = u.toString();
  let res: Response;
  try {
    res = await fetch(shown, { method: 'POST', body, headers: sendHeaders, signal, redirect: 'error' });
  } catch (err) {
    const reason = signal.aborted ? (signal.reason as Error) : (err as Error & { cause?: Error });
    const detail = 'cause' in reason && reason.cause instanceof Error ? `: ${reason.cause.message}` : '';
    throw new SendError(`POST ${shown}: ${reason.message}${detail}`, true);
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  const retryable = res.status >= 500 || res.status === 429;
  throw new SendError(
    `POST ${shown}: ${res.status} ${res.statusText} ${text.slice(0, 200)}`.trim(),
    retryable,
  );
}
