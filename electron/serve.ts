// Headless Promdesk: the same Engine as the desktop app, in its own worker thread, with the UI,
// the Api (WebSocket) and the Prometheus HTTP API served on 127.0.0.1 from this thread.
// Exits cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import type { EngineLink } from './engine/engine-link';
import type { QueryEngineOptions } from './engine/query';
import { PromdeskServer, isLoopback } from './engine/http/server';
import { WorkerEngineLink } from './engine/worker-link';
import type { KeepPolicy } from './engine/store/retention';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  configFile: string | null;
  rendererDir: string;
  token: string | null;
  retention?: KeepPolicy;
  /** PromQL options; serve defaults to Prometheus 2.42's semantics (Debian's Prometheus). */
  query?: QueryEngineOptions;
  /** --storage.allow-empty-start: see OpenStoreOptions. */
  allowEmptyStart?: boolean;
}

export interface RunningServe {
  engine: EngineLink;
  server: PromdeskServer;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The engine thread's entry: beside the bundle in dist/, or the TypeScript source under tsx. */
function engineWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./engine/engine-worker.ts', import.meta.url)
    : new URL('./engine-worker.mjs', import.meta.url);
}

export async function startServe(opts: ServeOptions): Promise<RunningServe> {
  // Anywhere but loopback, the UI and API are reachable by others: require a token.
  const token = opts.token ?? (isLoopback(opts.host) ? null : randomBytes(18).toString('base64url'));
  const engine = await WorkerEngineLink.start(engineWorkerUrl(), {
    dataDir: opts.dataDir,
    configFile: opts.configFile,
    retention: opts.retention ?? {},
    query: withDefaults(opts.query),
    allowEmptyStart: opts.allowEmptyStart,
  });
  const server = new PromdeskServer(engine, {
    host: opts.host,
    port: opts.port,
    rendererDir: opts.rendererDir,
    token,
  });
  let port: number;
  try {
    ({ port } = await server.listen());
  } catch (err) {
    await engine.close();
    throw new Error(`cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`, { cause: err });
  }
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/${token ? `?token=${token}` : ''}`;
  let stopping: Promise<void> | null = null;
  return {
    engine,
    server,
    port,
    url,
    stop: () =>
      (stopping ??= (async () => {
        await server.close();
        await engine.close();
      })()),
  };
}

/** Defaults for serve: 2.42 semantics (Debian's Prometheus), unset fields left to the engine. */
function withDefaults(q: QueryEngineOptions | undefined): QueryEngineOptions {
  const out: QueryEngineOptions = { compat: '2.42' };
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined) Object.assign(out, { [k]: v });
  return out;
}
