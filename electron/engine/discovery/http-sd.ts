// http_sd_configs: GET the URL every refresh_interval; the answer is Prometheus's JSON list of
// target groups. A failed request or a bad answer keeps the last good groups and shows its error.
import type { HttpClient } from '../scrape/http-fetch';
import type { TargetGroup } from '../targets';
import type { Discoverer } from './discoverer';
import type { HttpSdConfig } from './sd-config';
import { parseTargetGroups } from './target-groups';

/** Prometheus bounds a refresh by its interval; a request never waits longer than this. */
const MAX_TIMEOUT_MS = 30_000;

export class HttpSd implements Discoverer {
  private last: TargetGroup[] = [];
  private failed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly cfg: HttpSdConfig,
    private readonly client: Pick<HttpClient, 'fetch'>,
  ) {}

  groups(): readonly TargetGroup[] {
    return this.last;
  }

  errors(): readonly string[] {
    return this.failed;
  }

  start(changed: () => void): void {
    const tick = () => {
      this.inflight = this.refresh().then((c) => {
        if (c && !this.stopped) changed();
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

  /** Settles once the refresh under way (if any) is done (tests). */
  async settled(): Promise<void> {
    await this.inflight;
  }

  /** One GET; true when groups or errors changed. */
  async refresh(): Promise<boolean> {
    const before = JSON.stringify([this.last, this.failed]);
    try {
      this.last = await this.fetchGroups();
      this.failed = [];
    } catch (err) {
      this.failed = [`http_sd ${this.cfg.url}: ${(err as Error).message}`];
    }
    return JSON.stringify([this.last, this.failed]) !== before;
  }

  private async fetchGroups(): Promise<TargetGroup[]> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.cfg.basicAuth) {
      const { username, password } = this.cfg.basicAuth;
      headers.Authorization = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
    } else if (this.cfg.bearerToken !== null) headers.Authorization = `Bearer ${this.cfg.bearerToken}`;
    const res = await this.client.fetch({
      url: this.cfg.url,
      timeoutMs: Math.min(this.cfg.refreshIntervalMs, MAX_TIMEOUT_MS),
      bodySizeLimitBytes: 0,
      headers,
      tlsInsecureSkipVerify: this.cfg.tls.insecureSkipVerify,
      caFile: this.cfg.tls.caFile,
    });
    if (res.status !== 200) throw new Error(`server returned HTTP status ${res.status}`);
    const type = (res.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw new Error(`unsupported content type "${res.contentType ?? ''}"`);
    const groups = parseTargetGroups(Buffer.from(res.body).toString('utf8'), 'json');
    for (const g of groups) g.labels = { ...g.labels, __meta_url: this.cfg.url };
    return groups;
  }
}
