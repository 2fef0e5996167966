import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsCache, type Resolvers } from '../../../electron/engine/scrape/dns-cache';
import { HttpClient } from '../../../electron/engine/scrape/http-fetch';
import { fetchSpec } from '../../helpers/fetch-spec';
import { startExporter } from '../../helpers/exporter';

const spec = fetchSpec;

function countingResolvers(ttlSeconds: number) {
  const calls = { resolve: 0, system: 0 };
  const resolvers: Resolvers = {
    async resolveWithTtl(host) {
      calls.resolve++;
      if (host !== 'exporter.home.arpa') throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
      return [{ address: '127.0.0.1', family: 4, ttlSeconds }];
    },
    async systemLookup() {
      calls.system++;
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    },
  };
  return { calls, resolvers };
}

test('a target scraped every 100 ms costs one DNS lookup per TTL, not one per scrape', async () => {
  const exp = await startExporter({ kind: 'body', body: 'a 1\n' });
  const { calls, resolvers } = countingResolvers(60);
  let now = 0;
  const dns = new DnsCache(resolvers, () => now);
  const client = new HttpClient(dns);
  try {
    const url = `http://exporter.home.arpa:${exp.port}/metrics`;
    for (let i = 0; i < 20; i++) {
      // Force new connections too: keep-alive alone must not be what saves the lookups.
      const res = await client.fetch(spec(url, { headers: { Connection: 'close' } }));
      assert.equal(new TextDecoder().decode(res.body), 'a 1\n');
      now += 100;
    }
    assert.equal(exp.requests, 20);
    assert.ok(exp.connections >= 20, `new connection per scrape (${exp.connections})`);
    assert.equal(calls.resolve, 1, 'one lookup within the TTL');
    now += 60_000; // TTL expired: exactly one more lookup
    await client.fetch(spec(url));
    await client.fetch(spec(url));
    assert.equal(calls.resolve, 2);
    assert.equal(dns.lookups, 2);
  } finally {
    client.close();
    await exp.close();
  }
});

test('concurrent lookups of one name share a single query; failures are cached briefly', async () => {
  const { calls, resolvers } = countingResolvers(30);
  let now = 0;
  const dns = new DnsCache(resolvers, () => now);
  await Promise.all([1, 2, 3].map(() => dns.resolve('exporter.home.arpa')));
  assert.equal(calls.resolve, 1);
  await assert.rejects(dns.resolve('missing.home.arpa'), /DNS lookup of "missing.home.arpa" failed/);
  await assert.rejects(dns.resolve('missing.home.arpa'));
  assert.equal(calls.system, 1, 'negative answer cached');
  now += 10_000;
  await assert.rejects(dns.resolve('missing.home.arpa'));
  assert.equal(calls.system, 2);
  assert.deepEqual(
    await dns.resolve('127.0.0.1'),
    [{ address: '127.0.0.1', family: 4 }],
    'IP literal: no lookup',
  );
  assert.equal(calls.resolve + calls.system, 5, 'no more lookups than the misses above');
});

test('keep-alive reuses one connection; gzip bodies are decompressed; Accept and auth are sent', async () => {
  const exp = await startExporter({ kind: 'body', body: 'g 1\n'.repeat(1000), gzip: true });
  const client = new HttpClient(new DnsCache());
  try {
    for (let i = 0; i < 5; i++) {
      const res = await client.fetch(
        spec(exp.url, { headers: { Accept: 'text/plain;version=0.0.4', Authorization: 'Bearer t' } }),
      );
      assert.equal(res.body.length, 4000);
      assert.ok(res.wireBytes < 200, `compressed on the wire (${res.wireBytes})`);
    }
    assert.equal(exp.connections, 1);
    assert.equal(exp.lastHeaders?.['accept-encoding'], 'gzip');
    assert.equal(exp.lastHeaders?.authorization, 'Bearer t');
  } finally {
    client.close();
    await exp.close();
  }
});

test('refused, hanging, 500 and oversized targets fail with clear errors', async () => {
  const exp = await startExporter({ kind: 'hang' });
  const client = new HttpClient(new DnsCache());
  try {
    await assert.rejects(client.fetch(spec(exp.url, { timeoutMs: 300 })), /deadline exceeded.*300 ms/);
    exp.set({ kind: 'body', body: 'oops', status: 500 });
    await assert.rejects(client.fetch(spec(exp.url)), /HTTP status 500/);
    exp.set({ kind: 'huge', bytes: 200 * 1024 * 1024 });
    const t0 = Date.now();
    await assert.rejects(
      client.fetch(spec(exp.url, { bodySizeLimitBytes: 8 * 1024 * 1024, timeoutMs: 20_000 })),
      /body size limit exceeded/,
    );
    assert.ok(Date.now() - t0 < 10_000, 'stops reading at the limit');
    const port = exp.port;
    await exp.close();
    await assert.rejects(client.fetch(spec(`http://127.0.0.1:${port}/metrics`)), /connection refused/);
    await assert.rejects(client.fetch(spec('ftp://x/')), /unsupported scheme/);
  } finally {
    client.close();
  }
});

test('a kept-alive connection the server dropped is retried once on a fresh one', async () => {
  const net = await import('node:net');
  let connections = 0;
  const server = net.createServer((sock) => {
    connections++;
    let requests = 0;
    sock.on('data', (d) => {
      if (!d.toString().includes('\r\n\r\n')) return;
      requests++;
      // The second request on a connection meets a server that just closed it.
      if (requests > 1) return void sock.destroy();
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\na 1\n');
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as import('node:net').AddressInfo;
  const client = new HttpClient(new DnsCache());
  try {
    for (let i = 0; i < 3; i++) {
      const res = await client.fetch(spec(`http://127.0.0.1:${port}/metrics`));
      assert.equal(new TextDecoder().decode(res.body), 'a 1\n');
    }
    assert.equal(connections, 3, 'each stale connection was replaced by a fresh one');
  } finally {
    client.close();
    await new Promise((r) => server.close(r));
  }
});
