// The engine's process in the desktop app: an Electron utilityProcess (plain Node with Electron's
// ABI), so SQLite and scraping never run on the main (window) thread. It speaks the Api's
// messages with the main process over the parentPort, one session per window.
import type { ApiEvent, ApiMethod } from '../shared/api';
import { Engine } from './engine/engine';
import type { ApiSession } from './engine/api-session';

interface HostRequest {
  kind: 'request';
  windowId: number;
  id: number;
  method: ApiMethod;
  params: unknown[];
}
interface HostClose {
  kind: 'close-window';
  windowId: number;
}
interface HostShutdown {
  kind: 'shutdown';
}
type HostMessage = HostRequest | HostClose | HostShutdown;

interface ParentPort {
  on(event: 'message', listener: (e: { data: HostMessage }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error('engine-host runs inside Electron (utilityProcess); use `promdesk serve` from a terminal');
  process.exit(2);
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const engine = new Engine({
  dataDir: arg('--data') ?? '.',
  configFile: arg('--config'),
  mode: 'desktop',
  log: (m) => parentPort.postMessage({ kind: 'log', message: m }),
});
const sessions = new Map<number, ApiSession>();

function sessionFor(windowId: number): ApiSession {
  let s = sessions.get(windowId);
  if (!s) {
    s = engine.createSession((event: ApiEvent) =>
      parentPort!.postMessage({ kind: 'event', windowId, event }),
    );
    sessions.set(windowId, s);
  }
  return s;
}

parentPort.on('message', ({ data }) => {
  if (data.kind === 'request') {
    sessionFor(data.windowId)
      .call(data.method, data.params)
      .then(
        (result) => parentPort.postMessage({ kind: 'reply', id: data.id, ok: true, result }),
        (err: Error) => parentPort.postMessage({ kind: 'reply', id: data.id, ok: false, error: err.message }),
      );
  } else if (data.kind === 'close-window') {
    const s = sessions.get(data.windowId);
    if (s) engine.closeSession(s);
    sessions.delete(data.windowId);
  } else if (data.kind === 'shutdown') {
    engine.close().finally(() => process.exit(0));
  }
});
parentPort.postMessage({ kind: 'ready' });
