// Exporters found by themselves: GET /metrics on this machine's loopback (127.0.0.1, then ::1 for
// ports IPv4 refuses) at the well-known exporter ports, a few at a time with a short timeout,
// naming what answers from its own body. Nothing beyond loopback is ever contacted. Ports a
// target already scrapes and Promdesk's own /metrics are left out.
import type { FoundExporter } from '../../../shared/api';
import { HOST_STARTER_UID } from '../../../shared/dashboards/starters';
import { FetchError, type HttpClient } from '../scrape/http-fetch';
import { WELL_KNOWN_PORTS, jobFor } from './exporter-ports';
import { identifyExporter } from './loopback-probe-name';

export interface ProbeOptions {
  ports: readonly number[];
  /** Per request; a closed port refuses at once, a silent one costs this much. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** The URLs targets scrape already: their loopback ports are not probed. */
  scraped?: readonly string[];
}

const HOSTS = ['127.0.0.1', '[::1]'] as const;
const DEFAULT_TIMEOUT_MS = 1500;
const DEFAULT_CONCURRENCY = 16;
/** Enough for the names of most exporters; 16 requests in flight hold at most 64 MB. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** The exporters answering on the given loopback ports, by port. */
export async function probeLoopback(client: HttpClient, opts: ProbeOptions): Promise<FoundExporter[]> {
  const skip = new Set((opts.scraped ?? []).map(loopbackPort));
  const ports = opts.ports.filter((p) => Number.isInteger(p) && p > 0 && p < 65536 && !skip.has(p));
  const found: FoundExporter[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ports.length) {
      const port = ports[next++];
      const f = await probePort(client, port, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      if (f) found.push(f);
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, ports.length));
  await Promise.all(Array.from({ length: n }, worker));
  return found.sort((a, b) => a.port - b.port);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '0.0.0.0', '[::]']);

/** The port of a URL on this machine's loopback, or null. */
function loopbackPort(url: string): number | null {
  try {
    const u = new URL(url);
    if (!LOOPBACK.has(u.hostname.toLowerCase()) && !u.hostname.startsWith('127.')) return null;
    return Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  } catch {
    return null;
  }
}

/** One port: the first loopback address that answers with an exposition, named. */
async function probePort(client: HttpClient, port: number, timeoutMs: number): Promise<FoundExporter | null> {
  for (const host of HOSTS) {
    const url = `http://${host}:${port}/metrics`;
    let body: string;
    try {
      const res = await client.fetch({
        url,
        timeoutMs,
        bodySizeLimitBytes: BODY_LIMIT_BYTES,
        headers: { Accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' },
        tlsInsecureSkipVerify: false,
        caFile: null,
        followRedirects: false,
      });
      body = new TextDecoder().decode(res.body);
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      // Something listens here but is no exporter (or is slow): the other address is the same socket or none.
      if (!/refused|EADDRNOTAVAIL|EAFNOSUPPORT|unreachable/i.test(err.message)) return null;
      continue;
    }
    const id = identifyExporter(body);
    if (!id || id.name === 'promdesk') return null;
    const name = id.name ?? WELL_KNOWN_PORTS.get(port) ?? null;
    return {
      url,
      port,
      name,
      namedBy: id.namedBy ?? (name ? 'port' : null),
      version: id.version,
      job: jobFor(id.name ?? WELL_KNOWN_PORTS.get(port) ?? `exporter_${port}`),
      families: id.families,
      starterUid: name === 'node_exporter' ? HOST_STARTER_UID : null,
    };
  }
  return null;
}
