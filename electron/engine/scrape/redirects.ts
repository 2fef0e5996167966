// Following a target's redirects the way Prometheus's scraper does (Go's http.Client under
// `follow_redirects: true`, the default): 301, 302, 303, 307 and 308 with a Location are
// followed; a redirect without a Location is the answer itself; the 10th redirect in a row is
// an error. Credentials set on the first request (Authorization, Cookie) go on only to the same
// host or its subdomains, and once dropped stay dropped for the rest of the chain (Go since
// 1.23.5). Prometheus re-adds its configured basic_auth / authorization on every hop, whatever
// the host; Promdesk keeps to Go's rule so a redirect cannot carry a target's password elsewhere.

/** Go's limit: the 10th redirect response ends the chain with an error. */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const SENSITIVE_HEADERS = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2']);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The absolute URL a Location header points to from `from`, or a message saying why it cannot be followed. */
export function resolveLocation(location: string, from: string): URL | string {
  try {
    const u = new URL(location, from);
    u.hash = '';
    return u;
  } catch {
    return `failed to parse Location header "${location}" of the redirect from ${from}`;
  }
}

/** Go's isDomainOrSubdomain: `sub` is `parent` or ends with "." + `parent` (IP literals match only themselves). */
export function isDomainOrSubdomain(sub: string, parent: string): boolean {
  const s = sub.toLowerCase();
  const p = parent.toLowerCase();
  if (s === p) return true;
  if (s.includes(':') || /^[\d.]+$/.test(s)) return false; // an IP address has no subdomains
  return s.endsWith('.' + p);
}

/** The headers without credentials, for a hop to another site. */
export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) if (!SENSITIVE_HEADERS.has(name.toLowerCase())) out[name] = headers[name];
  return out;
}
