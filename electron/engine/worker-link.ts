// An EngineLink to an Engine running in a worker thread (engine-worker.ts).
import { Worker } from 'node:worker_threads';
import type { ApiEvent } from '../../shared/api';
import type { EngineLink, JsonReply, SessionLink } from './engine-link';
import type { FromWorker, ToWorker, WorkerEngineOptions } from './worker-protocol';
import type { RemoteWriteReply } from './remote-write/receiver';
import type { PushReply, PushRequest } from './push/push-request';

/** An error raised while the engine started (config, data dir), with its original name. */
export class EngineStartError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class WorkerEngineLink implements EngineLink {
  private nextId = 1;
  private nextSid = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<number, (e: ApiEvent) => void>();
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'reply') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.ok) p?.resolve(m.result);
        else p?.reject(new Error(m.error));
      } else if (m.kind === 'event') {
        this.listeners.get(m.sid)?.(m.event);
      }
    });
    worker.on('exit', (code) => {
      this.exited = true;
      for (const p of this.pending.values())
        p.reject(new Error(`the engine thread stopped (exit code ${code})`));
      this.pending.clear();
    });
  }

  /** Starts the worker and waits until its engine is open (or failed to open). */
  static start(workerUrl: URL | string, options: WorkerEngineOptions): Promise<WorkerEngineLink> {
    // Under tsx (the tests), the worker runs the TypeScript source: Node 20 does not apply the
    // parent's loader to a worker's entry, so a tiny bootstrap registers tsx first.
    const url = String(workerUrl);
    const worker = url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
          { eval: true, workerData: options },
        )
      : new Worker(workerUrl, { workerData: options });
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.kind === 'ready') {
          cleanup();
          resolve(new WorkerEngineLink(worker));
        } else if (m.kind === 'fatal') {
          cleanup();
          void worker.terminate();
          reject(new EngineStartError(m.name, m.message));
        }
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
    });
  }

  private request<T>(msg: ToWorker, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.exited) return Promise.reject(new Error('the engine thread has stopped'));
    return new Promise<T>((resolve, reject) => {
      this.pending.set((msg as { id: number }).id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(msg, transfer);
    });
  }

  openSession(onEvent: (event: ApiEvent) => void): SessionLink {
    const sid = this.nextSid++;
    this.listeners.set(sid, onEvent);
    this.worker.postMessage({ kind: 'open', sid } satisfies ToWorker);
    return {
      call: (method, params) => this.request({ kind: 'call', id: this.nextId++, sid, method, params }),
      close: () => {
        this.listeners.delete(sid);
        if (!this.exited) this.worker.postMessage({ kind: 'close-session', sid } satisfies ToWorker);
      },
    };
  }

  prometheusApi(method: string, path: string, params: [string, string][]): Promise<JsonReply | null> {
    return this.request({ kind: 'prom', id: this.nextId++, method, path, params });
  }

  selfMetrics(http: [string, number][]): Promise<string> {
    return this.request({ kind: 'metrics', id: this.nextId++, http });
  }

  summary(): Promise<{ targets: number; dataDir: string }> {
    return this.request({ kind: 'summary', id: this.nextId++ });
  }

  /** The body's ArrayBuffer is transferred, not copied: it must own its whole buffer. */
  remoteWrite(body: Uint8Array | null, encoding: string | null): Promise<RemoteWriteReply> {
    const transfer = body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    return this.request(
      { kind: 'remote-write', id: this.nextId++, body, encoding },
      transfer ? [body.buffer as ArrayBuffer] : [],
    );
  }

  push(req: PushRequest): Promise<PushReply> {
    const b = req.body;
    const transfer = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
    return this.request({ kind: 'push', id: this.nextId++, req }, transfer ? [b.buffer as ArrayBuffer] : []);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await this.request({ kind: 'shutdown', id: this.nextId++ });
    await this.worker.terminate();
  }
}
