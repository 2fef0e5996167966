// A scrape fetch spec with test defaults (2 s timeout, no body limit, no headers, TLS verified).
import type { FetchSpec } from '../../electron/engine/scrape/http-fetch';

export const fetchSpec = (url: string, over: Partial<FetchSpec> = {}): FetchSpec => ({
  url,
  timeoutMs: 2000,
  bodySizeLimitBytes: 0,
  headers: {},
  tlsInsecureSkipVerify: false,
  caFile: null,
  ...over,
});
