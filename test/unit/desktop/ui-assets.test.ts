// What the UI's file servers (promdesk serve and the desktop's promdesk:// protocol) share: which
// file a request path names, and the CSP with its per-response nonce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  UI_CSP,
  newCspNonce,
  renderIndexHtml,
  resolveUiFile,
  uiCsp,
} from '../../../electron/engine/http/ui-assets';

const ROOT = '/srv/ui';

test('paths inside the build resolve to their file; "/" is index.html', () => {
  assert.equal(resolveUiFile(ROOT, '/'), '/srv/ui/index.html');
  assert.equal(resolveUiFile(ROOT, '/app.js'), '/srv/ui/app.js');
  assert.equal(resolveUiFile(ROOT, '/assets/a%20b.svg'), '/srv/ui/assets/a b.svg');
  assert.equal(resolveUiFile(ROOT + '/', '/app.css'), '/srv/ui/app.css');
});

test('no spelling of a path outside the build resolves', () => {
  for (const p of [
    '/..',
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/.%2e/etc/passwd',
    '/..%2fetc%2fpasswd',
    '/..%2Fetc/passwd',
    '/..%5cetc%5cpasswd',
    '/..\\etc\\passwd',
    '/a\\..\\..\\x',
    '/app.js%00.png',
    '/app.js\0',
    '//etc/passwd',
    '/%2fetc/passwd',
    '/C:/Windows/win.ini',
    '/c:%5cwindows',
    '/%',
    '/%zz',
    '/%E0%A4%A',
    'app.js',
    '',
    '/./app.js',
    '/assets/',
  ])
    assert.equal(resolveUiFile(ROOT, p), null, JSON.stringify(p));
});

test('a nonce is 128 random bits in base64, fresh each time', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const n = newCspNonce();
    assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
    seen.add(n);
  }
  assert.equal(seen.size, 100);
});

test("the policy: style elements need the nonce, never 'unsafe-inline'; scripts are 'self' only", () => {
  const csp = uiCsp('abc+/=');
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.split(' ')[0] === name);
  assert.equal(directive('style-src'), "style-src 'self' 'nonce-abc+/='");
  assert.equal(directive('script-src'), "script-src 'self'");
  assert.equal(directive('default-src'), "default-src 'none'");
  assert.equal(directive('frame-ancestors'), "frame-ancestors 'none'");
  // Style attributes only (Chromium's editing writes them into CodeMirror's contenteditable).
  assert.equal(directive('style-src-attr'), "style-src-attr 'unsafe-inline'");
  assert.deepEqual(
    csp
      .split(';')
      .filter((d) => d.includes('unsafe'))
      .map((d) => d.trim()),
    ["style-src-attr 'unsafe-inline'"],
  );
  assert.equal(UI_CSP, uiCsp());
  assert.match(UI_CSP, /style-src 'self'; style-src-attr/);
});

test("index.html's own CSP is the header's policy with the same nonce", () => {
  const html = readFileSync(join(process.cwd(), 'renderer', 'index.html'), 'utf8');
  const nonce = newCspNonce();
  const page = renderIndexHtml(html, nonce);
  assert.doesNotMatch(page, /\{\{/);
  assert.ok(page.includes(`<meta name="csp-nonce" nonce="${nonce}"`));
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1];
  assert.ok(meta);
  // A <meta> policy cannot carry frame-ancestors; everything else matches the header.
  assert.equal(meta, uiCsp(nonce).replace("; frame-ancestors 'none'", ''));
});

test('a nonce that is not base64 is refused rather than written into the page', () => {
  assert.throws(() => renderIndexHtml('{{CSP_NONCE}}', '"><script>'), /CSP nonce is base64/);
});
