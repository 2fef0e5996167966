// dns_sd_configs against a real DNS server on 127.0.0.1 (test/helpers/dns-server.ts): A, AAAA,
// SRV and MX with Prometheus 2.42's targets and meta labels, answers kept for their TTL (the
// server counts the queries), a failing server keeping the last good targets with its error,
// the config's checks, and malformed answers refused without a crash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as dns } from 'node:dns';
import { DnsSd } from '../../../electron/engine/discovery/dns-sd';
import { DnsSdResolver } from '../../../electron/engine/discovery/dns-sd-lookup';
import { DnsWireError, decodeAnswer, encodeQuery } from '../../../electron/engine/discovery/dns-sd-wire';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import type { DnsSdConfig } from '../../../electron/engine/discovery/sd-config';
import { startDnsServer, type DnsServer } from '../../helpers/dns-server';

let server: DnsServer;
before(async () => {
  server = await startDnsServer();
});
after(() => server.close());

function sd(cfg: Partial<DnsSdConfig>, clock: { now: number }): { sd: DnsSd; resolver: DnsSdResolver } {
  const resolver = new DnsSdResolver([server.address]);
  const full: DnsSdConfig = { names: [], type: 'SRV', port: 0, refreshIntervalMs: 30_000, ...cfg };
  return { sd: new DnsSd(full, resolver, () => clock.now), resolver };
}

test('SRV: one target per record, host:port from the record, the meta labels as Prometheus sets them', async () => {
  server.table.set('_node._tcp.lab', [
    { type: 'SRV', target: 'pi1.lab', port: 9100, ttl: 300 },
    { type: 'SRV', target: 'pi2.lab', port: 9101, ttl: 60 },
  ]);
  const clock = { now: 1_000_000 };
  const { sd: d } = sd({ names: ['_node._tcp.lab'] }, clock);
  assert.equal(await d.refresh(), true);
  assert.deepEqual(d.groups(), [
    {
      targets: [
        {
          __address__: 'pi1.lab:9100',
          __meta_dns_name: '_node._tcp.lab',
          __meta_dns_srv_record_target: 'pi1.lab.',
          __meta_dns_srv_record_port: '9100',
        },
        {
          __address__: 'pi2.lab:9101',
          __meta_dns_name: '_node._tcp.lab',
          __meta_dns_srv_record_target: 'pi2.lab.',
          __meta_dns_srv_record_port: '9101',
        },
      ],
      labels: {},
    },
  ]);
  assert.deepEqual(d.errors(), []);
  // The same answer as Node's own resolver (c-ares) reads from the server.
  const r = new dns.Resolver();
  r.setServers([server.address]);
  assert.deepEqual(
    (await r.resolveSrv('_node._tcp.lab')).map((x) => `${x.name}:${x.port}`),
    ['pi1.lab:9100', 'pi2.lab:9101'],
  );
});

test('answers are not asked again before their TTL (the smallest of the records) ends', async () => {
  server.table.set('svc.ttl', [
    { type: 'SRV', target: 'a.ttl', port: 1, ttl: 120 },
    { type: 'SRV', target: 'b.ttl', port: 2, ttl: 60 },
  ]);
  const clock = { now: 5_000_000 };
  const { sd: d, resolver } = sd({ names: ['svc.ttl'], refreshIntervalMs: 5_000 }, clock);
  await d.refresh();
  // Every 5 s for 59 s: the 60 s TTL holds, nothing is asked.
  for (let t = 5; t < 60; t += 5) {
    clock.now = 5_000_000 + t * 1000;
    assert.equal(await d.refresh(), false);
  }
  assert.equal(server.count('svc.ttl', 'SRV'), 1);
  assert.equal(resolver.queries, 1);
  // A change on the server is seen once the TTL is over, not before.
  server.table.set('svc.ttl', [{ type: 'SRV', target: 'c.ttl', port: 3, ttl: 60 }]);
  clock.now = 5_000_000 + 60_000;
  assert.equal(await d.refresh(), true);
  assert.equal(server.count('svc.ttl', 'SRV'), 2);
  assert.deepEqual(
    d.groups()[0].targets.map((t) => t.__address__),
    ['c.ttl:3'],
  );
  // A day of 30 s refreshes of a name with a one-hour TTL: 24 queries, not 2,880.
  server.table.set('thermostat.lab', [{ type: 'A', address: '10.0.0.7', ttl: 3600 }]);
  const day = sd({ names: ['thermostat.lab'], type: 'A', port: 80 }, clock);
  const start = clock.now;
  for (let t = 0; t < 86_400; t += 30) {
    clock.now = start + t * 1000;
    await day.sd.refresh();
  }
  assert.equal(server.count('thermostat.lab', 'A'), 24);
});

