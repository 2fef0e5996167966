// The datasource registry against a small real HTTP server on 127.0.0.1: secrets never listed,
// kept across an edit that leaves them empty, persisted in the settings; requests are POST forms
// with the auth header; timeouts, size limits and refused connections are clear errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { DatasourceInput } from '../../../shared/api';
import { DatasourceRegistry, DATASOURCES_SETTING_KEY } from '../../../electron/engine/datasources/registry';
import { freePort } from '../../helpers/peers';

interface Seen {
  method: string;
  path: string;
  auth: string | undefined;
  body: string;
}

const seen: Seen[] = [];
let mode: 'ok' | 'slow' | 'big' | 'gzip' = 'ok';

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      auth: req.headers.authorization,
      body,
    });
    if (mode === 'slow') return; // never answers
    const send = (data: unknown) => {
      const text = JSON.stringify({ status: 'success', data });
      if (mode === 'gzip') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        res.end(gzipSync(text));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(mode === 'big' ? text + ' '.repeat(4096) : text);
      }
    };
    if (url.pathname === '/prefix/api/v1/query')
      send({ resultType: 'vector', result: [{ metric: { job: 'x' }, value: [100, '7'] }] });
    else if (url.pathname === '/prefix/api/v1/status/buildinfo') send({ version: '9.9.9' });
    else if (url.pathname === '/prefix/api/v1/labels') send(['__name__', 'job']);
    else if (url.pathname.startsWith('/prefix/api/v1/label/')) send(['x']);
    else {
      res.writeHead(404);
      res.end('404 page not found');
    }
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
after(() => new Promise<void>((r) => server.close(() => r())));

function settings() {
  const m = new Map<string, string>();
  return { m, getSetting: (k: string) => m.get(k), putSetting: (k: string, v: string) => void m.set(k, v) };
}

const input = (over: Partial<DatasourceInput> = {}): DatasourceInput => ({
  name: 'Remote',
  url: base,
  auth: { type: 'basic', username: 'u', password: 'secret' },
  tlsInsecureSkipVerify: false,
  timeoutMs: 2000,
  ...over,
});

test('secrets stay in the engine; an empty secret on update keeps the stored one; reloads', async () => {
  const s = settings();
  const logs: string[] = [];
  const reg = new DatasourceRegistry(s, { log: (m) => logs.push(m) });
  const v = reg.put(input());
  assert.deepEqual(v.auth, { type: 'basic', username: 'u', hasPassword: true });
  assert.equal(v.url, base.replace(/\/$/, ''));
  assert.ok(!JSON.stringify(reg.list()).includes('secret'));
  const updated = reg.put(
    input({ id: v.id, name: 'Renamed', auth: { type: 'basic', username: 'u2', password: '' } }),
  );
  assert.deepEqual(updated.auth, { type: 'basic', username: 'u2', hasPassword: true });
  seen.length = 0;
  await reg.client(v.id).queryInstant({ query: 'up', timeMs: 100_000 });
  assert.equal(seen[0].auth, 'Basic ' + Buffer.from('u2:secret').toString('base64'));
  assert.equal(seen[0].method, 'POST');
  assert.equal(seen[0].body, 'query=up&time=100');
  // A bearer token, then an edit with an empty token keeps it.
  reg.put(input({ id: v.id, name: 'Renamed', auth: { type: 'bearer', token: 'tok' } }));
  reg.put(input({ id: v.id, name: 'Renamed', auth: { type: 'bearer', token: '' } }));
  seen.length = 0;
  await reg.client(v.id).labelNames('up');
  assert.equal(seen[0].auth, 'Bearer tok');
  assert.match(seen[0].body, /^start=\d+(\.\d+)?&end=\d+(\.\d+)?&match%5B%5D=up$/);
  assert.throws(() => reg.put(input({ name: 'renamed' })), /a datasource named "Renamed" exists already/);
  // Another host does not get the stored token unless it is typed again.
  const elsewhere = reg.put(
    input({ id: v.id, name: 'Renamed', url: 'http://192.0.2.1:9090', auth: { type: 'bearer', token: '' } }),
  );
  assert.deepEqual(elsewhere.auth, { type: 'bearer', hasToken: false });
  reg.put(input({ id: v.id, name: 'Renamed', auth: { type: 'bearer', token: 'tok' } }));
  assert.throws(() => reg.put(input({ id: 'nope' })), /no datasource with id "nope"/);
  reg.close();

  const again = new DatasourceRegistry(s, { log: (m) => logs.push(m) });
  assert.deepEqual(again.list(), [
    {
      id: v.id,
      name: 'Renamed',
      url: v.url,
      auth: { type: 'bearer', hasToken: true },
      tlsInsecureSkipVerify: false,
      timeoutMs: 2000,
    },
  ]);
  seen.length = 0;
  assert.deepEqual(await again.client(v.id).labelValues('job'), ['x']);
  assert.equal(seen[0].method, 'GET');
  assert.match(seen[0].path, /^\/prefix\/api\/v1\/label\/job\/values\?start=/);
  again.remove(v.id);
  assert.deepEqual(again.list(), []);
  assert.equal(s.m.get(DATASOURCES_SETTING_KEY), '[]');
  assert.throws(() => again.client(v.id), /no datasource with id/);
  again.close();

  s.m.set(DATASOURCES_SETTING_KEY, '{not json');
  new DatasourceRegistry(s, { log: (m) => logs.push(m) }).close();
  assert.match(logs.at(-1) ?? '', /unreadable/);
});

test('test() reports the version, or the error naming the datasource and URL', async () => {
  const reg = new DatasourceRegistry(settings(), { log: () => undefined });
  const r = await reg.test(input());
  assert.equal(r.ok, true);
  assert.equal(r.version, '9.9.9');
  const bad = await reg.test(input({ url: base + 'nothing' }));
  assert.equal(bad.ok, false);
  assert.match(
    bad.error ?? '',
    /^datasource "Remote" \(http:\/\/127\.0\.0\.1:\d+\/prefix\/nothing\/api\/v1\/query\): HTTP 404/,
  );
  const port = await freePort();
  const refused = await reg.test(input({ url: `http://127.0.0.1:${port}` }));
  assert.match(refused.error ?? '', /connection refused by 127\.0\.0\.1:\d+/);
  reg.close();
});

test('timeouts, oversize replies and gzip are handled', async () => {
  const reg = new DatasourceRegistry(settings(), { log: () => undefined, maxBodyBytes: 1024 });
  const id = reg.put(input({ timeoutMs: 300 })).id;
  try {
    mode = 'gzip';
    const r = await reg.client(id).queryInstant({ query: 'up', timeMs: 1 });
    assert.equal(r.series[0].values[0], 7);
    mode = 'slow';
    await assert.rejects(
      reg.client(id).queryInstant({ query: 'up', timeMs: 1 }),
      /no complete reply within 300 ms/,
    );
    mode = 'big';
    await assert.rejects(
      reg.client(id).queryInstant({ query: 'up', timeMs: 1 }),
      /datasource "Remote" \(.*\/api\/v1\/query\): the reply is larger than 1024 bytes/,
    );
  } finally {
    mode = 'ok';
    reg.close();
  }
});
