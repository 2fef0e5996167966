// Promdesk's own notifications, put together: rule evaluations go through the dispatcher
// (grouping by alertname, silences), and each notification goes to every open window as an
// ApiEvent, and to the webhook and ntfy when their settings are on, each through its own queue.
// Settings are read when used, so a change applies without a restart.
import type { LabelSet } from '../../../shared/api';
import { parseDuration } from '../../../shared/duration';
import { formatGoFloat } from '../../../shared/format/go-float';
import type { NotificationEvent } from '../../../shared/rules/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { GroupEvaluation } from '../rules/types';
import type { Clock } from '../scrape/clock';
import { ChannelQueue, postBody, type ChannelQueueOptions } from './channel-queue';
import { Dispatcher, type DispatchTiming, type Notification } from './dispatcher';
import { ntfyMessage } from './ntfy';
import { notificationBody, notificationTitle } from './text';
import { webhookMessage } from './webhook';
import { VERSION } from '../version';

export interface NotifierOptions {
  clock: Clock;
  silenced: (labels: LabelSet) => boolean;
  /** The saved settings, read at each use. */
  settings: () => Settings;
  /** Where a phone or a webhook receiver reaches Promdesk (links in the messages). */
  externalURL: () => string;
  /** To every open window (Api sessions). */
  broadcast: (event: NotificationEvent) => void;
  log: (msg: string) => void;
  /** Queue limits, timeouts and backoff (tests shorten them). */
  queue?: Partial<Omit<ChannelQueueOptions, 'clock' | 'log'>>;
}

interface Post {
  url: string;
  body: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'User-Agent': `Promdesk/${VERSION}` };

export class Notifier {
  private readonly dispatcher: Dispatcher;
  private readonly channels: ChannelQueue<Post>[];
  private windowEvents = 0;
  private settingsError: string | null = null;

  constructor(private readonly opts: NotifierOptions) {
    this.dispatcher = new Dispatcher({
      clock: opts.clock,
      timing: () => this.timing(),
      silenced: opts.silenced,
      send: (n) => this.send(n),
    });
    const queue = (name: string) =>
      new ChannelQueue<Post>(name, (p, signal) => postBody(p.url, p.body, JSON_HEADERS, signal), {
        ...opts.queue,
        clock: opts.clock,
        log: opts.log,
      });
    this.channels = [queue('webhook'), queue('ntfy')];
  }

  /** A rule group was evaluated (RuleManager.onEvaluated). */
  evaluated(ev: GroupEvaluation): void {
    this.dispatcher.evaluated(ev);
  }

  /** Alerts firing now, silenced ones included (the tray's count). */
  firingCount(): number {
    return this.dispatcher.firingCount();
  }

  /** The settings, or the defaults while settings.json is unreadable (said once in the log). */
  private settings(): Settings {
    try {
      const s = this.opts.settings();
      this.settingsError = null;
      return s;
    } catch (err) {
      const message = (err as Error).message;
      if (this.settingsError !== message)
        this.opts.log(`notify: settings not readable, using the defaults: ${message}`);
      this.settingsError = message;
      return DEFAULT_SETTINGS;
    }
  }

  private timing(): DispatchTiming {
    const s = this.settings();
    const ms = (k: 'notify.group-wait' | 'notify.group-interval' | 'notify.repeat-interval') =>
      parseDuration(s[k]) ?? (parseDuration(DEFAULT_SETTINGS[k]) as number);
    return {
      groupWaitMs: ms('notify.group-wait'),
      groupIntervalMs: ms('notify.group-interval'),
      repeatIntervalMs: ms('notify.repeat-interval'),
    };
  }

  private send(n: Notification): void {
    this.windowEvents++;
    this.opts.broadcast({
      type: 'notification',
      groupKey: n.groupKey,
      status: n.status,
      title: notificationTitle(n),
      body: notificationBody(n),
      alerts: n.alerts.map((a) => ({ ...a.labels })),
      firingCount: n.firingCount,
    });
    const s = this.settings();
    const external = this.opts.externalURL();
    const [webhook, ntfy] = this.channels;
    if (s['notify.webhook-url'])
      webhook.push({ url: s['notify.webhook-url'], body: JSON.stringify(webhookMessage(n, external)) });
    if (s['notify.ntfy-url'] && s['notify.ntfy-topic'])
      ntfy.push({
        // JSON publishing goes to the server's root; the topic is in the body.
        url: s['notify.ntfy-url'].replace(/\/+$/, '') + '/',
        body: JSON.stringify(ntfyMessage(n, s['notify.ntfy-topic'], external)),
      });
  }

  /** promdesk_notifications_channel_* (the Alertmanager sender has promdesk_notifications_*). */
  renderMetrics(): string {
    const lines: string[] = [];
    const p = 'promdesk_notifications_channel_';
    const family = (name: string, type: string, help: string, value: (q: ChannelQueue<Post>) => number) => {
      lines.push(`# HELP ${p}${name} ${help}`, `# TYPE ${p}${name} ${type}`);
      for (const q of this.channels)
        lines.push(`${p}${name}{channel="${q.name}"} ${formatGoFloat(value(q))}`);
    };
    family('sent_total', 'counter', 'Notifications a channel delivered.', (q) => q.counters.sent);
    lines.push(`${p}sent_total{channel="window"} ${this.windowEvents}`);
    family(
      'failed_total',
      'counter',
      'Attempts to deliver a notification that failed (retries count).',
      (q) => q.counters.failed,
    );
    family(
      'dropped_total',
      'counter',
      'Notifications given up on: queue full, retries used up, or refused by the receiver.',
      (q) => q.counters.dropped,
    );
    family('queue_length', 'gauge', 'Notifications waiting or being sent.', (q) => q.length);
    family('queue_capacity', 'gauge', 'The most notifications a channel queues.', (q) => q.capacity);
    return lines.join('\n') + '\n';
  }

  close(): void {
    this.dispatcher.close();
    for (const q of this.channels) q.close();
  }
}
