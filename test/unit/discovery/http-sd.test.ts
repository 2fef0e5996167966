// http_sd: Prometheus's JSON target groups from a real HTTP endpoint, __meta_url, auth, and an
// endpoint that is down or answers garbage keeping the last good groups with its error shown.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSd } from '../../../electron/engine/discovery/http-sd';
import { HttpClient } from '../../../electron/engine/scrape/http-fetch';
import { DnsCache } from '../../../electron/engine/scrape/dns-cache';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';

test('HttpSd: groups with __meta_url; bad answers and a down endpoint keep the last good groups', async () => {
  let answer: { status: number; type: string; body: string } = {
    status: 200,
    type: 'application/json; charset=utf-8',
    body: '[{"targets":["a:1"],"labels":{"env":"x"}}]',
  };
  let auth = '';
  const server = http.createServer((req, res) => {
    auth = req.headers.authorization ?? '';
    res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new HttpClient(new DnsCache());
  after(() => {
    server.close();
    client.close();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sd`;
  const sd = new HttpSd(
    {
      url,
      refreshIntervalMs: 60_000,
      basicAuth: { username: 'u', password: 'p' },
      bearerToken: null,
      tls: { insecureSkipVerify: false, caFile: null },
    },
    client,
  );
  assert.equal(await sd.refresh(), true);
  assert.deepEqual(sd.groups(), [
    { targets: [{ __address__: 'a:1' }], labels: { env: 'x', __meta_url: url } },
  ]);
  assert.deepEqual(sd.errors(), []);
  assert.equal(auth, 'Basic ' + Buffer.from('u:p').toString('base64'));

  answer = { status: 200, type: 'application/json', body: '<html>' };
  assert.equal(await sd.refresh(), true);
  assert.equal(sd.groups().length, 1, 'the last good groups stay');
  assert.match(sd.errors()[0], new RegExp(`^http_sd ${url}: not valid JSON`));

  answer = { status: 200, type: 'text/plain', body: '[]' };
  await sd.refresh();
  assert.match(sd.errors()[0], /unsupported content type "text\/plain"/);

  answer = { status: 503, type: 'application/json', body: '[]' };
  await sd.refresh();
  assert.match(sd.errors()[0], /server returned HTTP status 503/);
  assert.equal(sd.groups().length, 1);

  answer = { status: 200, type: 'application/json', body: '[]' };
  await sd.refresh();
  assert.deepEqual([sd.groups(), sd.errors()], [[], []]);

  await new Promise<void>((r) => server.close(() => r()));
  answer = { status: 200, type: 'application/json', body: '[{"targets":["b:2"]}]' };
  await sd.refresh();
  assert.match(sd.errors()[0], new RegExp(`^http_sd ${url}: `));
});

test('http_sd_configs in prometheus.yml: url checked, refresh default 1m, auth read', () => {
  const c = parsePrometheusConfig(
    `scrape_configs:
  - job_name: a
    http_sd_configs:
      - url: http://127.0.0.1:8000/sd
        authorization: {credentials: tok}
`,
    '/p.yml',
  );
  assert.deepEqual(c.scrapeConfigs[0].httpSdConfigs, [
    {
      url: 'http://127.0.0.1:8000/sd',
      refreshIntervalMs: 60_000,
      basicAuth: null,
      bearerToken: 'tok',
      tls: { insecureSkipVerify: false, caFile: null },
    },
  ]);
  const bad = (sd: string) => () =>
    parsePrometheusConfig(
      `scrape_configs:\n  - job_name: a\n    http_sd_configs:\n      - ${sd}\n`,
      '/p.yml',
    );
  assert.throws(
    bad('url: ftp://x/sd'),
    /\/p\.yml:4: scrape_configs\[a\]\.http_sd_configs\[0\]\.url: URL scheme must be 'http' or 'https'/,
  );
  assert.throws(bad('refresh_interval: 1m'), /http_sd_configs\[0\]\.url: URL is missing/);
});
