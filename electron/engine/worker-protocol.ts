// Messages between the serve thread and the engine's worker thread.
import type { ApiEvent, ApiMethod } from '../../shared/api';
import type { QueryEngineOptions } from './query';
import type { KeepPolicy } from './store/retention';
import type { PushRequest } from './push/push-request';

export type ToWorker =
  | { kind: 'open'; sid: number }
  | { kind: 'close-session'; sid: number }
  | { kind: 'call'; id: number; sid: number; method: ApiMethod; params: unknown[] }
  | { kind: 'prom'; id: number; method: string; path: string; params: [string, string][] }
  | { kind: 'metrics'; id: number; http: [string, number][] }
  | { kind: 'summary'; id: number }
  | { kind: 'remote-write'; id: number; body: Uint8Array | null; encoding: string | null }
  | { kind: 'push'; id: number; req: PushRequest }
  | { kind: 'shutdown'; id: number };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'fatal'; name: string; message: string }
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'event'; sid: number; event: ApiEvent };

export interface WorkerEngineOptions {
  dataDir: string;
  configFile: string | null;
  retention: KeepPolicy;
  query?: QueryEngineOptions;
  allowEmptyStart?: boolean;
  /** Who runs the engine (EngineInfo.mode); default 'serve'. */
  mode?: 'serve' | 'desktop';
}
