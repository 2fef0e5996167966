// Targets that redirect, against real HTTP servers: the scrape follows 301/302/303/307/308 as
// Prometheus does (follow_redirects defaults to true), stops at Go's limit of 10 redirects, keeps
// credentials only on the same host or its subdomains, says clearly why a redirect could not be
// followed, and a config job's `follow_redirects: false` turns it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { DnsCache, type Resolvers } from '../../electron/engine/scrape/dns-cache';
import { HttpClient } from '../../electron/engine/scrape/http-fetch';
import { isDomainOrSubdomain } from '../../electron/engine/scrape/redirects';
import { defaultTargetInput } from '../../shared/api';
import { fetchSpec } from '../helpers/fetch-spec';
import { tempDir } from '../helpers/tmp';

interface Seen {
  path: string;
  host: string;
  authorization: string | undefined;
}

/**
 * A server whose paths say what to answer: `/hop/N/STATUS` redirects with STATUS to `/hop/N-1/STATUS`
 * (relative), `/hop/0/...` and `/metrics` answer a metric, `/to?l=X` redirects to X, `/bare` is
 * a 301 without Location, `/slow/N` waits 300 ms then redirects to `/slow/N-1`.
 */
async function startRedirector(): Promise<{
  base: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, host: req.headers.host ?? '', authorization: req.headers.authorization });
    const metric = () => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`redirected_metric{path="${url.pathname}"} 1\n`);
    };
    const hop = /^\/hop\/(\d+)\/(\d+)$/.exec(url.pathname);
    if (hop) {
      const n = Number(hop[1]);
      if (n === 0) return metric();
      res.writeHead(Number(hop[2]), { Location: `../${n - 1}/${hop[2]}` });
      return res.end('moved');
    }
    const slow = /^\/slow\/(\d+)$/.exec(url.pathname);
    if (slow) {
      setTimeout(() => {
        res.writeHead(302, { Location: `/slow/${Math.max(0, Number(slow[1]) - 1)}` });
        res.end();
      }, 300);
      return;
    }
    if (url.pathname === '/to') {
      res.writeHead(Number(url.searchParams.get('s') ?? 302), { Location: url.searchParams.get('l') ?? '' });
      return res.end();
    }
    if (url.pathname === '/bare') {
      res.writeHead(301);
      return res.end();
    }
    if (url.pathname === '/moved') {
      res.writeHead(301, { Location: '/metrics' });
      return res.end('<a href="/metrics">Moved Permanently</a>.');
    }
    metric();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Every name resolves to 127.0.0.1, so one loopback server can stand for several sites. */
const loopbackDns: Resolvers = {
  resolveWithTtl: () => Promise.resolve([{ address: '127.0.0.1', family: 4, ttlSeconds: 60 }]),
  systemLookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
};

test('a target that answers 301 Moved Permanently is scraped at the Location, and is up', async () => {
  const server = await startRedirector();
  const dir = tempDir();
  const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined, autoStart: false });
  try {
    const id = engine.addTarget({
      ...defaultTargetInput,
      url: `${server.base}/moved`,
      job: 'moved',
      intervalMs: 3_600_000,
    }).id;
    const outcome = await engine.scrapeNow(id);
    assert.equal(outcome.error, null);
    assert.equal(outcome.up, true);
    assert.equal(engine.listTargets().find((t) => t.id === id)?.health, 'up');
    const r = engine.query.instant('redirected_metric', Date.now());
    assert.ok(r.resultType === 'vector' && r.result.length === 1, JSON.stringify(r));
    assert.equal(r.result[0].labels.path, '/metrics');
    assert.equal(
      r.result[0].labels.instance,
      `127.0.0.1:${server.port}`,
      'instance stays the configured URL',
    );
  } finally {
    await engine.close();
    await server.close();
    dir.remove();
  }
});

test('a config job with follow_redirects: false fails on the 301, as Prometheus does; other jobs follow it', async () => {
  const server = await startRedirector();
  const dir = tempDir();
  const config = join(dir.path, 'prometheus.yml');
  const job = (name: string, extra: string) =>
    `  - job_name: ${name}\n    scrape_interval: 1h\n    metrics_path: /moved\n${extra}    static_configs: [{ targets: ['127.0.0.1:${server.port}'] }]\n`;
  writeFileSync(
    config,
    `scrape_configs:\n${job('stays', '    follow_redirects: false\n')}${job('follows', '')}`,
  );
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    mode: 'serve',
    configFile: config,
    log: () => undefined,
    autoStart: false,
  });
  try {
    const targets = engine.listTargets();
    const id = (job: string) => targets.find((t) => t.input.job === job)!.id;
    const stays = await engine.scrapeNow(id('stays'));
    assert.equal(stays.up, false);
    assert.match(stays.error ?? '', /server returned HTTP status 301 Moved Permanently/);
    const follows = await engine.scrapeNow(id('follows'));
    assert.equal(follows.error, null);
    assert.equal(follows.up, true);
  } finally {
    await engine.close();
    await server.close();
    dir.remove();
  }
});

