// An EngineLink to an Engine running in a worker thread (engine-worker.ts): each method is an
// RPC call (shared/rpc) to that thread; a session's Api calls and events carry its id as scope.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ApiEvent } from '../../shared/api';
import { RpcError } from '../../shared/rpc/errors';
import { RpcPeer } from '../../shared/rpc/peer';
import { portChannel } from '../../shared/rpc/port-channel';
import type { EngineLink, JsonReply, SessionLink } from './engine-link';
import { CLOSE_SESSION, START, type ThreadCall, type WorkerEngineOptions } from './worker-protocol';
import type { RemoteWriteReply } from './remote-write/receiver';
import type { PushReply, PushRequest } from './push/push-request';
import type { OtlpHttpRequest, OtlpReply } from './otlp/receiver';

/** An error raised while the engine started (config, data dir), with its original name. */
export class EngineStartError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * V8 settings for the engine's isolate, set before it starts (V8's flags are per process).
 * Allocation-site pretenuring is off: the first scrapes of many new series keep their batches
 * alive across scavenges, V8 then allocates those sites' arrays straight in old space for the
 * rest of the run, and every later scrape's short-lived batch becomes old-space garbage
 * (50 x 1000 at 1 s: a mark-compact every ~3 s instead of every ~7 s, 1.32 -> 1.03 CPU-s per
 * M samples without it, measured side by side).
 */
function engineHeapFlags(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * The engine's young generation: 24 MB (8 MB semi-spaces) instead of V8's 48 (16 MB ones). A
 * scrape's garbage dies young either way; the smaller one keeps ~13 MiB less resident for at
 * most a few more scavenges a second (semi-spaces of 4 MB cost ~10% more CPU at 50 x 1000).
 */
const ENGINE_HEAP_LIMITS = { maxYoungGenerationSizeMb: 24 };

export class WorkerEngineLink implements EngineLink {
  private nextSid = 1;
  private readonly listeners = new Map<number, (e: ApiEvent) => void>();
  private readonly peer: RpcPeer;

  private constructor(private readonly worker: Worker) {
    this.peer = new RpcPeer(portChannel(worker), {
      name: 'the engine thread',
      onEvent: (event, scope) => {
        if (scope !== undefined) this.listeners.get(scope)?.(event as ApiEvent);
      },
    });
    worker.on('message', (m) => this.peer.receive(m));
    worker.on('exit', (code) => this.peer.close(`the engine thread stopped (exit code ${code})`));
  }

  /** Starts the worker and waits until its engine is open (or failed to open). */
  static async start(workerUrl: URL | string, options: WorkerEngineOptions): Promise<WorkerEngineLink> {
    // Under tsx (the tests), the worker runs the TypeScript source: Node 20 does not apply the
    // parent's loader to a worker's entry, so a tiny bootstrap registers tsx first.
    const url = String(workerUrl);
    engineHeapFlags();
    const worker = url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
          { eval: true, workerData: options, resourceLimits: ENGINE_HEAP_LIMITS },
        )
      : new Worker(workerUrl, { workerData: options, resourceLimits: ENGINE_HEAP_LIMITS });
    const link = new WorkerEngineLink(worker);
    // The thread failing to load at all (a missing module) comes as an 'error' event, not a reply.
    let onError: (err: Error) => void = () => {};
    const loadFailed = new Promise<never>((_resolve, reject) => (onError = reject));
    worker.once('error', onError);
    try {
      await Promise.race([link.peer.call(START, []), loadFailed]);
    } catch (err) {
      void worker.terminate();
      if (err instanceof RpcError) throw new EngineStartError(err.name, err.message);
      throw err;
    } finally {
      worker.off('error', onError);
    }
    return link;
  }

  private call<M extends ThreadCall>(
    method: M,
    params: Parameters<EngineLink[M]>,
    transfer?: ArrayBuffer[],
  ): ReturnType<EngineLink[M]> {
    return this.peer.call(method, params, { transfer }) as ReturnType<EngineLink[M]>;
  }

  openSession(onEvent: (event: ApiEvent) => void): SessionLink {
    const sid = this.nextSid++;
    this.listeners.set(sid, onEvent);
    let open = true;
    return {
      call: (method, params) =>
        open ? this.peer.call(method, params, { scope: sid }) : Promise.reject(new Error('session closed')),
      close: () => {
        if (!open) return;
        open = false;
        this.listeners.delete(sid);
        // Once the thread has stopped, its sessions are gone with it.
        this.peer.call(CLOSE_SESSION, [], { scope: sid }).catch(() => {});
      },
    };
  }

  prometheusApi(method: string, path: string, params: [string, string][]): Promise<JsonReply | null> {
    return this.call('prometheusApi', [method, path, params]);
  }

  selfMetrics(http: [string, number][]): Promise<string> {
    return this.call('selfMetrics', [http]);
  }

  summary(): Promise<{ targets: number; dataDir: string }> {
    return this.call('summary', []);
  }

  reload(): Promise<{ ok: boolean; error: string | null }> {
    return this.call('reload', []);
  }

  /** The body's ArrayBuffer is transferred, not copied, when the body owns its whole buffer. */
  remoteWrite(body: Uint8Array | null, encoding: string | null): Promise<RemoteWriteReply> {
    return this.call('remoteWrite', [body, encoding], body ? ownBuffer(body) : []);
  }

  push(req: PushRequest): Promise<PushReply> {
    return this.call('push', [req], ownBuffer(req.body));
  }

  otlp(req: OtlpHttpRequest): Promise<OtlpReply> {
    return this.call('otlp', [req], req.body ? ownBuffer(req.body) : []);
  }

  /** Calls `fn` when the thread ends: after close(), or when it crashed (the host then stops too). */
  onExit(fn: (code: number) => void): void {
    this.worker.once('exit', fn);
  }

  async close(): Promise<void> {
    if (this.peer.closed) return;
    await this.call('close', []);
    await this.worker.terminate();
  }
}

/** The bytes' buffer to move to the thread, or none when the bytes are a view of a larger buffer. */
function ownBuffer(b: Uint8Array): ArrayBuffer[] {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? [b.buffer as ArrayBuffer] : [];
}
