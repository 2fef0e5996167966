// The desktop's "port in use" notice, end to end: the real desktop engine host (built, under
// plain Node with a stand-in parent port) whose HTTP API cannot listen because the port is taken,
// and the built renderer in Debian's Chromium, its `window.promdesk` bridge carrying each Api
// call to that host as the preload and main do. The window says the HTTP API is off and why,
// offers the next port, and choosing one moves the API there (saved as `listen`, other saved
// settings kept).
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { API_METHODS, type ApiMethod } from '../../shared/api';
import { chromiumMissing, inPage, launchChromium } from '../helpers/browser';
import { startDesktopHost, type DesktopHost } from '../helpers/desktop-host';
import { freePort } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

const ROOT = new URL('../..', import.meta.url).pathname;
const RENDERER = join(ROOT, 'dist', 'renderer');
const missing = chromiumMissing();
let browser: Browser | null = null;
let host: DesktopHost | null = null;
let taken = 0;
let dataDir = '';
let pageBase = '';
const cleanups: (() => Promise<void> | void)[] = [];

/** The built renderer's files, as the promdesk:// protocol hands them to the window. */
async function serveRenderer(): Promise<string> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = http.createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = join(RENDERER, path);
    if (!file.startsWith(RENDERER) || !existsSync(file)) return void res.writeHead(404).end();
    let body: string | Buffer = readFileSync(file);
    if (path === 'index.html') body = body.toString().replaceAll('{{CSP_NONCE}}', 'e2etestnonce');
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

before(async () => {
  if (missing) return;
  for (const f of ['app.js', '../engine-host.mjs'])
    if (!existsSync(join(RENDERER, f)))
      throw new Error(`dist/renderer/${f} is missing: run \`node scripts/build.mjs\``);
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
  taken = (blocker.address() as net.AddressInfo).port;
  const dir = tempDir('promdesk-port-e2e-');
  cleanups.push(() => dir.remove());
  dataDir = join(dir.path, 'data');
  mkdirSync(dataDir);
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ listen: `127.0.0.1:${taken}`, 'retention.time': '45d' }),
  );
  host = startDesktopHost(['--data', dataDir]);
  cleanups.push(async () => void (await host?.stop()));
  const ready = await host.next('ready');
  assert.ok(ready.http && 'error' in ready.http, JSON.stringify(ready.http));
  pageBase = await serveRenderer();
  browser = await launchChromium();
  cleanups.push(() => browser?.close().catch(() => undefined));
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function skipIfMissing(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

test('the window says the HTTP API is off because its port is in use, and moves it to another port', async (t) => {
  if (skipIfMissing(t)) return;
  const free = await freePort();
  await inPage(browser, {}, async ({ page }) => {
    // The preload's bridge: every Api method goes to the host as main's `api` call for window 1.
    await page.exposeFunction('__hostApi', (method: ApiMethod, params: unknown[]) =>
      host!.call('api', 1, method, params),
    );
    // A string, not a function: tsx's compiled functions call helpers the page does not have.
    await page.addInitScript(
      `window.promdesk = { onEvent: () => () => undefined };
       for (const m of ${JSON.stringify(API_METHODS)})
         window.promdesk[m] = (...params) => window.__hostApi(m, params);`,
    );
    await page.goto(`${pageBase}/#/settings`);

    const banner = page.locator('.listen-banner');
    await banner.waitFor();
    assert.match(
      await banner.innerText(),
      new RegExp(
        `The HTTP API is off: 127\\.0\\.0\\.1:${taken} is in use \\(is .promdesk serve. running\\?\\)`,
      ),
    );
    const portField = banner.getByRole('textbox', { name: 'Port' });
    assert.equal(await portField.inputValue(), String(taken + 1), 'the next port is offered');

    await portField.fill('70000');
    assert.match(
      await banner.locator('.listen-problem').innerText(),
      /must be a port from 1 to 65535, not "70000"/,
    );
    assert.equal(await banner.getByRole('button', { name: 'Listen on this port' }).isDisabled(), true);

    await portField.fill(String(free));
    await banner.getByRole('button', { name: 'Listen on this port' }).click();
    await banner.waitFor({ state: 'detached' });
    assert.equal((await fetch(`http://127.0.0.1:${free}/-/ready`)).status, 200, 'the API listens there');
    assert.deepEqual(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')), {
      listen: `127.0.0.1:${free}`,
      'retention.time': '45d',
    });
    // The Settings view, loaded before the move, shows the new address after a reload.
    await page.reload();
    await page.locator('#setting-listen').waitFor();
    assert.equal(await page.locator('#setting-listen').inputValue(), `127.0.0.1:${free}`);
    assert.equal(await page.locator('.listen-banner').count(), 0);
  });
});
