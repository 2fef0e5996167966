// A DNS cache that honours the records' TTL, so a target scraped every second costs one lookup
// per TTL, not one per scrape (a home lab's pi-hole sees every query). Names the resolver does
// not know (only in /etc/hosts, mDNS) fall back to the system lookup, cached for a fixed time.
import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
  ttlSeconds: number;
}

/** The lookups the cache makes; replaceable so tests can count them. */
export interface Resolvers {
  /** DNS A/AAAA records with their TTL; rejects with ENOTFOUND/ENODATA when there are none. */
  resolveWithTtl(host: string): Promise<ResolvedAddress[]>;
  /** The system's resolution (getaddrinfo: /etc/hosts, nsswitch); no TTL. */
  systemLookup(host: string): Promise<{ address: string; family: 4 | 6 }[]>;
}

const SYSTEM_TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 5_000;
const MIN_TTL_MS = 1_000;
const MAX_TTL_MS = 3600_000;

export function systemResolvers(): Resolvers {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  return {
    async resolveWithTtl(host) {
      const [v4, v6] = await Promise.allSettled([
        resolver.resolve4(host, { ttl: true }),
        resolver.resolve6(host, { ttl: true }),
      ]);
      const out: ResolvedAddress[] = [];
      if (v4.status === 'fulfilled')
        for (const r of v4.value) out.push({ address: r.address, family: 4, ttlSeconds: r.ttl });
      if (v6.status === 'fulfilled')
        for (const r of v6.value) out.push({ address: r.address, family: 6, ttlSeconds: r.ttl });
      if (out.length === 0)
        throw v4.status === 'rejected' ? v4.reason : new Error(`no addresses for ${host}`);
      return out;
    },
    async systemLookup(host) {
      const all: LookupAddress[] = await dns.lookup(host, { all: true });
      return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    },
  };
}

interface Entry {
  expires: number;
  addresses: { address: string; family: 4 | 6 }[];
  error: Error | null;
  pending: Promise<void> | null;
}

export class DnsCache {
  private readonly entries = new Map<string, Entry>();
  lookups = 0;

  constructor(
    private readonly resolvers: Resolvers = systemResolvers(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The addresses for a host name; IP literals and "localhost" need no lookup at all. */
  async resolve(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    const ipFamily = isIP(bare);
    if (ipFamily) return [{ address: bare, family: ipFamily === 6 ? 6 : 4 }];
    const name = bare.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) {
      return [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ];
    }
    let entry = this.entries.get(name);
    if (!entry || (entry.expires <= this.now() && !entry.pending)) {
      entry = entry ?? { expires: 0, addresses: [], error: null, pending: null };
      this.entries.set(name, entry);
      entry.pending = this.refresh(name, entry);
    }
    if (entry.pending) await entry.pending;
    if (entry.error) throw entry.error;
    return entry.addresses;
  }

  private async refresh(name: string, entry: Entry): Promise<void> {
    this.lookups++;
    try {
      try {
        const records = await this.resolvers.resolveWithTtl(name);
        const ttl = Math.min(...records.map((r) => r.ttlSeconds)) * 1000;
        entry.addresses = records.map(({ address, family }) => ({ address, family }));
        entry.expires = this.now() + Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, ttl));
      } catch {
        entry.addresses = await this.resolvers.systemLookup(name);
        entry.expires = this.now() + SYSTEM_TTL_MS;
      }
      entry.error = null;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      entry.error = new Error(`DNS lookup of "${name}" failed: ${e.code ?? e.message}`);
      entry.addresses = [];
      entry.expires = this.now() + NEGATIVE_TTL_MS;
    } finally {
      entry.pending = null;
    }
  }

  /** A `lookup` for http.Agent / net.connect that answers from the cache. */
  readonly lookup = (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (...args: unknown[]) => void,
  ): void => {
    this.resolve(hostname).then(
      (addrs) => {
        const want =
          options.family === 6 || options.family === 'IPv6'
            ? 6
            : options.family === 4 || options.family === 'IPv4'
              ? 4
              : 0;
        const list = want ? addrs.filter((a) => a.family === want) : addrs;
        // Prefer IPv4 first like Node's default ordering for loopback-heavy home labs.
        const sorted = [...list].sort((a, b) => a.family - b.family);
        if (sorted.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`no IPv${want} address for ${hostname}`);
          err.code = 'ENOTFOUND';
          callback(err);
        } else if (options.all) callback(null, sorted);
        else callback(null, sorted[0].address, sorted[0].family);
      },
      (err: Error) => {
        const e: NodeJS.ErrnoException = err;
        e.code ??= 'ENOTFOUND';
        callback(e);
      },
    );
  };
}
