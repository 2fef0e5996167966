// Queries one remote Prometheus-API server: POST forms for queries (as Grafana sends them, so long
// expressions never hit URL limits), GET where the API only has GET. Every failure becomes an
// Error that names the datasource and the URL it asked.
import type http from 'node:http';
import type {
  LabelRange,
  QueryInstantRequest,
  QueryInstantResult,
  QueryRangeRequest,
  QueryRangeResult,
} from '../../../shared/api';
import type { DatasourceSpec } from './datasource-spec';
import {
  readEnvelope,
  toBuildVersion,
  toInstantResult,
  toRangeResult,
  toStringList,
  type ApiSuccess,
} from './prom-reply';
import { sendRemoteRequest } from './remote-request';

export interface PromClientOptions {
  /** Largest reply body accepted (decompressed). */
  maxBodyBytes: number;
  /** Clock for the default window of label look-ups. */
  nowMs?: () => number;
}

/**
 * Label look-ups cover the last day: without a start, Prometheus reads every block it has and
 * VictoriaMetrics picks its own default, so completion would be slow or differ by server.
 */
const LABELS_WINDOW_MS = 24 * 3_600_000;

const seconds = (ms: number) => String(ms / 1000);

export class RemotePromClient {
  private readonly nowMs: () => number;

  constructor(
    private readonly spec: DatasourceSpec,
    private readonly agent: http.Agent,
    private readonly opts: PromClientOptions,
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
  }

  async queryInstant(req: QueryInstantRequest): Promise<QueryInstantResult> {
    const form = new URLSearchParams({ query: req.query, time: seconds(req.timeMs) });
    return this.ask('POST', '/api/v1/query', form, toInstantResult);
  }

  async queryRange(req: QueryRangeRequest): Promise<QueryRangeResult> {
    const form = new URLSearchParams({
      query: req.query,
      start: seconds(req.startMs),
      end: seconds(req.endMs),
      step: seconds(req.stepMs),
    });
    return this.ask('POST', '/api/v1/query_range', form, toRangeResult);
  }

  async labelNames(match?: string, range?: LabelRange): Promise<string[]> {
    return this.ask('POST', '/api/v1/labels', this.labelsForm(match, range), toStringList);
  }

  async labelValues(name: string, match?: string, range?: LabelRange): Promise<string[]> {
    const path = `/api/v1/label/${encodeURIComponent(name)}/values`;
    return this.ask('GET', path, this.labelsForm(match, range), toStringList);
  }

  /** The server's version from /api/v1/status/buildinfo (null where it gives none). */
  async buildVersion(): Promise<string | null> {
    return this.ask('GET', '/api/v1/status/buildinfo', new URLSearchParams(), toBuildVersion);
  }

  /** The range asked for, or the last LABELS_WINDOW_MS. */
  private labelsForm(match: string | undefined, range?: LabelRange): URLSearchParams {
    const now = this.nowMs();
    const start = range?.startMs ?? now - LABELS_WINDOW_MS;
    const end = range?.endMs ?? now;
    const form = new URLSearchParams({ start: seconds(start), end: seconds(end) });
    if (match) form.append('match[]', match);
    return form;
  }

  private headers(): Record<string, string> {
    const a = this.spec.auth;
    if (a.type === 'basic')
      return { Authorization: 'Basic ' + Buffer.from(`${a.username}:${a.password}`).toString('base64') };
    if (a.type === 'bearer') return { Authorization: `Bearer ${a.token}` };
    return {};
  }

  private async ask<T>(
    method: 'GET' | 'POST',
    path: string,
    form: URLSearchParams,
    convert: (reply: ApiSuccess) => T,
  ): Promise<T> {
    let url: URL;
    try {
      url = new URL(this.spec.url + path);
    } catch {
      throw this.error(this.spec.url + path, 'invalid URL');
    }
    try {
      const res = await sendRemoteRequest({
        method,
        url,
        form,
        headers: this.headers(),
        timeoutMs: this.spec.timeoutMs,
        maxBodyBytes: this.opts.maxBodyBytes,
        agent: this.agent,
      });
      return convert(readEnvelope(res));
    } catch (err) {
      throw this.error(displayUrl(url), (err as Error).message);
    }
  }

  private error(where: string, message: string): Error {
    return new Error(`datasource "${this.spec.name}" (${where}): ${message}`);
  }
}

/** The URL without credentials or query string, for messages. */
function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}
