// dns_sd_configs: one target group per name, asked again every refresh_interval, but never
// before its answer's TTL has run out (a thermostat asked every 30 s for a name with a day's TTL
// is 2,880 needless lookups a day). A failing lookup keeps the name's last good targets and
// shows its error; NXDOMAIN or no records is an empty group, as Prometheus reads it.
import { isIP } from 'node:net';
import type { LabelSet } from '../../../shared/api';
import type { TargetGroup } from '../targets';
import type { Discoverer } from './discoverer';
import type { DnsSdLookup, DnsSdRecord } from './dns-sd-lookup';
import type { DnsSdConfig } from './sd-config';

interface NameState {
  group: TargetGroup;
  /** When the answer's TTL ends (0: ask at the next refresh). */
  freshUntilMs: number;
}

export class DnsSd implements Discoverer {
  private readonly byName = new Map<string, NameState>();
  private readonly failed = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private inflight: Promise<boolean> | null = null;

  constructor(
    private readonly cfg: DnsSdConfig,
    private readonly dns: DnsSdLookup,
    private readonly now: () => number = Date.now,
  ) {}

  groups(): readonly TargetGroup[] {
    return this.cfg.names.flatMap((n) => this.byName.get(n)?.group ?? []);
  }

  errors(): readonly string[] {
    return [...this.failed.values()];
  }

  start(changed: () => void): void {
    const tick = () => {
      // A slow server must not pile up lookups: a tick during one is skipped.
      if (this.inflight) return;
      this.inflight = this.refresh().then((c) => {
        this.inflight = null;
        if (c && !this.stopped) changed();
        return c;
      });
    };
    tick();
    this.timer = setInterval(tick, this.cfg.refreshIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Asks every name whose answer has expired; true when groups or errors changed. */
  async refresh(): Promise<boolean> {
    const before = JSON.stringify([this.groups(), this.errors()]);
    await Promise.all(this.cfg.names.map((name) => this.refreshName(name)));
    return JSON.stringify([this.groups(), this.errors()]) !== before;
  }

  private async refreshName(name: string): Promise<void> {
    const cached = this.byName.get(name);
    if (cached && this.now() < cached.freshUntilMs) return;
    try {
      const answer = await this.dns.lookup(name, this.cfg.type);
      const targets = answer.records.map((r) => this.targetOf(name, r));
      const ttlMs = (answer.ttlSeconds ?? 0) * 1000;
      this.byName.set(name, { group: { targets, labels: {} }, freshUntilMs: this.now() + ttlMs });
      this.failed.delete(name);
    } catch (err) {
      this.failed.set(name, `dns_sd ${name}: ${(err as Error).message}`);
    }
  }

  /** As Prometheus 2.42's DNS discovery: empty meta labels are left out (they would be unset). */
  private targetOf(name: string, r: DnsSdRecord): LabelSet {
    const t: LabelSet = { __address__: '', __meta_dns_name: name };
    if (r.type === 'SRV') {
      t.__address__ = hostPort(r.target.replace(/\.+$/, ''), r.port);
      // The record's target as it came, rooted (with its final dot), as Prometheus shows it.
      if (r.target) t.__meta_dns_srv_record_target = r.target;
      t.__meta_dns_srv_record_port = String(r.port);
    } else if (r.type === 'MX') {
      t.__address__ = hostPort(r.exchange.replace(/\.+$/, ''), this.cfg.port);
      if (r.exchange) t.__meta_dns_mx_record_target = r.exchange;
    } else t.__address__ = hostPort(r.address, this.cfg.port);
    return t;
  }
}

/** Go's net.JoinHostPort: an IPv6 address (anything with a colon) in brackets. */
function hostPort(host: string, port: number): string {
  return host.includes(':') || isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
