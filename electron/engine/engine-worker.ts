// The engine's thread in `promdesk serve`: scraping, SQLite and PromQL run here, so the HTTP and
// WebSocket thread never waits on them (its event-loop lag stays low under full ingest). It
// answers the calls of worker-protocol.ts through an RpcPeer on its parent port.
import { parentPort, workerData } from 'node:worker_threads';
import type { ApiMethod } from '../../shared/api';
import { RpcPeer } from '../../shared/rpc/peer';
import { portChannel } from '../../shared/rpc/port-channel';
import { Engine } from './engine';
import { LocalEngineLink, type SessionLink } from './engine-link';
import { CLOSE_SESSION, START, isThreadCall, type WorkerEngineOptions } from './worker-protocol';

const port = parentPort!;
const opts = workerData as WorkerEngineOptions;
let link: LocalEngineLink | null = null;
/** Opened on a session's first call: its events go back with its id as their scope. */
const sessions = new Map<number, SessionLink>();

function start(): void {
  link ??= new LocalEngineLink(
    new Engine({
      dataDir: opts.dataDir,
      configFile: opts.configFile,
      mode: opts.mode ?? 'serve',
      retention: opts.retention,
      query: opts.query,
      allowEmptyStart: opts.allowEmptyStart,
      watchConfig: opts.watchConfig,
      rules: opts.rules,
      alerting: opts.alerting,
      overriddenSettings: opts.overriddenSettings,
    }),
  );
}

function session(engine: LocalEngineLink, sid: number): SessionLink {
  let s = sessions.get(sid);
  if (!s) {
    s = engine.openSession((event) => peer.emit(event, { scope: sid }));
    sessions.set(sid, s);
  }
  return s;
}

const peer: RpcPeer = new RpcPeer(portChannel(port), {
  name: 'the serve thread',
  handle: (method, params, { scope }) => {
    if (method === START) return start();
    if (!link) throw new Error(`${method}: the engine has not started`);
    if (scope !== undefined) {
      if (method !== CLOSE_SESSION) return session(link, scope).call(method as ApiMethod, params);
      sessions.get(scope)?.close();
      sessions.delete(scope);
      return;
    }
    if (!isThreadCall(method)) throw new Error(`unknown engine call "${method}"`);
    return (link[method] as (...args: unknown[]) => Promise<unknown>).apply(link, params);
  },
});
port.on('message', (m) => peer.receive(m));
