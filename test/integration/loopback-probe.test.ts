// The loopback probe against real HTTP servers on random ports (injected in place of the
// well-known ones): what answers with an exposition is named and offered, everything else (HTML,
// errors, silence, closed ports, Promdesk itself, ports a target scrapes) is left out; at most
// `concurrency` requests are in flight; an IPv6-only exporter is found on ::1. Then through the
// engine: its targets' ports are skipped, and calls at the same time share one probe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { defaultTargetInput } from '../../shared/api';
import { HOST_STARTER_UID } from '../../shared/dashboards/starters';
import { probeLoopback } from '../../electron/engine/discovery/loopback-probe';
import { Engine } from '../../electron/engine/engine';
import { DnsCache } from '../../electron/engine/scrape/dns-cache';
import { HttpClient } from '../../electron/engine/scrape/http-fetch';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { freePort } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const NODE_BODY =
  '# TYPE node_exporter_build_info gauge\nnode_exporter_build_info{version="1.5.0"} 1\nnode_load1 0.25\n';
const servers: TestExporter[] = [];
let client: HttpClient;

async function serve(body: string, extra: { status?: number; contentType?: string } = {}) {
  const e = await startExporter({ kind: 'body', body, ...extra });
  servers.push(e);
  return e.port;
}

before(() => {
  client = new HttpClient(new DnsCache());
});
after(async () => {
  client.close();
  for (const s of servers) await s.close();
});

test('exporters are found and named; HTML, errors, silence, closed ports and Promdesk are not', async () => {
  const node = await serve(NODE_BODY);
  const mysql = await serve('mysql_up 1\n');
  const unknown = await serve('# TYPE my_app_requests_total counter\nmy_app_requests_total 3\n');
  const html = await serve('<html><body>a web app</body></html>', { contentType: 'text/html' });
  const notFound = await serve('404 page not found\n', { status: 404 });
  const self = await serve('promdesk_build_info{version="0.1.0"} 1\npromdesk_up 1\n');
  const hang = await startExporter({ kind: 'hang' });
  servers.push(hang);
  const closed = await freePort();
  const found = await probeLoopback(client, {
    ports: [notFound, node, html, closed, hang.port, self, unknown, mysql],
    // Long enough for the answering servers on a loaded machine; the silent one waits it out.
    timeoutMs: 2000,
  });
  assert.deepEqual(
    found.map((f) => [f.port, f.name, f.namedBy, f.job]),
    [
      [node, 'node_exporter', 'build_info', 'node'],
      [mysql, 'mysqld_exporter', 'prefix', 'mysqld'],
      [unknown, null, null, `exporter_${unknown}`],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)),
  );
  const n = found.find((f) => f.port === node)!;
  assert.deepEqual(n, {
    url: `http://127.0.0.1:${node}/metrics`,
    port: node,
    name: 'node_exporter',
    namedBy: 'build_info',
    version: '1.5.0',
    job: 'node',
    families: 2,
    starterUid: HOST_STARTER_UID,
  });
  assert.equal(found.find((f) => f.port === mysql)!.starterUid, null);
  assert.equal(hang.requests, 1, 'the silent server was asked once and given up on');
});

test('ports a target scrapes on loopback (any spelling) are not probed', async () => {
  const a = await serve(NODE_BODY);
  const b = await serve('redis_up 1\n');
  const c = await serve('nginx_up 1\n');
  const before = servers.map((s) => s.requests);
  const found = await probeLoopback(client, {
    ports: [a, b, c],
    scraped: [
      `http://localhost:${a}/metrics`,
      `https://127.0.0.1:${b}/probe?x=1`,
      `http://10.0.0.1:${c}/metrics`,
    ],
  });
  assert.deepEqual(
    found.map((f) => [f.port, f.name]),
    [[c, 'nginx_exporter']],
  );
  const asked = servers.map((s, i) => s.requests - (before[i] ?? 0));
  assert.deepEqual(asked.slice(-3), [0, 0, 1]);
});

test('at most `concurrency` requests are in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const ports: number[] = [];
  const slow: http.Server[] = [];
  for (let i = 0; i < 6; i++) {
    const s = http.createServer((_req, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('slow_up 1\n');
      }, 50);
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    ports.push((s.address() as AddressInfo).port);
    slow.push(s);
  }
  try {
    const found = await probeLoopback(client, { ports, concurrency: 2, timeoutMs: 5000 });
    assert.equal(found.length, 6);
    assert.equal(most, 2);
  } finally {
    for (const s of slow) s.close();
  }
});

test('an exporter listening on ::1 only is found there', async (t) => {
  const s = http.createServer((_req, res) => res.end('v6only_up 1\n'));
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '::1', resolve);
    });
  } catch (err) {
    t.skip(`no IPv6 loopback here: ${(err as Error).message}`);
    return;
  }
  try {
    const port = (s.address() as AddressInfo).port;
    const found = await probeLoopback(client, { ports: [port] });
    assert.deepEqual(
      found.map((f) => f.url),
      [`http://[::1]:${port}/metrics`],
    );
  } finally {
    s.close();
  }
});

test('through the engine: the ports its targets scrape are left out', async () => {
  const a = await serve(NODE_BODY);
  const b = await serve('memcached_up 1\n');
  const dir = tempDir('promdesk-probe-');
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    mode: 'serve',
    autoStart: false,
    log: () => {},
    probePorts: [a, b],
  });
  try {
    // Two windows asking at once share one probe: each exporter is asked once.
    const asked = servers.find((s) => s.port === a)!;
    const [x, y] = await Promise.all([engine.probeExporters(), engine.probeExporters()]);
    assert.deepEqual(x, y);
    assert.equal(asked.requests, 1);
    assert.deepEqual(
      (await engine.probeExporters()).map((f) => f.name),
      a < b ? ['node_exporter', 'memcached_exporter'] : ['memcached_exporter', 'node_exporter'],
    );
    engine.addTarget({ ...defaultTargetInput, url: `http://127.0.0.1:${a}/metrics`, job: 'node' });
    assert.deepEqual(
      (await engine.probeExporters()).map((f) => f.port),
      [b],
    );
  } finally {
    await engine.close();
    dir.remove();
  }
});
