// The external URL rule templates see ({{ externalURL }}, $externalURL): --web.external-url, or
// Prometheus's default http://<hostname>:<port>/; like Prometheus's computeExternalURL, the path
// keeps no trailing slash (so the default reads http://host:9099).
import { hostname } from 'node:os';

export function computeExternalUrl(flag: string | null, listenPort: number): string {
  const raw = flag ?? `http://${hostname()}:${listenPort}/`;
  if (/^["']|["']$/.test(raw)) throw new Error(`URL "${raw}" must not begin or end with quotes`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL (e.g. http://promdesk.lan:9099/)`);
  }
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}${u.search}`;
}