test('each redirect status is followed, relative and absolute Locations alike, up to 9 in a row', async () => {
  const server = await startRedirector();
  const client = new HttpClient(new DnsCache());
  try {
    for (const status of [301, 302, 303, 307, 308]) {
      const res = await client.fetch(fetchSpec(`${server.base}/hop/3/${status}`));
      assert.equal(res.status, 200, String(status));
      assert.match(Buffer.from(res.body).toString(), /path="\/hop\/0\//);
    }
    const other = await startRedirector();
    try {
      const res = await client.fetch(fetchSpec(`${server.base}/to?s=308&l=${other.base}/hop/1/301`));
      assert.equal(res.status, 200);
      assert.deepEqual(
        other.seen.map((s) => s.path),
        ['/hop/1/301', '/hop/0/301'],
      );
    } finally {
      await other.close();
    }
    // Go's client (and so Prometheus) gives up at the 10th redirect response.
    const nine = await client.fetch(fetchSpec(`${server.base}/hop/9/302`));
    assert.equal(nine.status, 200);
    server.seen.length = 0;
    await assert.rejects(client.fetch(fetchSpec(`${server.base}/hop/10/302`)), /stopped after 10 redirects/);
    assert.equal(server.seen.length, 10, 'ten requests sent, the 11th not');
  } finally {
    client.close();
    await server.close();
  }
});

test('follow_redirects off, or a redirect that cannot be followed, fails with a clear error', async () => {
  const server = await startRedirector();
  const client = new HttpClient(new DnsCache());
  try {
    await assert.rejects(
      client.fetch(fetchSpec(`${server.base}/moved`, { followRedirects: false })),
      /HTTP status 301 Moved Permanently/,
    );
    await assert.rejects(client.fetch(fetchSpec(`${server.base}/bare`)), /HTTP status 301 Moved Permanently/);
    await assert.rejects(
      client.fetch(fetchSpec(`${server.base}/to?l=${encodeURIComponent('http://[::1')}`)),
      /failed to parse Location header "http:\/\/\[::1"/,
    );
    await assert.rejects(
      client.fetch(fetchSpec(`${server.base}/to?l=${encodeURIComponent('ftp://example.com/m')}`)),
      /unsupported scheme "ftp:"/,
    );
    // The timeout bounds the whole chain: 300 ms a hop, 5 hops, a 1 s timeout.
    const started = Date.now();
    await assert.rejects(
      client.fetch(fetchSpec(`${server.base}/slow/5`, { timeoutMs: 1000 })),
      /deadline exceeded: no complete response within 1000 ms/,
    );
    assert.ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
  } finally {
    client.close();
    await server.close();
  }
});

test('credentials go on to the same host and its subdomains only, and once dropped stay dropped', async () => {
  const server = await startRedirector();
  const client = new HttpClient(new DnsCache(loopbackDns));
  const p = server.port;
  const auth = { Authorization: 'Bearer s3cret' };
  /** Fetches through redirects to each host of `chain` in turn; what each host was sent. */
  const fetchVia = async (chain: string[]) => {
    server.seen.length = 0;
    let url = `http://${chain[chain.length - 1]}:${p}/metrics`;
    for (let i = chain.length - 2; i >= 0; i--)
      url = `http://${chain[i]}:${p}/to?l=${encodeURIComponent(url)}`;
    await client.fetch(fetchSpec(url, { headers: auth }));
    return server.seen.map((s) => [s.host.replace(`:${p}`, ''), s.authorization ?? null]);
  };
  try {
    assert.deepEqual(await fetchVia(['metrics.test', 'metrics.test']), [
      ['metrics.test', 'Bearer s3cret'],
      ['metrics.test', 'Bearer s3cret'],
    ]);
    assert.deepEqual(await fetchVia(['metrics.test', 'node.metrics.test']), [
      ['metrics.test', 'Bearer s3cret'],
      ['node.metrics.test', 'Bearer s3cret'],
    ]);
    assert.deepEqual(await fetchVia(['metrics.test', 'evil.test', 'metrics.test']), [
      ['metrics.test', 'Bearer s3cret'],
      ['evil.test', null],
      ['metrics.test', null],
    ]);
    assert.deepEqual(await fetchVia(['node.metrics.test', 'metrics.test']), [
      ['node.metrics.test', 'Bearer s3cret'],
      ['metrics.test', null],
    ]);
  } finally {
    client.close();
    await server.close();
  }
});

test('isDomainOrSubdomain matches Go: a parent domain, never a suffix of a label or an IP', () => {
  assert.equal(isDomainOrSubdomain('a.example.com', 'example.com'), true);
  assert.equal(isDomainOrSubdomain('example.com', 'example.com'), true);
  assert.equal(isDomainOrSubdomain('badexample.com', 'example.com'), false);
  assert.equal(isDomainOrSubdomain('example.com', 'a.example.com'), false);
  assert.equal(isDomainOrSubdomain('10.0.0.1', '0.0.1'), false);
  assert.equal(isDomainOrSubdomain('[::1]', '[::1]'), true);
});
