// The one way the engine starts, for `promdesk serve` and the desktop app: the Engine in its
// worker thread (WorkerEngineLink), and on this thread the PromdeskServer: the HTTP API,
// remote_write, push, /metrics and the UI, with the same Host check and token rules for both.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WorkerEngineLink } from '../engine/worker-link';
import { DashboardStore } from '../engine/dashboards/dashboard-store';
import { provisionDashboards } from '../engine/dashboards/provisioning';
import { PromdeskServer, isLoopback } from '../engine/http/server';
import type { QueryEngineOptions } from '../engine/query';
import type { AlertmanagerFlags } from '../engine/notify/alertmanager/engine-alertmanagers';
import type { KeepPolicy } from '../engine/store/retention';
import type { HostMode } from './options';
import type { EngineRuleOptions } from '../engine/rules/engine-rules';

export interface HostHttpOptions {
  host: string;
  port: number;
  /** The UI's files (dist/renderer). */
  rendererDir: string;
  /** null: none, unless listening beyond loopback (then one is generated). */
  token: string | null;
  /** --web.enable-lifecycle: POST /-/reload allowed. */
  enableLifecycle?: boolean;
}

export interface StartHostOptions {
  mode: HostMode;
  dataDir: string;
  configFile: string | null;
  retention: KeepPolicy;
  query: QueryEngineOptions;
  allowEmptyStart?: boolean;
  /** --config.watch: a change to the config file reloads it. */
  watchConfig?: boolean;
  /** --web.external-url and --rules.alert.for-*. */
  rules?: EngineRuleOptions;
  /** --rules.alert.resend-delay, --alertmanager.notification-queue-capacity. */
  alerting?: AlertmanagerFlags;
  /** Settings keys the command line sets: the Settings view shows them as set by a flag. */
  overriddenSettings?: string[];
  /** A folder of dashboards to provision once the engine (holding the data directory) runs. */
  dashboardsDir?: string | null;
  /** null: no HTTP server (the desktop with `http` off). */
  http: HostHttpOptions | null;
  /**
   * 'throw' (serve): no server, no start. 'report' (desktop): the engine runs on and the error
   * is in `http`, so the window can offer another port.
   */
  onListenError: 'throw' | 'report';
  /** The engine thread ended without stop() (a crash): the host has no engine left. */
  onEngineStopped?: (message: string) => void;
}

/** The HTTP API's state: listening (with the token, if any, in the URL), failed, or off (null). */
export type HttpState = { url: string; port: number } | { error: string; port: number } | null;

export interface RunningHost {
  engine: WorkerEngineLink;
  /** The server while one listens. */
  server(): PromdeskServer | null;
  http(): HttpState;
  /** Closes the server (if any) and starts one with these options (a Settings change). */
  relisten(http: HostHttpOptions | null): Promise<HttpState>;
  /** Closes the server, then the engine (its store); safe to call more than once. */
  stop(): Promise<void>;
}

/** The engine thread's entry: beside the bundle in dist/, or the TypeScript source under tsx. */
function engineWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../engine/engine-worker.ts', import.meta.url)
    : new URL('./engine-worker.mjs', import.meta.url);
}

/** The UI's build: dist/renderer beside the bundle, or the repository's dist/ under tsx. */
export function defaultRendererDir(): string {
  return fileURLToPath(
    import.meta.url.endsWith('.ts')
      ? new URL('../../dist/renderer', import.meta.url)
      : new URL('./renderer', import.meta.url),
  );
}

export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    message: string,
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const engine = await WorkerEngineLink.start(engineWorkerUrl(), {
    dataDir: opts.dataDir,
    configFile: opts.configFile,
    retention: opts.retention,
    query: opts.query,
    allowEmptyStart: opts.allowEmptyStart,
    watchConfig: opts.watchConfig,
    rules: opts.rules,
    alerting: opts.alerting,
    mode: opts.mode,
    overriddenSettings: opts.overriddenSettings,
  });
  if (opts.dashboardsDir)
    provisionDashboards(new DashboardStore(opts.dataDir), opts.dashboardsDir, (m) => console.error(m));
  let server: PromdeskServer | null = null;
  let state: HttpState = null;

  const listen = async (http: HostHttpOptions | null): Promise<HttpState> => {
    if (!http) return null;
    // Anywhere but loopback, the UI and API are reachable by others: require a token.
    const token = http.token ?? (isLoopback(http.host) ? null : randomBytes(18).toString('base64url'));
    const s = new PromdeskServer(engine, {
      host: http.host,
      port: http.port,
      rendererDir: http.rendererDir,
      token,
      enableLifecycle: http.enableLifecycle,
    });
    try {
      const { port } = await s.listen();
      server = s;
      const shownHost = http.host.includes(':') ? `[${http.host}]` : http.host;
      return { url: `http://${shownHost}:${port}/${token ? `?token=${token}` : ''}`, port };
    } catch (err) {
      await s.close().catch(() => {});
      throw new ListenError(listenProblem(http, err as NodeJS.ErrnoException), http.port, { cause: err });
    }
  };

  try {
    state = await listen(opts.http);
  } catch (err) {
    if (opts.onListenError === 'throw') {
      await engine.close();
      throw err;
    }
    state = { error: (err as Error).message, port: (err as ListenError).port };
  }

  let stopping: Promise<void> | null = null;
  engine.onExit((code) => {
    if (!stopping) opts.onEngineStopped?.(`the engine thread stopped unexpectedly (exit code ${code})`);
  });
  let relistening: Promise<unknown> = Promise.resolve();
  return {
    engine,
    server: () => server,
    http: () => state,
    relisten: (http) => {
      const next = relistening.then(async (): Promise<HttpState> => {
        if (stopping) return state;
        const old = server;
        server = null;
        await old?.close();
        try {
          state = await listen(http);
        } catch (err) {
          state = { error: (err as Error).message, port: (err as ListenError).port };
        }
        return state;
      });
      relistening = next.catch(() => {});
      return next;
    },
    stop: () =>
      (stopping ??= (async () => {
        await relistening;
        await server?.close();
        server = null;
        await engine.close();
      })()),
  };
}

function listenProblem(http: HostHttpOptions, err: NodeJS.ErrnoException): string {
  const where = `${http.host.includes(':') ? `[${http.host}]` : http.host}:${http.port}`;
  if (err.code === 'EADDRINUSE') return `${where} is in use (is \`promdesk serve\` running?)`;
  if (err.code === 'EACCES')
    return `${where} may not be used by this user (ports below 1024 need privileges)`;
  if (err.code === 'EADDRNOTAVAIL') return `${where}: this machine has no such address`;
  return `cannot listen on ${where}: ${err.message}`;
}
