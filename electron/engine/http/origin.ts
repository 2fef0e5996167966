// Which browser requests may act on this server. A page on another origin can still make the
// user's browser send requests to 127.0.0.1 (a WebSocket, a no-cors fetch, a form POST): those
// carry an Origin header (and Sec-Fetch-Site where the browser knows it), which a page cannot
// forge. Requests without either come from programs (Prometheus, curl, promtool): allowed, since
// the Host check and the token guard them. Reading with GET stays open, as in Prometheus: no CORS
// header is ever sent, so another page cannot read the reply.
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request from a browser page is not from this server's own origin, or null when it is
 * (or when no browser sent it). `ownHosts` are the host:port forms this server answers to; the
 * request's own Host counts too (when bound to a LAN address the Host check does not apply).
 */
export function foreignOriginRefusal(
  headers: IncomingHttpHeaders,
  ownHosts: ReadonlySet<string>,
): string | null {
  const host = (headers.host ?? '').toLowerCase();
  const origin = headers.origin;
  if (origin !== undefined) {
    if (!isOwnOrigin(origin, host, ownHosts)) {
      const shown = origin.length > 200 ? `${origin.slice(0, 200)}...` : origin;
      return `cross-origin request refused: Origin "${shown}" is not this server (http://${host})`;
    }
    return null;
  }
  // No Origin (some browsers leave it off same-origin requests) but the browser says the page
  // that sent it belongs to another site or another port of the same site.
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return `cross-origin request refused: Sec-Fetch-Site is "${site}", only this server's own pages may change it`;
  return null;
}

function isOwnOrigin(origin: string, host: string, ownHosts: ReadonlySet<string>): boolean {
  // "null" is sent by sandboxed frames, data: URLs and pages with Referrer-Policy: no-referrer.
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.origin !== origin.toLowerCase()) return false; // a path, user info or odd spelling
  // URL drops a scheme's default port; the Host header keeps whatever the client wrote.
  const hostPort = u.port ? u.host : `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`;
  return [u.host, hostPort].some((h) => h === host || ownHosts.has(h));
}
