// The promdesk:// protocol's answers against a real folder on disk with a secret file beside it:
// no URL reaches the secret, other hosts and methods get nothing, index.html and the start-up
// page carry a fresh nonce in their CSP.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { appProtocolResponse, type AppProtocolContext } from '../../../electron/desktop/app-protocol';
import type { StartupFailure } from '../../../electron/host/host-protocol';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir('promdesk-protocol-');
after(() => dir.remove());
const ui = join(dir.path, 'renderer');
mkdirSync(join(ui, 'assets'), { recursive: true });
writeFileSync(
  join(ui, 'index.html'),
  '<meta http-equiv="Content-Security-Policy" content="style-src \'nonce-{{CSP_NONCE}}\'"><meta name="csp-nonce" nonce="{{CSP_NONCE}}">',
);
writeFileSync(join(ui, 'app.js'), 'console.log(1)');
writeFileSync(join(ui, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(join(dir.path, 'secret.txt'), 'SECRET');
writeFileSync(join(ui, '..secret'), 'not secret, just a dotted name');

let failure: StartupFailure | null = null;
const ctx: AppProtocolContext = { rendererDir: ui, startupFailure: () => failure };
const get = (url: string, method = 'GET') => appProtocolResponse(url, method, ctx);
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body).toString());
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;

test('the build is served with its types, the CSP and nosniff', async () => {
  const js = await get('promdesk://app/app.js');
  assert.equal(js.status, 200);
  assert.equal(text(js.body), 'console.log(1)');
  assert.equal(js.headers['Content-Type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['X-Content-Type-Options'], 'nosniff');
  assert.match(js.headers['Content-Security-Policy'], /default-src 'none'/);
  assert.equal(nonceOf(js.headers['Content-Security-Policy']), null);
  assert.equal((await get('promdesk://app/assets/logo.svg')).headers['Content-Type'], 'image/svg+xml');
  assert.equal((await get('promdesk://app/..secret')).status, 200, 'a name starting with dots is a name');
});

test('index.html gets a fresh nonce in the header and the page each time', async () => {
  const nonces = new Set<string>();
  for (const url of [
    'promdesk://app/',
    'promdesk://app/index.html',
    'promdesk://app/index.html?x=1#/explore',
  ]) {
    const r = await get(url);
    assert.equal(r.status, 200);
    const nonce = nonceOf(r.headers['Content-Security-Policy']);
    assert.ok(nonce);
    assert.ok(text(r.body).includes(`nonce="${nonce}"`));
    assert.ok(text(r.body).includes(`'nonce-${nonce}'`));
    nonces.add(nonce);
  }
  assert.equal(nonces.size, 3);
});

test('no URL reaches a file outside the build', async () => {
  for (const url of [
    'promdesk://app/../secret.txt',
    'promdesk://app/%2e%2e/secret.txt',
    'promdesk://app/%2E%2E/%2e%2e/%2e%2e/etc/passwd',
    'promdesk://app/.%2e/secret.txt',
    'promdesk://app/assets/..%2f..%2fsecret.txt',
    'promdesk://app/..%2Fsecret.txt',
    'promdesk://app/..%5csecret.txt',
    'promdesk://app/..\\secret.txt',
    'promdesk://app/assets\\..\\..\\secret.txt',
    'promdesk://app/app.js%00.png',
    'promdesk://app//' + dir.path.slice(1) + '/secret.txt',
    'promdesk://app/' + encodeURIComponent(join(dir.path, 'secret.txt')),
    'promdesk://app/%252e%252e/secret.txt',
    'promdesk://app/%',
    'promdesk://app/C:%5cWindows%5cwin.ini',
    'promdesk://app/assets/',
    'promdesk://app/missing.js',
  ]) {
    const r = await get(url);
    assert.equal(r.status, 404, url);
    assert.doesNotMatch(text(r.body), /SECRET/, url);
  }
});

test('only promdesk://app and GET/HEAD are served', async () => {
  for (const url of [
    'promdesk://other/index.html',
    'promdesk://app.evil.com/index.html',
    'promdesk://user:pw@app/index.html',
    'https://app/index.html',
    'file:///etc/passwd',
    'not a url',
  ])
    assert.equal((await get(url)).status, 404, url);
  assert.equal((await get('promdesk://app/index.html', 'POST')).status, 405);
  assert.equal((await get('promdesk://app/app.js', 'HEAD')).status, 200);
});

test('the start-up page exists only while the engine reports a failure, escaped, with its nonce', async () => {
  failure = null;
  assert.equal((await get('promdesk://app/startup-error')).status, 404);
  failure = {
    name: 'DataDirLockedError',
    title: 'The data directory is in use',
    message: 'the data directory /x is in use by `promdesk serve`, pid 1234 <script>alert(1)</script>',
    hint: 'Stop that process, or start Promdesk with --data DIR.',
  };
  const r = await get('promdesk://app/startup-error');
  assert.equal(r.status, 200);
  const page = text(r.body);
  assert.match(page, /<h1>The data directory is in use<\/h1>/);
  assert.match(page, /<code>promdesk serve<\/code>, pid 1234/);
  assert.doesNotMatch(page, /<script/);
  const nonce = nonceOf(r.headers['Content-Security-Policy']);
  assert.ok(nonce && page.includes(`<style nonce="${nonce}">`));
});

test('any URL gets an answer, never a throw, and never a file outside the build', async () => {
  const segment = fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2e',
    '.%2e',
    '%2f',
    '%5c',
    '\\',
    '%00',
    'app.js',
    'assets',
    'secret.txt',
    '',
    '%',
    'C:',
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.array(segment, { maxLength: 8 }).map((segs) => 'promdesk://app/' + segs.join('/')),
        fc.string().map((s) => 'promdesk://app/' + s),
        fc.string().map((s) => 'https://' + s),
        fc.string(),
      ),
      fc.constantFrom('GET', 'HEAD', 'POST'),
      async (url, method) => {
        const r = await get(url, method);
        assert.ok([200, 404, 405].includes(r.status), `${url}: ${r.status}`);
        assert.doesNotMatch(text(r.body), /SECRET/, url);
      },
    ),
    { numRuns: 400 },
  );
});
