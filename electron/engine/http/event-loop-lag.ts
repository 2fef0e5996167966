// Event-loop delay of the thread serving HTTP and WebSockets: the figure that shows whether
// ingest and queries (in the engine's thread) ever make the UI or the API wait.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export class EventLoopLag {
  private readonly h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.h.enable();
  }

  /** Summary in seconds (the histogram is in ns) as text exposition lines. */
  render(): string {
    const q = (p: number) => (this.h.count > 0 ? this.h.percentile(p) / 1e9 : 0);
    return [
      '# HELP promdesk_http_event_loop_lag_seconds Event-loop delay of the HTTP/WebSocket thread.',
      '# TYPE promdesk_http_event_loop_lag_seconds summary',
      `promdesk_http_event_loop_lag_seconds{quantile="0.5"} ${q(50)}`,
      `promdesk_http_event_loop_lag_seconds{quantile="0.99"} ${q(99)}`,
      `promdesk_http_event_loop_lag_seconds{quantile="1"} ${this.h.count > 0 ? this.h.max / 1e9 : 0}`,
      `promdesk_http_event_loop_lag_seconds_count ${this.h.count}`,
      '',
    ].join('\n');
  }

  stop(): void {
    this.h.disable();
  }
}
