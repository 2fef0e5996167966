// A target's scrape URL as Prometheus 2.42 builds it (Target.URL): __scheme__://__address__ then
// __metrics_path__, and the query from the job's params with each __param_<name> label taking
// the place of that name's first value. Keys sorted and values escaped as Go's url.Values.Encode.
import type { LabelSet } from '../../../shared/api';

export function targetUrl(labels: Readonly<LabelSet>, params: Readonly<Record<string, string[]>>): string {
  const q = new Map<string, string[]>();
  for (const [k, vs] of Object.entries(params)) q.set(k, [...vs]);
  for (const [n, v] of Object.entries(labels)) {
    if (!n.startsWith('__param_')) continue;
    const k = n.slice('__param_'.length);
    const vs = q.get(k);
    if (vs && vs.length > 0) vs[0] = v;
    else q.set(k, [v]);
  }
  const query = [...q.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((k) => q.get(k)!.map((v) => `${queryEscape(k)}=${queryEscape(v)}`))
    .join('&');
  const host = labels.__address__ ?? '';
  let path = escapePath(labels.__metrics_path__ ?? '');
  if (path !== '' && path[0] !== '/' && host !== '') path = '/' + path;
  return `${labels.__scheme__ ?? ''}://${host}${path}${query ? '?' + query : ''}`;
}

const hex = (b: number) => '%' + b.toString(16).toUpperCase().padStart(2, '0');

/** Go's url.QueryEscape: unreserved characters kept, space as "+", the rest %XX. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += hex(b);
  }
  return out;
}

/** Go's path escaping (encodePath): also keeps $&+,/:;=@. */
function escapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : hex(b);
  }
  return out;
}
