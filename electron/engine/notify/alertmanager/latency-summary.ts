// promdesk_notifications_latency_seconds: the time of each send to each Alertmanager (success or
// failure, every attempt, as Prometheus observes each sendOne), as a summary with Prometheus's
// objectives 0.5, 0.9 and 0.99 over the last 10 minutes (client_golang's default max age). A send
// takes place at most once per batch, so the window's values are kept and ranked exactly.
import { formatGoFloat } from '../../../../shared/format/go-float';

const QUANTILES = [0.5, 0.9, 0.99];
const MAX_AGE_MS = 10 * 60_000;
/** A bound on what one Alertmanager's window holds (the oldest go first). */
const MAX_KEPT = 10_000;

interface Series {
  /** [observed at ms, seconds] in time order, within MAX_AGE_MS. */
  window: [number, number][];
  count: number;
  sum: number;
}

export class LatencySummary {
  /** Per Alertmanager URL, kept across reloads as the other counters are. */
  private readonly byUrl = new Map<string, Series>();

  constructor(private readonly now: () => number = Date.now) {}

  observe(url: string, seconds: number): void {
    let s = this.byUrl.get(url);
    if (!s) this.byUrl.set(url, (s = { window: [], count: 0, sum: 0 }));
    s.window.push([this.now(), seconds]);
    if (s.window.length > MAX_KEPT) s.window.shift();
    s.count++;
    s.sum += seconds;
  }

  /** The family's exposition lines (none until a send was made). */
  render(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} summary`];
    const since = this.now() - MAX_AGE_MS;
    for (const [url, s] of this.byUrl) {
      while (s.window.length > 0 && s.window[0][0] < since) s.window.shift();
      const sorted = s.window.map(([, v]) => v).sort((a, b) => a - b);
      const am = `alertmanager=${JSON.stringify(url)}`;
      for (const q of QUANTILES) {
        // The nearest rank; no sends in the window is NaN, as client_golang reports it.
        const v = sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
        lines.push(`${name}{${am},quantile="${q}"} ${formatGoFloat(v)}`);
      }
      lines.push(`${name}_sum{${am}} ${formatGoFloat(s.sum)}`, `${name}_count{${am}} ${s.count}`);
    }
    return lines;
  }
}
