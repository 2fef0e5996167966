// How a front end (the serve HTTP/WebSocket server) talks to an Engine that may live in another
// thread: Api sessions, the Prometheus HTTP API and self metrics, all asynchronous. LocalEngineLink
// serves an Engine in the same thread; engine-worker.ts serves one inside a worker thread.
import type { ApiEvent, ApiMethod } from '../../shared/api';
import type { Engine } from './engine';
import type { ApiSession } from './api-session';
import { handleApi } from './http/prom-api';
import { Params } from './http/params';
import { renderSelfMetrics } from './http/self-metrics';
import type { RemoteWriteReply } from './remote-write/receiver';
import type { PushReply, PushRequest } from './push/push-request';
import type { OtlpHttpRequest, OtlpReply } from './otlp/receiver';

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
  /** POST /api/v1/write; body null when the HTTP thread refused it as too large. */
  remoteWrite(body: Uint8Array | null, encoding: string | null): Promise<RemoteWriteReply>;
  /** PUT/POST/DELETE /metrics/job/... (Pushgateway-compatible push). */
  push(req: PushRequest): Promise<PushReply>;
  /** POST /api/v1/otlp/v1/metrics. */
  otlp(req: OtlpHttpRequest): Promise<OtlpReply>;
  /** SIGHUP, POST /-/reload: the config file read again (an invalid one keeps the old). */
  reload(): Promise<{ ok: boolean; error: string | null }>;
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

  async remoteWrite(body: Uint8Array | null, encoding: string | null): Promise<RemoteWriteReply> {
    return this.engine.remoteWrite(body, encoding);
  }

  async push(req: PushRequest): Promise<PushReply> {
    return this.engine.push(req);
  }

  async otlp(req: OtlpHttpRequest): Promise<OtlpReply> {
    return this.engine.otlp(req);
  }

  async reload(): Promise<{ ok: boolean; error: string | null }> {
    return this.engine.reloadConfig();
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
