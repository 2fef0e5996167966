// Headless Promdesk: the same Engine as the desktop app, with the UI, the Api (WebSocket) and
// the Prometheus HTTP API served on 127.0.0.1. Exits cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { Engine } from './engine/engine';
import { PromdeskServer, isLoopback } from './engine/http/server';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  configFile: string | null;
  rendererDir: string;
  token: string | null;
  log?: (msg: string) => void;
}

export interface RunningServe {
  engine: Engine;
  server: PromdeskServer;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startServe(opts: ServeOptions): Promise<RunningServe> {
  const log = opts.log ?? ((m: string) => console.error(m));
  // Anywhere but loopback, the UI and API are reachable by others: require a token.
  const token = opts.token ?? (isLoopback(opts.host) ? null : randomBytes(18).toString('base64url'));
  const engine = new Engine({ dataDir: opts.dataDir, configFile: opts.configFile, mode: 'serve', log });
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