test('A, AAAA and MX: the port from the config; IPv6 in brackets; MX keeps its rooted name', async () => {
  server.table.set('hosts.lab', [
    { type: 'A', address: '10.0.0.1', ttl: 30 },
    { type: 'A', address: '10.0.0.2', ttl: 30 },
    { type: 'AAAA', address: 'fd00::1', ttl: 30 },
    { type: 'MX', exchange: 'mail.lab', ttl: 30 },
  ]);
  const clock = { now: 0 };
  const addrs = async (type: DnsSdConfig['type']) => {
    const { sd: d } = sd({ names: ['hosts.lab'], type, port: 9100 }, clock);
    await d.refresh();
    assert.deepEqual(d.errors(), []);
    return d.groups()[0].targets;
  };
  assert.deepEqual(await addrs('A'), [
    { __address__: '10.0.0.1:9100', __meta_dns_name: 'hosts.lab' },
    { __address__: '10.0.0.2:9100', __meta_dns_name: 'hosts.lab' },
  ]);
  assert.deepEqual(await addrs('AAAA'), [{ __address__: '[fd00::1]:9100', __meta_dns_name: 'hosts.lab' }]);
  assert.deepEqual(await addrs('MX'), [
    { __address__: 'mail.lab:9100', __meta_dns_name: 'hosts.lab', __meta_dns_mx_record_target: 'mail.lab.' },
  ]);
  // A name the server does not hold (NXDOMAIN), or no record of the type: an empty group, no error.
  const { sd: none } = sd({ names: ['nothere.lab', 'hosts.lab'], type: 'SRV' }, clock);
  await none.refresh();
  assert.deepEqual(none.errors(), []);
  assert.deepEqual(
    none.groups().map((g) => g.targets.length),
    [0, 0],
  );
});

test('a failing server keeps the last good targets and shows its error until a lookup works', async () => {
  server.table.set('flaky.lab', [{ type: 'A', address: '10.1.1.1', ttl: 0 }]);
  server.table.set('_flaky._tcp.lab', [{ type: 'SRV', target: 'x.lab', port: 9, ttl: 0 }]);
  const clock = { now: 0 };
  const a = sd({ names: ['flaky.lab'], type: 'A', port: 1 }, clock).sd;
  const srv = sd({ names: ['_flaky._tcp.lab'] }, clock).sd;
  await a.refresh();
  await srv.refresh();
  const good = [a.groups(), srv.groups()];
  server.failure = 'servfail';
  try {
    assert.equal(await a.refresh(), true);
    assert.equal(await srv.refresh(), true);
  } finally {
    server.failure = null;
  }
  assert.deepEqual([a.groups(), srv.groups()], good, 'the last good targets stay');
  assert.match(a.errors()[0], /^dns_sd flaky\.lab: A lookup of "flaky\.lab" failed: ESERVFAIL/);
  assert.match(
    srv.errors()[0],
    /^dns_sd _flaky\._tcp\.lab: SRV lookup of "_flaky\._tcp\.lab" failed: the server answered SERVFAIL/,
  );
  await a.refresh();
  await srv.refresh();
  assert.deepEqual([a.errors(), srv.errors()], [[], []]);
});

