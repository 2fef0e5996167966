// The Preview pane's fetch: the endpoint's raw text, fetched by the engine (so no CORS), with
// Prometheus's limits for raw fetches (10 MB, a timeout) and its scrape Accept header unless the
// user sets another.
import type { FetchExpositionRequest, FetchExpositionResult } from '../../../shared/api';
import { decodeExpositionBody } from '../../../shared/exposition';
import { authHeaders } from './auth-headers';
import type { Clock } from './clock';
import type { HttpClient } from './http-fetch';
import { ACCEPT_HEADER, USER_AGENT } from './scrape-loop';

export const PREVIEW_BODY_LIMIT = 10 * 1024 * 1024;

export async function fetchExposition(
  client: HttpClient,
  req: FetchExpositionRequest,
  clock: Clock,
): Promise<FetchExpositionResult> {
  const start = clock.now();
  try {
    const res = await client.fetch({
      url: req.url,
      timeoutMs: req.timeoutMs,
      bodySizeLimitBytes: PREVIEW_BODY_LIMIT,
      headers: { Accept: ACCEPT_HEADER, 'User-Agent': USER_AGENT, ...req.headers, ...authHeaders(req.auth) },
      tlsInsecureSkipVerify: req.tlsInsecureSkipVerify,
      caFile: null,
    });
    return {
      ok: true,
      error: null,
      status: res.status,
      contentType: res.contentType,
      body: decodeExpositionBody(res.body),
      bytes: res.body.length,
      durationMs: clock.now() - start,
      fetchedAtMs: start,
    };
  } catch (err) {
    return {
      ok: false,
      error: (err as Error).message,
      status: null,
      contentType: null,
      body: '',
      bytes: 0,
      durationMs: clock.now() - start,
      fetchedAtMs: start,
    };
  }
}
