// A web page on another origin, in Debian's Chromium, attacking `promdesk serve` on 127.0.0.1
// the way any site the user visits could: opening the Api WebSocket (to read a private URL
// through fetchExposition, or add a target), and no-cors POSTs to remote write, push and the
// query API. Each is refused with 403 and nothing is stored. The attacks run from two origins:
// another port on 127.0.0.1 (same site, other origin) and localhost (another site). Promdesk's
// own page still opens its WebSocket.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import type { ApiMessage } from '../../shared/api';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import { chromiumMissing, launchChromium, openPage } from '../helpers/browser';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { encodeWriteRequest } from '../helpers/proto-write';
import { withServe } from '../helpers/in-process-serve';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { snappyEncode } from '../helpers/snappy-encode';
import { tempDir } from '../helpers/tmp';

const SECRET = 'router_admin_password{user="admin"} 1\n';
const missing = chromiumMissing();
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let privateExporter: TestExporter | null = null;
let elsewhere: http.Server | null = null;
let attackerOrigins: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  const dir = tempDir('promdesk-xsite-');
  cleanups.push(() => dir.remove());
  // Something on the user's network the page must not read through Promdesk.
  privateExporter = await startExporter({ kind: 'body', body: SECRET });
  cleanups.push(() => privateExporter!.close());
  // The other site: a blank page on another port.
  elsewhere = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((r) => elsewhere!.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => elsewhere!.close(() => r())));
  const port = (elsewhere.address() as AddressInfo).port;
  attackerOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  serve = await startServeProcess(join(dir.path, 'data'));
  cleanups.push(async () => void (await serve!.stop()));
  browser = await launchChromium();
  cleanups.push(() => browser!.close());
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function skip(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

/** Runs `fn` on a page of `origin` (a fresh context each time). */
async function fromPage(origin: string, fn: (page: Page) => Promise<void>): Promise<void> {
  const ui = await openPage(browser!);
  try {
    await ui.page.goto(`${origin}/`);
    await fn(ui.page);
  } finally {
    await ui.close();
  }
}

/** What the page's own script gets: the opened socket's replies, or how it failed to open. */
function wsAttack(page: Page, wsUrl: string, privateUrl: string) {
  return page.evaluate(
    ({ wsUrl, privateUrl }) =>
      new Promise<{ opened: boolean; replies: string[] }>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.binaryType = 'arraybuffer';
        const replies: string[] = [];
        let opened = false;
        ws.onopen = () => {
          opened = true;
          // The Api also takes JSON text frames; replies are binary frames with a JSON header.
          // (No named functions in here: tsx would wrap them in a helper the page does not have.)
          for (const [id, method, arg] of [
            [
              1,
              'fetchExposition',
              {
                url: privateUrl,
                auth: { type: 'none' },
                headers: {},
                timeoutMs: 2000,
                tlsInsecureSkipVerify: false,
              },
            ],
            [
              2,
              'putDatasource',
              {
                name: 'planted',
                url: 'http://127.0.0.1:9/',
                auth: { type: 'none' },
                tlsInsecureSkipVerify: false,
                timeoutMs: 5000,
              },
            ],
          ])
            ws.send(JSON.stringify({ kind: 'request', id, method, params: [arg] }));
        };
        ws.onmessage = (ev) => {
          const bytes = new Uint8Array(ev.data as ArrayBuffer);
          const len = new DataView(bytes.buffer).getUint32(0, true);
          replies.push(new TextDecoder().decode(bytes.subarray(4, 4 + len)));
          if (replies.length === 2) ws.close();
        };
        ws.onclose = () => resolve({ opened, replies });
        setTimeout(() => resolve({ opened, replies }), 8000);
      }),
    { wsUrl, privateUrl },
  );
}

/** A no-cors POST from the page; the status comes from the browser's network log (the page cannot read it). */
async function noCorsPost(
  page: Page,
  url: string,
  body: string | number[],
  contentType: string,
): Promise<number> {
  const response = page.waitForResponse((r) => r.url() === url);
  await page.evaluate(
    async ({ url, body, contentType }) => {
      await fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'Content-Type': contentType },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      }).catch(() => undefined);
    },
    { url, body, contentType },
  );
  return (await response).status();
}

/** The Api's listDatasources, called as a program (no Origin) would. */
async function listDatasources(): Promise<{ name: string }[]> {
  const ws = new WebSocket(`${serve!.base.replace('http', 'ws')}/api/ws`);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<ApiMessage>((resolve) =>
    ws.once('message', (d: ArrayBuffer) => resolve(decodeFrame(d) as ApiMessage)),
  );
  ws.send(encodeFrame({ kind: 'request', id: 1, method: 'listDatasources', params: [] }));
  const m = await reply;
  ws.close();
  assert.ok(m.kind === 'reply' && m.ok);
  return m.result as { name: string }[];
}

