// `promdesk serve` against hostile but small HTTP input: malformed paths get 400 (not 500),
// the UI's token leaves the address bar, /metrics labels stay a fixed set, WebSocket errors say
// what is wrong, and requests from another origin (as a browser marks them) cannot change state.
// The same guards from a real browser page are in test/e2e/cross-site.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ApiMessage } from '../../shared/api';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import { encodeWriteRequest } from '../helpers/proto-write';
import { snappyEncode } from '../helpers/snappy-encode';
import { withServe } from '../helpers/in-process-serve';
import { tempDir } from '../helpers/tmp';

// A stand-in UI build, so these tests do not depend on `npm run build`.
const UI = { uiHtml: '<!doctype html><title>Promdesk</title>' };

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with the path exactly as given (fetch would normalize it). */
function raw(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

test('malformed percent-encoding in a path is a 400 that names the path, on every route', async () => {
  await withServe(UI, async (base) => {
    for (const path of ['/%', '/%E0%A4%A', '/metrics/job/%E0%A4%A']) {
      const r = await raw(base, path, { method: path.startsWith('/metrics/job') ? 'PUT' : 'GET' });
      assert.equal(r.status, 400, `${path}: ${r.body}`);
      assert.match(r.body, /^malformed URL path ".*": invalid percent-encoding\n$/);
    }
    const api = await raw(base, '/api/v1/label/%E0%A4%A/values');
    assert.equal(api.status, 400);
    assert.deepEqual(JSON.parse(api.body), {
      status: 'error',
      errorType: 'bad_data',
      error: 'malformed URL path "/api/v1/label/%E0%A4%A/values": invalid percent-encoding',
    });
    // A request target that is no URL at all, over HTTP and as a WebSocket upgrade.
    const bad = await raw(base, 'http://[bad/');
    assert.equal(bad.status, 400);
    assert.equal(bad.body, 'malformed request target "http://[bad/"\n');
    const up = await raw(base, 'http://[bad/', { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
    assert.equal(up.status, 400);
    assert.equal(await (await fetch(`${base}/-/healthy`)).text(), 'Promdesk is Healthy.\n');
  });
});

test('/?token= sets the cookie and redirects to the same URL without the token', async () => {
  await withServe({ ...UI, token: 's3cret' }, async (base) => {
    const r = await fetch(`${base}/?token=s3cret&panel=a%20b&x=1`, { redirect: 'manual' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/?panel=a+b&x=1');
    const cookie = r.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^promdesk_token=s3cret; HttpOnly; SameSite=Strict; Path=\/$/);
    assert.equal((await fetch(`${base}/?token=s3cret`, { redirect: 'manual' })).headers.get('location'), '/');
    // The redirected page loads with the cookie alone, and so does the WebSocket.
    const page = await fetch(`${base}/?panel=a+b&x=1`, { headers: { Cookie: 'promdesk_token=s3cret' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Promdesk<\/title>/);
    assert.equal((await fetch(`${base}/`)).status, 403, 'no cookie, no token');
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
      headers: { Cookie: 'promdesk_token=s3cret' },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
    // Followed from another site, a redirect would lose the SameSite=Strict cookie: a page of its
    // own moves on instead (in Chromium: test/e2e/cross-site.test.ts).
    const x = await fetch(`${base}/?token=s3cret&x=1&y=2`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('set-cookie') ?? '', /^promdesk_token=s3cret; /);
    assert.equal(
      await x.text(),
      '<!doctype html><meta http-equiv="refresh" content="0;url=/?x=1&#38;y=2"><title>Promdesk</title>\n',
    );
    // A cookie that is not percent-encoding is a wrong token, over HTTP and on the upgrade.
    const badCookie = { Cookie: 'promdesk_token=%E0%A4%A' };
    assert.equal((await raw(base, '/api/v1/labels', { headers: badCookie })).status, 403);
    assert.equal(
      (await raw(base, '/api/ws', { headers: { ...badCookie, Connection: 'Upgrade', Upgrade: 'websocket' } }))
        .status,
      403,
    );
    assert.equal(
      await (await fetch(`${base}/-/healthy`, { headers: { Cookie: 'promdesk_token=s3cret' } })).text(),
      'Promdesk is Healthy.\n',
    );
    // A wrong token is refused, not redirected.
    assert.equal((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status, 403);
  });
});

test('/metrics counts requests by route pattern: made-up paths add no label values', async () => {
  await withServe(UI, async (base) => {
    for (let i = 0; i < 40; i++) {
      await raw(base, `/api/v1/nope${i}`);
      await raw(base, `/api/v1/label/l${i}/values`);
      await raw(base, `/x${i}/%22quoted%22`);
      await raw(base, `/metrics/job/j${i}`, { method: 'PUT', body: `m ${i}\n` });
    }
    await raw(base, '/api/v1/query?query=1');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const handlers = [...metrics.matchAll(/^promdesk_http_requests_total\{handler="([^"]*)"\} (\d+)$/gm)].map(
      (m) => [m[1], Number(m[2])] as const,
    );
    assert.deepEqual(Object.fromEntries(handlers), {
      '/api/v1/*': 40,
      '/api/v1/label/:name/values': 40,
      '/*': 40,
      '/metrics/job': 40,
      '/api/v1/query': 1,
      '/metrics': 1,
    });
  });
});

/** Sends one WebSocket message and returns the reply. */
async function wsReply(base: string, data: string | Uint8Array): Promise<ApiMessage> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const reply = new Promise<ApiMessage>((resolve) =>
      ws.once('message', (d: ArrayBuffer) => resolve(decodeFrame(d) as ApiMessage)),
    );
    ws.send(data);
    return await reply;
  } finally {
    ws.close();
  }
}

test('malformed WebSocket requests get a reply saying what is wrong, under their id', async () => {
  await withServe(UI, async (base) => {
    const error = async (data: string | Uint8Array) => {
      const m = await wsReply(base, data);
      assert.ok(m.kind === 'reply' && !m.ok);
      return [m.id, m.error] as const;
    };
    const req = (o: object) => encodeFrame({ kind: 'request', id: 7, method: 'info', params: [], ...o });
    assert.deepEqual(await error(req({ method: 'nope' })), [7, 'malformed request: unknown method "nope"']);
    const [id, msg] = await error(req({ params: 'x' }));
    assert.equal(id, 7);
    assert.match(msg, /^malformed request: field "params": .*array/i);
    assert.match((await error(req({ id: 'x' })))[1], /^malformed request: field "id": /);
    assert.deepEqual(await error(encodeFrame([1, 2])), [
      -1,
      'malformed request: expected an object {kind, id, method, params}, got an array',
    ]);
    assert.match(
      (await error(new Uint8Array([1, 2, 3, 4, 5])))[1],
      /^malformed request: not a Promdesk binary frame: /,
    );
    assert.match((await error('{"kind":'))[1], /^malformed request: not JSON: /);
    const ok = await wsReply(base, req({}));
    assert.ok(ok.kind === 'reply' && ok.ok, 'a well-formed call still works');
  });
});

/** Whether a WebSocket upgrade with these headers opens (or the status it was refused with). */
function upgrade(base: string, headers: Record<string, string>): Promise<'open' | number> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

test('another origin cannot open the WebSocket or send state-changing requests', async () => {
  await withServe(UI, async (base) => {
    const port = new URL(base).port;
    // The WebSocket: no Origin (a program) or this server's own origin only.
    assert.equal(await upgrade(base, {}), 'open');
    assert.equal(await upgrade(base, { Origin: base }), 'open');
    assert.equal(await upgrade(base, { Origin: `http://localhost:${port}` }), 'open');
    for (const origin of [
      'http://127.0.0.1:1',
      'http://evil.example',
      'null',
      `https://127.0.0.1:${port}.evil`,
    ])
      assert.equal(await upgrade(base, { Origin: origin }), 403, origin);

    const foreign: Record<string, string>[] = [
      { Origin: 'http://127.0.0.1:1' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    const write = snappyEncode(
      encodeWriteRequest([{ labels: [['__name__', 'xs_rw']], samples: [{ t: Date.now(), v: 1 }] }]),
    );
    for (const h of foreign) {
      const what = JSON.stringify(h);
      let r = await raw(base, '/metrics/job/xs', {
        method: 'PUT',
        headers: { ...h, 'Content-Type': 'text/plain' },
        body: 'xs_push 1\n',
      });
      assert.equal(r.status, 403, `push ${what}`);
      assert.match(r.body, /^cross-origin request refused: /);
      r = await raw(base, '/api/v1/write', {
        method: 'POST',
        headers: { ...h, 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
        body: write,
      });
      assert.equal(r.status, 403, `remote write ${what}`);
      r = await raw(base, '/api/v1/query', {
        method: 'POST',
        headers: { ...h, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'query=1',
      });
      assert.equal(r.status, 403, `query POST ${what}`);
      assert.equal(JSON.parse(r.body).errorType, 'bad_data');
      r = await raw(base, '/-/reload', { method: 'POST', headers: h });
      assert.equal(r.status, 403, `reload ${what}`);
      // Reading stays open, as in Prometheus, and grants no CORS.
      r = await raw(base, '/api/v1/query?query=1', { headers: h });
      assert.equal(r.status, 200);
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    }
    // Remote write refuses the body types a form or no-cors fetch can send, even from a program.
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const r = await raw(base, '/api/v1/write', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: write,
      });
      assert.equal(r.status, 415, type);
      assert.match(r.body, /^remote write takes Content-Type: application\/x-protobuf/);
    }
    const q = await (
      await fetch(`${base}/api/v1/query?query=${encodeURIComponent('count({__name__=~"xs_.*"})')}`)
    ).json();
    assert.deepEqual((q as { data: { result: unknown[] } }).data.result, [], 'nothing was stored');

    // The same requests from this server's own page, or from a program, go through.
    const own = { Origin: base, 'Sec-Fetch-Site': 'same-origin' };
    let r = await raw(base, '/metrics/job/xs', { method: 'PUT', headers: own, body: 'xs_push 1\n' });
    assert.equal(r.status, 200, r.body);
    r = await raw(base, '/api/v1/write', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
      body: write,
    });
    assert.equal(r.status, 204, r.body);
    r = await raw(base, '/api/v1/query', {
      method: 'POST',
      headers: { ...own, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=1',
    });
    assert.equal(r.status, 200);
  });
});

test('/-/reload and the OTLP receiver refuse a foreign origin and a missing token, by name', async () => {
  const dir = tempDir('promdesk-hardening-');
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(config, 'scrape_configs: []\n');
  const otlpBody = JSON.stringify({
    resourceMetrics: [
      {
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'xs_otlp',
                gauge: { dataPoints: [{ asDouble: 1, timeUnixNano: `${Date.now()}000000` }] },
              },
            ],
          },
        ],
      },
    ],
  });
  const routes = [
    { path: '/-/reload', body: '', type: 'text/plain', ok: 200 },
    { path: '/api/v1/otlp/v1/metrics', body: otlpBody, type: 'application/json', ok: 200 },
  ];
  try {
    await withServe({ ...UI, token: 's3cret', configFile: config, enableLifecycle: true }, async (base) => {
      const bearer = { Authorization: 'Bearer s3cret' };
      for (const r of routes) {
        const headers = { 'Content-Type': r.type };
        let reply = await raw(base, r.path, { method: 'POST', headers, body: r.body });
        assert.equal(reply.status, 403, `${r.path} without a token`);
        assert.match(reply.body, /a valid token is required/, r.path);
        const foreign: Record<string, string>[] = [
          { Origin: 'http://evil.example' },
          { 'Sec-Fetch-Site': 'cross-site' },
        ];
        for (const h of foreign) {
          reply = await raw(base, r.path, {
            method: 'POST',
            headers: { ...headers, ...bearer, ...h },
            body: r.body,
          });
          assert.equal(reply.status, 403, `${r.path} ${JSON.stringify(h)}`);
          assert.match(reply.body, /cross-origin request refused: /, r.path);
        }
        reply = await raw(base, r.path, { method: 'POST', headers: { ...headers, ...bearer }, body: r.body });
        assert.equal(reply.status, r.ok, `${r.path} from a program with the token: ${reply.body}`);
      }
      // Only the accepted push was stored.
      const q = await fetch(`${base}/api/v1/query?query=count(xs_otlp)`, { headers: bearer });
      const data = (await q.json()) as { data: { result: { value: [number, string] }[] } };
      assert.equal(data.data.result[0]?.value[1], '1');
    });
  } finally {
    dir.remove();
  }
});
