// The desktop's engine host, speaking host-protocol.ts with the main process over one RpcPeer.
// It starts the engine exactly as `promdesk serve` does (options.ts, start-host.ts: the engine
// thread, the HTTP API on 127.0.0.1:9099 unless turned off), keeps one Api session per window,
// and tells main its status (targets, pause, HTTP) for the tray. It runs under plain Node too:
// only its parent port comes from Electron.
import type { ApiEvent, ApiMethod, EngineInfo, TargetView } from '../../shared/api';
import { RpcPeer } from '../../shared/rpc/peer';
import { portChannel } from '../../shared/rpc/port-channel';
import type { SessionLink } from '../engine/engine-link';
import type {
  HostArgv,
  HostEvents,
  HostMethod,
  HostStatus,
  HostTopic,
  ParentPortLike,
  StartupFailure,
} from './host-protocol';
import { effectiveSettings, loadHostOptions, type HostOptions } from './options';
import { readSettings } from '../engine/config/settings-file';
import { parseHostPort } from '../../shared/settings';
import { defaultRendererDir, startHost, type HostHttpOptions, type RunningHost } from './start-host';
import { startupFailure } from './startup-failure';

export interface DesktopHostDeps {
  /** Ends the process (default: process.exit after a moment, so the last message gets out). */
  exit?: (code: number) => void;
  /** The UI's files for the HTTP server (default: dist/renderer beside the bundle). */
  rendererDir?: string;
}

/** Api methods after which the host re-reads what it shows: settings (HTTP) and the pause. */
const STATUS_METHODS = new Set<string>(['setScrapingPaused', 'putSettings']);
const STATUS_EVERY_MS = 1000;