test('a server that does not answer: a timeout error, the last good targets kept', async () => {
  server.table.set('_quiet._tcp.lab', [{ type: 'SRV', target: 'q.lab', port: 9, ttl: 0 }]);
  const { sd: d } = sd({ names: ['_quiet._tcp.lab'] }, { now: 0 });
  await d.refresh();
  server.failure = 'silent';
  try {
    await d.refresh();
  } finally {
    server.failure = null;
  }
  assert.deepEqual(
    d.groups()[0].targets.map((t) => t.__address__),
    ['q.lab:9'],
  );
  assert.match(d.errors()[0], /no answer from 127\.0\.0\.1:\d+/);
});

test('dns_sd_configs in prometheus.yml: defaults, the type in any case, and Prometheus 2.42 errors', () => {
  const load = (block: string) =>
    parsePrometheusConfig(`scrape_configs:\n  - job_name: d\n    dns_sd_configs:\n${block}`, '/etc/p.yml');
  assert.deepEqual(load(`      - names: [_x._tcp.lab]\n`).scrapeConfigs[0].dnsSdConfigs, [
    { names: ['_x._tcp.lab'], type: 'SRV', port: 0, refreshIntervalMs: 30_000 },
  ]);
  assert.deepEqual(
    load(`      - {names: [a.lab, b.lab], type: aaaa, port: 9100, refresh_interval: 1m}\n`).scrapeConfigs[0]
      .dnsSdConfigs,
    [{ names: ['a.lab', 'b.lab'], type: 'AAAA', port: 9100, refreshIntervalMs: 60_000 }],
  );
  assert.throws(
    () => load(`      - {names: [a.lab], type: A}\n`),
    /\/etc\/p\.yml:4: scrape_configs\[d\]\.dns_sd_configs\[0\]\.port: a port is required in DNS-SD configs for all record types except SRV/,
  );
  assert.throws(
    () => load(`      - {names: [a.lab], type: TXT}\n`),
    /:4: .*\.type: invalid DNS-SD records type TXT/,
  );
  assert.throws(
    () => load(`      - {names: []}\n`),
    /names: DNS-SD config must contain at least one SRV record name/,
  );
  assert.throws(() => load(`      - {names: [a], port: x}\n`), /\.port: expected a non-negative integer/);
  const warned = load(`      - {names: [a], colour: red}\n`).warnings;
  assert.deepEqual(warned, [
    '/etc/p.yml:4: scrape_configs[d].dns_sd_configs[0].colour: unknown key, ignored',
  ]);
});

test('malformed answers are a DnsWireError, never a crash or a hang', () => {
  const q = encodeQuery(7, 'a.lab', 33);
  // A valid answer built from the query: QR set, one SRV record with a compressed owner name.
  const rdata = Buffer.from([0, 1, 0, 2, 0x23, 0x84, 1, 'x'.charCodeAt(0), 0]);
  const rr = Buffer.concat([Buffer.from([0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 60, 0, rdata.length]), rdata]);
  const answer = Buffer.concat([q.subarray(0, q.length - 11), rr]);
  answer.writeUInt16BE(0x8180, 2);
  answer.writeUInt16BE(1, 6);
  answer.writeUInt16BE(0, 10);
  assert.deepEqual(decodeAnswer(answer).records, [
    { type: 'SRV', ttl: 60, priority: 1, weight: 2, port: 9092, target: 'x.' },
  ]);
  // A pointer to itself.
  const loop = Buffer.from(answer);
  loop.writeUInt16BE(0xc000 | (answer.length - rdata.length - 12), answer.length - rdata.length - 12);
  assert.throws(() => decodeAnswer(loop), DnsWireError);
  let seed = 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < 5000; i++) {
    const m = Buffer.from(answer.subarray(0, rand() % (answer.length + 1)));
    for (let k = rand() % 4; k > 0 && m.length > 0; k--) m[rand() % m.length] = rand() & 0xff;
    try {
      decodeAnswer(m);
    } catch (err) {
      assert.ok(err instanceof DnsWireError, `${(err as Error).message} for ${m.toString('hex')}`);
    }
  }
  assert.throws(() => encodeQuery(1, 'a..b', 33), /"a\.\.b" is not a valid DNS name/);
});
