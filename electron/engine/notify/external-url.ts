// The address links in notifications use (ntfy's Click, the webhook's externalURL): the
// --web.external-url flag when given, else where the HTTP API listens, with a wildcard address
// replaced by this machine's name (127.0.0.1 stays: that is all this machine serves).
import { hostname } from 'node:os';
import { parseHostPort } from '../../../shared/settings';

export function notifyExternalURL(flag: string | undefined, listen: string): string {
  if (flag) return flag;
  const hp = parseHostPort(listen);
  if (!hp) return `http://${hostname()}:9099/`;
  const host = hp.host === '0.0.0.0' || hp.host === '::' || hp.host === '' ? hostname() : hp.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${hp.port}/`;
}