export function runDesktopHost(
  port: ParentPortLike,
  argv: HostArgv,
  deps: DesktopHostDeps = {},
): Promise<void> {
  const exit = deps.exit ?? ((code: number) => setTimeout(() => process.exit(code), 100));
  let host: RunningHost | null = null;
  let options: HostOptions | null = null;
  const sessions = new Map<number, SessionLink>();
  let ownSession: SessionLink | null = null;
  let targets: TargetView[] = [];
  let scrapingPaused = false;
  let shuttingDown: Promise<void> | null = null;

  const emit = <T extends HostTopic>(topic: T, event: HostEvents[T]) => peer.emit(event, { topic });
  const log = (message: string) => emit('log', { message });

  const status = (): HostStatus => {
    const count = (h: TargetView['health']) => targets.filter((t) => t.health === h).length;
    const http = host?.http() ?? null;
    return {
      targetsUp: count('up'),
      targetsDown: count('down'),
      targetsUnknown: count('unknown'),
      scrapingPaused,
      http: http && ('url' in http ? { url: http.url } : { error: http.error, port: http.port }),
      dataDir: options?.dataDir ?? '',
    };
  };

  // 'status' events: on change only, at most one a second.
  let lastSent = '';
  let lastSentAt = 0;
  let statusTimer: NodeJS.Timeout | null = null;
  const statusChanged = () => {
    if (statusTimer || shuttingDown) return;
    const wait = Math.max(0, lastSentAt + STATUS_EVERY_MS - Date.now());
    statusTimer = setTimeout(() => {
      statusTimer = null;
      if (shuttingDown) return;
      const s = status();
      const text = JSON.stringify(s);
      if (text === lastSent) return;
      lastSent = text;
      lastSentAt = Date.now();
      emit('status', s);
    }, wait);
  };

  const httpOptions = (o: {
    listen: { host: string; port: number };
    http: boolean;
  }): HostHttpOptions | null =>
    o.http
      ? {
          host: o.listen.host,
          port: o.listen.port,
          token: options?.token ?? null,
          rendererDir: deps.rendererDir ?? defaultRendererDir(),
          // As serve: POST /-/reload only with --web.enable-lifecycle (the window's Reload needs none).
          enableLifecycle: options?.enableLifecycle,
        }
      : null;

  const start = async (): Promise<void> => {
    options = loadHostOptions(argv, 'desktop');
    host = await startHost({
      mode: 'desktop',
      dataDir: options.dataDir,
      configFile: options.configFile,
      retention: options.retention,
      query: options.query,
      allowEmptyStart: options.allowEmptyStart,
      watchConfig: options.watchConfig,
      rules: options.rules,
      alerting: options.alerting,
      overriddenSettings: Object.keys(options.flagSettings),
      dashboardsDir: options.dashboardsDir,
      http: httpOptions(options),
      onListenError: 'report',
      // Nothing answers without the engine: main shows the page, as for a start-up failure.
      onEngineStopped: (message) => {
        emit('fatal', {
          name: 'EngineStoppedError',
          title: 'The engine stopped',
          message,
          hint: 'Start Promdesk again: what was stored is kept. `promdesk serve --data DIR` in a terminal shows why it stopped.',
        });
        peer.close(message);
        exit(1);
      },
    });
    const http = host.http();
    if (http && 'error' in http) log(`the HTTP API is off: ${http.error}`);
    ownSession = host.engine.openSession((event: ApiEvent) => {
      if (event.type === 'targets') {
        targets = event.targets;
        statusChanged();
      }
    });
    await refresh();
  };

  /** Re-reads targets and the pause from the engine. */
  const refresh = async () => {
    if (!ownSession) return;
    targets = (await ownSession.call('listTargets', [])) as TargetView[];
    const info = (await ownSession.call('info', [])) as { scrapingPaused?: boolean };
    scrapingPaused = info.scrapingPaused === true;
  };

  /** After a Settings change: listen where the settings now say (or stop, or retry a failed port). */
  const applySettings = async () => {
    if (!host || !options) return;
    let settings;
    try {
      settings = effectiveSettings(readSettings(options.dataDir), options.flagSettings);
    } catch (err) {
      log(`settings not applied: ${(err as Error).message}`);
      return;
    }
    const listen = parseHostPort(settings.listen)!;
    const next = httpOptions({ listen, http: settings.http });
    const current = host.http();
    const same = (next ? `${next.host}:${next.port}` : null) === listeningAt(options);
    options = { ...options, settings, listen, http: settings.http };
    if (same && !(current && 'error' in current)) return;
    const state = await host.relisten(next);
    if (state && 'error' in state) log(`the HTTP API is off: ${state.error}`);
  };

  const started = start();
  started.catch((err: unknown) => {
    const failure: StartupFailure = startupFailure(err, options?.dataDir ?? null);
    emit('fatal', failure);
    peer.close(`the engine host could not start: ${failure.message}`);
    exit(1);
  });

  const handle = async (method: string, params: unknown[]): Promise<unknown> => {
    if (method === 'shutdown') return shutdown();
    await started;
    if (shuttingDown) throw new Error(`${method}: the engine host is shutting down`);
    switch (method as HostMethod) {
      case 'api': {
        const [windowId, apiMethod, apiParams] = params;
        if (!Number.isSafeInteger(windowId))
          throw new Error(`api: the window id must be an integer, not ${String(windowId)}`);
        if (typeof apiMethod !== 'string') throw new Error('api: the method must be a string');
        if (!Array.isArray(apiParams))
          throw new Error(`api: the parameters of ${apiMethod} must be an array`);
        const result = await sessionFor(windowId as number).call(apiMethod as ApiMethod, apiParams);
        if (STATUS_METHODS.has(apiMethod)) await afterStatusCall(apiMethod);
        // The engine does not know the HTTP API's state; the host adds it for the window's notice.
        const http = host?.http();
        if (apiMethod === 'info' && http && 'error' in http)
          return { ...(result as EngineInfo), httpListenError: { error: http.error, port: http.port } };
        return result;
      }
      case 'closeWindow': {
        const [windowId] = params;
        sessions.get(windowId as number)?.close();
        sessions.delete(windowId as number);
        return undefined;
      }
      case 'status':
        return status();
      case 'setScrapingPaused': {
        const [paused] = params;
        if (typeof paused !== 'boolean')
          throw new Error(`setScrapingPaused: paused must be true or false, not ${String(paused)}`);
        await ownSession!.call('setScrapingPaused', [paused]);
        await refresh();
        statusChanged();
        return status();
      }
      default:
        throw new Error(`unknown host method "${method}"`);
    }
  };

  const afterStatusCall = async (apiMethod: string) => {
    if (apiMethod === 'putSettings') await applySettings();
    await refresh();
    statusChanged();
  };

  const sessionFor = (windowId: number): SessionLink => {
    let s = sessions.get(windowId);
    if (!s) {
      s = host!.engine.openSession((event) => emit('api-event', { windowId, event }));
      sessions.set(windowId, s);
    }
    return s;
  };

  /** Closes the server and the store; the reply goes out, then the process ends. */
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      if (statusTimer) clearTimeout(statusTimer);
      try {
        await started;
      } catch {
        return; // nothing was opened
      }
      for (const s of sessions.values()) s.close();
      sessions.clear();
      ownSession?.close();
      await host!.stop();
      setTimeout(() => exit(0), 0);
    })());

  const peer = new RpcPeer(portChannel(port), {
    name: 'the main process',
    handle: (method, params) => handle(method, params),
  });
  port.on('message', (e) => peer.receive(e.data));

  return started.then(
    () => {
      const s = status();
      lastSent = JSON.stringify(s);
      lastSentAt = Date.now();
      emit('ready', s);
    },
    () => {},
  );
}

function listeningAt(o: HostOptions): string | null {
  return o.http ? `${o.listen.host}:${o.listen.port}` : null;
}
