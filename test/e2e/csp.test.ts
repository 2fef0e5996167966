// End to end: the UI's Content-Security-Policy in Debian's Chromium against the in-process
// `promdesk serve`. Style elements need the page's nonce (no 'unsafe-inline' for them): the
// PromQL editor must still be fully styled (CodeMirror's themes carry the nonce), its completion
// popup and the uPlot chart must render, and the page must see no CSP violation at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { withServe } from '../helpers/in-process-serve';

const missing = chromiumMissing();
let browser: Browser | null = null;

before(async () => {
  if (missing) return;
  if (!existsSync(join(process.cwd(), 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  browser = await launchChromium();
});
after(async () => void (await browser?.close().catch(() => undefined)));

/** The nonce of a CSP header's style-src, or null. */
function styleNonce(csp: string | null): string | null {
  return /style-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1] ?? null;
}

test('the Explore editor, its completion and a chart render styled with no CSP violation', async (t) => {
  if (missing) return t.skip(missing);
  await withServe({}, async (base) => {
    await inPage(browser, {}, async ({ page }) => {
      const cspMessages: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspMessages.push(m.text());
      });
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
        );
      });
      const res = await page.goto(`${base}/`);
      const csp = res?.headers()['content-security-policy'] ?? null;
      assert.ok(
        csp && !/style-src [^;]*'unsafe-inline'/.test(csp),
        `style-src without 'unsafe-inline': ${csp}`,
      );
      const nonce = styleNonce(csp);
      assert.ok(nonce, `a nonce in ${csp}`);
      // The page reads the nonce through the property; the attribute is hidden after parsing.
      const meta = await page.evaluate(() => {
        const m = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')!;
        return { prop: m.nonce, attr: m.getAttribute('nonce') };
      });
      assert.equal(meta.prop, nonce);
      assert.equal(meta.attr, '');

      await page.getByRole('link', { name: 'Explore' }).click();
      const ed = page.getByRole('textbox', { name: 'PromQL expression', exact: true });
      await ed.click();
      await page.keyboard.type('vecto');
      await page.locator('.cm-tooltip-autocomplete').waitFor();
      const styled = await page.evaluate(() => {
        const editor = document.querySelector('.cm-editor')!;
        const content = document.querySelector('.cm-content')!;
        const popup = document.querySelector('.cm-tooltip-autocomplete')!;
        return {
          editorDisplay: getComputedStyle(editor).display,
          contentWhiteSpace: getComputedStyle(content).whiteSpace,
          tabSize: getComputedStyle(content).tabSize,
          popupPosition: getComputedStyle(popup).position,
          styleNonces: [...document.querySelectorAll('style')].map((s) => s.nonce),
        };
      });
      // CodeMirror's base theme: display flex, wrapped lines (lineWrapping), a fixed-position popup.
      assert.equal(styled.editorDisplay, 'flex');
      assert.equal(styled.contentWhiteSpace, 'break-spaces');
      assert.equal(styled.tabSize, '4');
      assert.equal(styled.popupPosition, 'fixed');
      assert.ok(styled.styleNonces.length > 0, 'CodeMirror mounted its style elements');
      assert.deepEqual(new Set(styled.styleNonces), new Set([nonce]));

      await page.keyboard.press('Escape');
      await page.keyboard.type('r(1)');
      await page.keyboard.press('Enter');
      // Typing over a selection: Chromium's editing writes a style attribute into the editor.
      await page.keyboard.press('Control+a');
      await page.keyboard.type('vector(2)');
      await page.keyboard.press('Enter');
      await until('the chart drawn', async () => (await page.locator('.live-chart canvas').count()) > 0);
      const violations = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );
      assert.deepEqual(violations, [], 'securitypolicyviolation events');
      assert.deepEqual(cspMessages, [], 'CSP console messages');
    });
  });
});

test('every load of the page gets a fresh nonce, in the header and the page alike', async () => {
  await withServe({}, async (base) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${base}/`);
      const nonce = styleNonce(r.headers.get('content-security-policy'));
      assert.ok(nonce);
      const html = await r.text();
      assert.ok(
        html.includes(`<meta name="csp-nonce" nonce="${nonce}"`),
        'the page carries the header nonce',
      );
      assert.ok(!html.includes('{{'), 'no slot left unfilled');
      nonces.add(nonce);
    }
    assert.equal(nonces.size, 3);
    // Other files carry the policy without a nonce: nothing there may add style elements.
    const css = await fetch(`${base}/app.css`);
    assert.equal(styleNonce(css.headers.get('content-security-policy')), null);
  });
});
