// The calls between the serve thread and the engine's worker thread, over one RpcPeer each side
// (shared/rpc). Unscoped calls are `start` and the EngineLink's own methods; a call scoped to a
// session id is an Api method on that session (or `closeSession`), and that session's events
// come back with the same scope.
import type { EngineLink } from './engine-link';
import type { QueryEngineOptions } from './query';
import type { AlertmanagerFlags } from './notify/alertmanager/engine-alertmanagers';
import type { KeepPolicy } from './store/retention';
import type { EngineRuleOptions } from './rules/engine-rules';

/** Opens the Engine; a failure replies with the original error's name (ConfigError, ...). */
export const START = 'start';
/** Scoped: ends that session (its subscriptions stop). */
export const CLOSE_SESSION = 'closeSession';

/** The EngineLink methods the engine thread answers, each called with the method's own arguments. */
export const THREAD_CALLS = [
  'prometheusApi',
  'selfMetrics',
  'summary',
  'remoteWrite',
  'push',
  'otlp',
  'reload',
  'close',
] as const satisfies readonly (keyof EngineLink)[];
export type ThreadCall = (typeof THREAD_CALLS)[number];

export const isThreadCall = (method: string): method is ThreadCall =>
  (THREAD_CALLS as readonly string[]).includes(method);

export interface WorkerEngineOptions {
  dataDir: string;
  configFile: string | null;
  retention: KeepPolicy;
  query?: QueryEngineOptions;
  allowEmptyStart?: boolean;
  /** --web.external-url and --rules.alert.for-* (EngineOptions.rules). */
  rules?: EngineRuleOptions;
  /** EngineOptions.alerting. */
  alerting?: AlertmanagerFlags;
  /** --config.watch (EngineOptions.watchConfig). */
  watchConfig?: boolean;
  /** Who runs the engine (EngineInfo.mode); default 'serve'. */
  mode?: 'serve' | 'desktop';
  /** Settings keys the command line sets (EngineOptions.overriddenSettings). */
  overriddenSettings?: string[];
}
