// How a front end (the serve HTTP/WebSocket server) talks to an Engine that may live in another
// thread: Api sessions, the Prometheus HTTP API and self metrics, all asynchronous. LocalEngineLink
// serves an Engine in the same thread; engine-worker.ts serves one inside a worker thread.
import type { ApiEvent, ApiMethod } from '../../shared/api';
import type { Engine } from './engine';
import type { ApiSession } from './api-session';
import { handleApi } from './http/prom-api';
import { Params } from './http/params';
import { renderSelfMetrics } from './http/self-metrics';

export interface SessionLink {
  call(method: ApiMethod, params: unknown[]): Promise<unknown>;
  close(): void;
}

/** A Prometheus API reply, already serialized (the engine's thread does the JSON work). */
export interface JsonReply {
  status: number;
  json: string;
}

export interface EngineLink {
  openSession(onEvent: (event: ApiEvent) => void): SessionLink;
  /** null when the path is not a Prometheus API path. */
  prometheusApi(method: string, path: string, params: [string, string][]): Promise<JsonReply | null>;
  /** The engine's part of /metrics; `extra` is appended by the caller (HTTP thread figures). */
  selfMetrics(httpRequests: [string, number][]): Promise<string>;
  summary(): Promise<{ targets: number; dataDir: string }>;
  close(): Promise<void>;
}

export class LocalEngineLink implements EngineLink {
  constructor(readonly engine: Engine) {}

  openSession(onEvent: (event: ApiEvent) => void): SessionLink {
    const session: ApiSession = this.engine.createSession(onEvent);
    return {
      call: (method, params) => session.call(method, params),
      close: () => this.engine.closeSession(session),
    };
  }

  async prometheusApi(method: string, path: string, params: [string, string][]): Promise<JsonReply | null> {
    const reply = handleApi(this.engine, method, path, new Params(new URLSearchParams(params)));
    return reply && { status: reply.status, json: reply.json ?? JSON.stringify(reply.body) };
  }

  async selfMetrics(httpRequests: [string, number][]): Promise<string> {
    return renderSelfMetrics(this.engine, { requests: new Map(httpRequests) });
  }

  async summary(): Promise<{ targets: number; dataDir: string }> {
    return { targets: this.engine.listTargets().length, dataDir: this.engine.info().dataDir };
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
