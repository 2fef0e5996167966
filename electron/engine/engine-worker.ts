// The engine's thread in `promdesk serve`: scraping, SQLite and PromQL run here, so the HTTP and
// WebSocket thread never waits on them (its event-loop lag stays low under full ingest).
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from './engine';
import { LocalEngineLink, type SessionLink } from './engine-link';
import type { FromWorker, ToWorker, WorkerEngineOptions } from './worker-protocol';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const opts = workerData as WorkerEngineOptions;

let link: LocalEngineLink;
try {
  link = new LocalEngineLink(
    new Engine({
      dataDir: opts.dataDir,
      configFile: opts.configFile,
      mode: opts.mode ?? 'serve',
      retention: opts.retention,
      query: opts.query,
      allowEmptyStart: opts.allowEmptyStart,
    }),
  );
} catch (err) {
  const e = err as Error;
  post({ kind: 'fatal', name: e.name || e.constructor.name, message: e.message });
  process.exit(0);
}
const sessions = new Map<number, SessionLink>();

function answer(id: number, work: Promise<unknown>): void {
  work.then(
    (result) => post({ kind: 'reply', id, ok: true, result }),
    (err: Error) => post({ kind: 'reply', id, ok: false, error: err.message }),
  );
}

port.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'open':
      sessions.set(
        m.sid,
        link.openSession((event) => post({ kind: 'event', sid: m.sid, event })),
      );
      return;
    case 'close-session':
      sessions.get(m.sid)?.close();
      sessions.delete(m.sid);
      return;
    case 'call': {
      const s = sessions.get(m.sid);
      answer(m.id, s ? s.call(m.method, m.params) : Promise.reject(new Error('session closed')));
      return;
    }
    case 'prom':
      answer(m.id, link.prometheusApi(m.method, m.path, m.params));
      return;
    case 'metrics':
      answer(m.id, link.selfMetrics(m.http));
      return;
    case 'summary':
      answer(m.id, link.summary());
      return;
    case 'remote-write':
      answer(m.id, link.remoteWrite(m.body, m.encoding));
      return;
    case 'push':
      answer(m.id, link.push(m.req));
      return;
    case 'shutdown':
      answer(m.id, link.close());
      return;
  }
});
post({ kind: 'ready' });
