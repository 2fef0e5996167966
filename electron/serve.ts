// Headless Promdesk: the engine host (host/start-host.ts, the same as the desktop app's) with the
// UI, the Api (WebSocket) and the Prometheus HTTP API served from this thread. A listen error
// stops it: serve is nothing without its server.
import type { EngineLink } from './engine/engine-link';
import type { QueryEngineOptions } from './engine/query';
import type { PromdeskServer } from './engine/http/server';
import type { KeepPolicy } from './engine/store/retention';
import type { AlertmanagerFlags } from './engine/notify/alertmanager/engine-alertmanagers';
import { startHost } from './host/start-host';
import { engineOptions } from './host/options';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { EngineRuleOptions } from './engine/rules/engine-rules';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  configFile: string | null;
  rendererDir: string;
  token: string | null;
  /** --web.enable-lifecycle: POST /-/reload allowed (SIGHUP always reloads). */
  enableLifecycle?: boolean;
  /** Unset fields take the defaults of shared/settings.ts (30 days, no size limit). */
  retention?: KeepPolicy;
  /** Unset fields take the defaults of shared/settings.ts (PromQL 2.42's semantics, 2m, ...). */
  query?: QueryEngineOptions;
  /** --storage.allow-empty-start: see OpenStoreOptions. */
  allowEmptyStart?: boolean;
  /** --config.watch: a change to the config file reloads it. */
  watchConfig?: boolean;
  /** --web.external-url and --rules.alert.for-*. */
  rules?: EngineRuleOptions;
  /** --rules.alert.resend-delay, --alertmanager.notification-queue-capacity. */
  alerting?: AlertmanagerFlags;
  /** Settings keys the command line sets (getSettings shows them as overridden). */
  overriddenSettings?: string[];
  /** --dashboards: a folder of dashboards provisioned at start. */
  dashboardsDir?: string | null;
  /** The engine thread ended by itself (a crash); serve exits rather than answer errors. */
  onEngineStopped?: (message: string) => void;
}

export interface RunningServe {
  engine: EngineLink;
  server: PromdeskServer;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startServe(opts: ServeOptions): Promise<RunningServe> {
  const defaults = engineOptions(DEFAULT_SETTINGS);
  const host = await startHost({
    mode: 'serve',
    dataDir: opts.dataDir,
    configFile: opts.configFile,
    retention: { ...defaults.retention, ...defined(opts.retention) },
    query: { ...defaults.query, ...defined(opts.query) },
    allowEmptyStart: opts.allowEmptyStart,
    watchConfig: opts.watchConfig,
    rules: opts.rules,
    alerting: opts.alerting,
    overriddenSettings: opts.overriddenSettings,
    dashboardsDir: opts.dashboardsDir,
    http: {
      host: opts.host,
      port: opts.port,
      rendererDir: opts.rendererDir,
      token: opts.token,
      enableLifecycle: opts.enableLifecycle,
    },
    onListenError: 'throw',
    onEngineStopped: opts.onEngineStopped,
  });
  const http = host.http() as { url: string; port: number };
  return { engine: host.engine, server: host.server()!, port: http.port, url: http.url, stop: host.stop };
}

/** The fields that are set (an explicit undefined keeps the default). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
