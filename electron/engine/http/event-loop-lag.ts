// Event-loop delay of the thread serving HTTP and WebSockets: the figure that shows whether
// ingest and queries (in the engine's thread) ever make the UI or the API wait.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * The histogram's timer runs this often. Its samples are whole intervals (due time included),
 * so the interval is subtracted to report the delay alone; 20 ms keeps the idle wake-ups at 50
 * a second while any stall still lands in a sample.
 */
const RESOLUTION_MS = 20;

export class EventLoopLag {
  private readonly h: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.h.enable();
  }

  /** Summary in seconds (the histogram is in ns) as text exposition lines. */
  render(): string {
    const lag = (ns: number) => Math.max(0, ns / 1e9 - RESOLUTION_MS / 1000);
    const q = (p: number) => (this.h.count > 0 ? lag(this.h.percentile(p)) : 0);
    return [
      '# HELP promdesk_http_event_loop_lag_seconds Event-loop delay of the HTTP/WebSocket thread.',
      '# TYPE promdesk_http_event_loop_lag_seconds summary',
      `promdesk_http_event_loop_lag_seconds{quantile="0.5"} ${q(50)}`,
      `promdesk_http_event_loop_lag_seconds{quantile="0.99"} ${q(99)}`,
      `promdesk_http_event_loop_lag_seconds{quantile="1"} ${this.h.count > 0 ? lag(this.h.max) : 0}`,
      `promdesk_http_event_loop_lag_seconds_count ${this.h.count}`,
      '',
    ].join('\n');
  }

  stop(): void {
    this.h.disable();
  }
}
