// The promdesk:// protocol answers a dashboard's address, /d/<uid>/<slug>?from=..., with
// index.html (a fresh nonce in its CSP), so the renderer routes it; other unknown paths stay 404.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appProtocolResponse, type AppProtocolContext } from '../../../electron/desktop/app-protocol';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir('promdesk-protocol-d-');
after(() => dir.remove());
const ui = join(dir.path, 'renderer');
mkdirSync(ui, { recursive: true });
writeFileSync(
  join(ui, 'index.html'),
  '<meta name="csp-nonce" nonce="{{CSP_NONCE}}"><script src="/app.js"></script>',
);
const ctx: AppProtocolContext = { rendererDir: ui, startupFailure: () => null };
const get = (url: string) => appProtocolResponse(url, 'GET', ctx);
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body).toString());

test('/d/<uid>/<slug> is index.html with a fresh nonce; /d/x/y/z and /x are not found', async () => {
  for (const url of [
    'promdesk://app/d/rYdddlPWk/node-exporter-full?from=now-15m&to=now&var-job=node',
    'promdesk://app/d/rYdddlPWk',
  ]) {
    const r = await get(url);
    assert.equal(r.status, 200, url);
    assert.match(r.headers['Content-Type'], /text\/html/);
    assert.match(text(r.body), /<script src="\/app\.js">/);
    assert.doesNotMatch(text(r.body), /\{\{CSP_NONCE\}\}/, 'the nonce is filled in');
    assert.match(r.headers['Content-Security-Policy'], /'nonce-/);
  }
  assert.equal((await get('promdesk://app/d/a/b/c')).status, 404);
  assert.equal((await get('promdesk://app/dashboards')).status, 404);
});