async function seriesCount(selector: string): Promise<number> {
  const r = await fetch(
    `${serve!.base}/api/v1/query?query=${encodeURIComponent(`count(${selector}) or vector(0)`)}`,
  );
  const body = (await r.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(body.data.result[0].value[1]);
}

test('a page on another origin cannot open the Api WebSocket: no private URL read, nothing planted', async (t) => {
  if (skip(t)) return;
  const wsUrl = `${serve!.base.replace('http', 'ws')}/api/ws`;
  for (const origin of attackerOrigins) {
    await fromPage(origin, async (page) => {
      const refused = new Promise<string>((resolve) =>
        page.on('console', (m) => {
          if (/WebSocket/.test(m.text())) resolve(m.text());
        }),
      );
      const r = await wsAttack(page, wsUrl, privateExporter!.url);
      assert.deepEqual([r.opened, r.replies], [false, []], `from ${origin}`);
      assert.match(await refused, /Unexpected response code: 403/);
    });
  }
  assert.equal(privateExporter!.requests, 0, 'the private URL was never fetched');
  assert.deepEqual(await listDatasources(), [], 'nothing was planted');
  // Promdesk's own page opens the same WebSocket, and the Api answers it.
  await fromPage(serve!.base, async (page) => {
    const r = await wsAttack(page, wsUrl, privateExporter!.url);
    assert.equal(r.opened, true);
    assert.match(r.replies.join('\n'), /router_admin_password/, JSON.stringify(r));
  });
  assert.deepEqual(
    (await listDatasources()).map((d) => d.name),
    ['planted'],
  );
});

test('a no-cors POST to remote write from another origin is refused with 403 and stores nothing', async (t) => {
  if (skip(t)) return;
  const write = snappyEncode(
    encodeWriteRequest([{ labels: [['__name__', 'xsite_rw_injected']], samples: [{ t: Date.now(), v: 1 }] }]),
  );
  for (const origin of attackerOrigins) {
    await fromPage(origin, async (page) => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded'])
        assert.equal(
          await noCorsPost(page, `${serve!.base}/api/v1/write`, [...write], type),
          403,
          `${origin} ${type}`,
        );
    });
  }
  assert.equal(await seriesCount('xsite_rw_injected'), 0);
});

test('a no-cors push from another origin is refused with 403 and stores nothing', async (t) => {
  if (skip(t)) return;
  for (const origin of attackerOrigins) {
    await fromPage(origin, async (page) => {
      const url = `${serve!.base}/metrics/job/x`;
      assert.equal(await noCorsPost(page, url, 'xsite_push_injected 1\n', 'text/plain'), 403, origin);
      // PUT and DELETE need a CORS preflight, which is refused too: the request is never sent.
      const put = await page.evaluate(
        (url) =>
          fetch(url, { method: 'PUT', body: 'xsite_push_injected 2\n' }).then(
            (r) => `status ${r.status}`,
            (e: Error) => e.name,
          ),
        url,
      );
      assert.equal(put, 'TypeError');
    });
  }
  assert.equal(await seriesCount('xsite_push_injected'), 0);
});

test('other POSTs from another origin are refused; reading stays unreadable to the page', async (t) => {
  if (skip(t)) return;
  for (const origin of attackerOrigins) {
    await fromPage(origin, async (page) => {
      const q = `${serve!.base}/api/v1/query`;
      assert.equal(await noCorsPost(page, q, 'query=1', 'application/x-www-form-urlencoded'), 403, origin);
      assert.equal(await noCorsPost(page, `${serve!.base}/-/reload`, '', 'text/plain'), 403, origin);
      // A GET is answered (as Prometheus does) but without CORS the page cannot read it.
      const read = await page.evaluate(async (url) => {
        try {
          return await (await fetch(url)).text();
        } catch (e) {
          return `blocked: ${(e as Error).name}`;
        }
      }, `${q}?query=1`);
      assert.equal(read, 'blocked: TypeError');
    });
  }
});

test('the printed /?token= link opens the UI with the token out of the address bar, typed or followed from another site', async (t) => {
  if (skip(t)) return;
  const ui = { uiHtml: '<!doctype html><title>Promdesk</title><p id=ui>the UI</p>', token: 'tok-123' };
  await withServe(ui, async (base) => {
    const link = `${base}/?token=tok-123&panel=1`;
    await fromPage(base, async (page) => {
      // Typed (or opened from a terminal): a 303 after the cookie is set.
      assert.equal(page.url(), `${base}/`, 'without the token or its cookie: 403 page');
      assert.match((await page.textContent('body')) ?? '', /a valid token is required/);
      await page.goto(link);
      assert.equal(page.url(), `${base}/?panel=1`);
      assert.equal(await page.textContent('#ui'), 'the UI');
    });
    // Clicked on a page of another site: the cookie still arrives, the address bar still clean.
    for (const origin of attackerOrigins) {
      await fromPage(origin, async (page) => {
        await page.setContent(`<a id=l href="${link}">Promdesk</a>`);
        await page.click('#l');
        await page.waitForURL(`${base}/?panel=1`);
        assert.equal(await page.textContent('#ui'), 'the UI', origin);
      });
    }
  });
});
