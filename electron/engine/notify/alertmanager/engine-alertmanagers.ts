// The Alertmanager notifier as the running engine has it: fed by the RuleManager after each group
// evaluation (never waiting: send() only queues), configured from prometheus.yml's `alerting:` and
// external labels at start and on each reload, with serve's --rules.alert.resend-delay and
// --alertmanager.notification-queue-capacity.
import { hostname } from 'node:os';
import type { PrometheusConfig } from '../../config/prometheus-config';
import type { GroupEvaluatedListener } from '../../rules/types';
import { DueAlerts } from './due-alerts';
import { AlertmanagerNotifier, type AlertmanagersStatus, type NotifierOptions } from './notifier';

export interface AlertmanagerFlags {
  /** --rules.alert.resend-delay (default 1m, as Prometheus). */
  resendDelayMs?: number;
  /** --alertmanager.notification-queue-capacity (default 10000). */
  queueCapacity?: number;
}

const DEFAULT_RESEND_DELAY_MS = 60_000;
/** Prometheus's default global.evaluation_interval. */
const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

export class EngineAlertmanagers {
  private readonly notifier: AlertmanagerNotifier;

  constructor(
    private config: PrometheusConfig | null,
    deps: {
      rules: { onEvaluated(listener: GroupEvaluatedListener): unknown };
      /** --web.external-url (generatorURL links to its /graph); the rules' default when unset. */
      externalUrl?: string;
      flags?: AlertmanagerFlags;
      /** The engine's HTTP client and DNS-SD resolver, for http_sd_configs and dns_sd_configs. */
      discovery?: NotifierOptions['discovery'];
      log: (msg: string) => void;
    },
  ) {
    // The same default as the rule manager's (rules/engine-rules.ts), Prometheus's form.
    const externalURL = deps.externalUrl ?? `http://${hostname()}:9090/`;
    this.notifier = new AlertmanagerNotifier({
      capacity: deps.flags?.queueCapacity,
      discovery: deps.discovery,
      log: deps.log,
    });
    this.applyConfig(config);
    const due = new DueAlerts({
      resendDelayMs: deps.flags?.resendDelayMs ?? DEFAULT_RESEND_DELAY_MS,
      defaultIntervalMs: () => this.config?.global.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS,
      externalURL: () => externalURL,
    });
    deps.rules.onEvaluated((ev) => {
      if (this.notifier.enabled) this.notifier.send(due.take(ev));
    });
  }

  /** A (re)loaded config: its Alertmanagers, alert relabeling and external labels. */
  applyConfig(config: PrometheusConfig | null): void {
    this.config = config;
    this.notifier.applyConfig(config?.alerting, config?.global.externalLabels ?? {});
  }

  status(): AlertmanagersStatus {
    return this.notifier.status();
  }

  renderMetrics(): string {
    return this.notifier.renderMetrics();
  }

  close(): Promise<void> {
    return this.notifier.close();
  }
}
