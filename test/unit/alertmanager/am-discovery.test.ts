// Alertmanagers found by http_sd_configs (a real HTTP endpoint) and dns_sd_configs (a real DNS
// server on 127.0.0.1): the notifier follows what they find, relabeled with their meta labels, and
// alerts reach the Alertmanagers so found; a bad block names the file, line and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { DnsSdResolver } from '../../../electron/engine/discovery/dns-sd-lookup';
import { AlertmanagerNotifier } from '../../../electron/engine/notify/alertmanager/notifier';
import type { NotifierAlert } from '../../../electron/engine/notify/alertmanager/payload';
import { DnsCache } from '../../../electron/engine/scrape/dns-cache';
import { HttpClient } from '../../../electron/engine/scrape/http-fetch';
import { startDnsServer } from '../../helpers/dns-server';

/** An HTTP server on 127.0.0.1: `handle` answers each request. */
async function server(handle: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    port: (s.address() as AddressInfo).port,
    close: () => {
      s.closeAllConnections();
      return new Promise<void>((r) => s.close(() => r()));
    },
  };
}

/** An Alertmanager that records the alerts POSTed to it. */
async function fakeAm() {
  const got: { path: string; alerts: { labels: Record<string, string> }[] }[] = [];
  const s = await server((req, body, res) => {
    got.push({ path: req.url ?? '', alerts: JSON.parse(body) });
    res.writeHead(200).end();
  });
  return { ...s, addr: `127.0.0.1:${s.port}`, got };
}

const alert: NotifierAlert = {
  labels: { alertname: 'A' },
  annotations: {},
  startsAtMs: 1_700_000_000_000,
  endsAtMs: 1_700_000_240_000,
  generatorURL: 'http://desk/graph',
};

async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('http_sd_configs: the Alertmanagers follow the endpoint, relabeled with __meta_url, with its auth', async () => {
  const a = await fakeAm();
  const b = await fakeAm();
  let groups: unknown[] = [{ targets: [a.addr], labels: { env: 'x' } }];
  let auth = '';
  const sd = await server((req, _body, res) => {
    auth = req.headers.authorization ?? '';
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(groups));
  });
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - http_sd_configs:
        - url: http://127.0.0.1:${sd.port}/am
          refresh_interval: 100ms
          authorization: {credentials: sd-token}
      path_prefix: /pre
      relabel_configs:
        - {source_labels: [__meta_url], regex: '.*/am', action: keep}
        - {source_labels: [env], regex: drop, action: drop}
`,
    'p.yml',
  );
  assert.deepEqual(c.warnings, []);
  const client = new HttpClient(new DnsCache());
  const n = new AlertmanagerNotifier({ log: () => {}, discovery: { client, dns: new DnsSdResolver() } });
  n.applyConfig(c.alerting, {});
  await until('the first answer', () => n.status().active.length === 1);
  assert.deepEqual(n.status().active, [`http://${a.addr}/pre/api/v2/alerts`]);
  assert.equal(auth, 'Bearer sd-token');
  groups = [
    { targets: [a.addr, b.addr], labels: { env: 'x' } },
    { targets: ['127.0.0.1:1'], labels: { env: 'drop' } },
  ];
  await until('the second answer', () => n.status().active.length === 2);
  assert.deepEqual(n.status(), {
    active: [`http://${a.addr}/pre/api/v2/alerts`, `http://${b.addr}/pre/api/v2/alerts`],
    dropped: ['http://127.0.0.1:1/pre/api/v2/alerts'],
  });
  n.send([alert]);
  await n.idle();
  assert.deepEqual(
    [...a.got, ...b.got].map((g) => [g.path, g.alerts[0].labels.alertname]),
    [
      ['/pre/api/v2/alerts', 'A'],
      ['/pre/api/v2/alerts', 'A'],
    ],
  );
  // The endpoint down: the last good Alertmanagers stay.
  await sd.close();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(n.status().active.length, 2);
  await n.close();
  client.close();
  await a.close();
  await b.close();
});

test('dns_sd_configs: SRV records give the Alertmanagers, with __meta_dns_name', async (t) => {
  const dns = await startDnsServer();
  t.after(() => dns.close());
  const am = await fakeAm();
  t.after(() => am.close());
  dns.table.set('_am._tcp.lab', [{ type: 'SRV', target: '127.0.0.1.', port: am.port, ttl: 0 }]);
  const c = parsePrometheusConfig(
    `alerting:
  alertmanagers:
    - dns_sd_configs: [{names: [_am._tcp.lab], refresh_interval: 100ms}]
      relabel_configs:
        - {source_labels: [__meta_dns_name, __meta_dns_srv_record_target], regex: '_am\\._tcp\\.lab;127\\.0\\.0\\.1\\.', action: keep}
`,
    'p.yml',
  );
  const client = new HttpClient(new DnsCache());
  t.after(() => client.close());
  const n = new AlertmanagerNotifier({
    log: () => {},
    discovery: { client, dns: new DnsSdResolver([dns.address]) },
  });
  n.applyConfig(c.alerting, {});
  await until('the SRV answer', () => n.status().active.length === 1);
  assert.deepEqual(n.status().active, [`http://127.0.0.1:${am.port}/api/v2/alerts`]);
  n.send([alert]);
  await n.idle();
  assert.equal(am.got.length, 1);
  // The record gone (NXDOMAIN is an empty group): no Alertmanager left.
  dns.table.delete('_am._tcp.lab');
  await until('the empty answer', () => n.status().active.length === 0);
  await n.close();
});

test('bad http_sd and dns_sd blocks under alerting name the file, the line and the key', () => {
  const bad = (block: string) => () =>
    parsePrometheusConfig(`alerting:\n  alertmanagers:\n    - ${block}\n`, '/etc/p.yml');
  assert.throws(
    bad('http_sd_configs: [{url: ftp://x/}]'),
    /\/etc\/p\.yml:3: alerting\.alertmanagers\[0\]\.http_sd_configs\[0\]\.url: URL scheme must be 'http' or 'https'/,
  );
  assert.throws(
    bad('dns_sd_configs: [{names: [x], type: A}]'),
    /\/etc\/p\.yml:3: alerting\.alertmanagers\[0\]\.dns_sd_configs\[0\]\.port: a port is required/,
  );
});
