// The Preview pane's worker as built (dist/renderer/preview-worker.js) in real Chromium, spoken
// to with raw RPC messages (shared/rpc/messages.ts): an analysis comes back with its line index
// moved, a wrong call or a malformed message gets an error reply naming what is wrong, garbage
// is dropped, and the worker keeps answering after all of it. A worker that fails leaves the pane
// working: the analyses it took run again on the page.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { chromiumMissing, inPage, launchChromium } from '../helpers/browser';
import { withServe } from '../helpers/in-process-serve';
import { startExporter } from '../helpers/exporter';

const missing = chromiumMissing();
let browser: Browser | null = null;

before(async () => {
  if (!missing) browser = await launchChromium();
});
after(async () => {
  await browser?.close().catch(() => undefined);
});

/** Runs in the page: raw messages to a fresh worker, its replies summarised (the line index's type, the family count). */
const PROBE = `(async () => {
  const w = new Worker('preview-worker.js');
  const got = [];
  w.onmessage = (e) => {
    const m = e.data;
    if (m.result && m.result.lineStarts)
      got.push({ ...m, result: { lineStarts: Object.prototype.toString.call(m.result.lineStarts), families: m.result.families.length } });
    else got.push(m);
  };
  const req = (id, body) => ({
    kind: 'request', id, method: 'analyze',
    params: [{ body, format: 'auto', contentType: null, fetchedAtMs: Date.now(), reset: true }],
  });
  w.postMessage(req(1, '# TYPE a_total counter\\na_total 1\\nb 2\\n'));
  w.postMessage({ kind: 'request', id: 2, method: 'format', params: [] });
  w.postMessage({ kind: 'request', id: 3, method: 'analyze', params: 'not a list' });
  w.postMessage('garbage');
  w.postMessage({ kind: 'reply', id: 77, ok: true, result: 1 });
  w.postMessage(req(4, 'c 3\\n'));
  const end = Date.now() + 10000;
  while (got.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100)); // nothing more is coming
  w.terminate();
  return got;
})()`;

function skipIfNoBrowser(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

test('the preview worker answers RPC requests, refuses malformed ones and survives them', async (t) => {
  if (skipIfNoBrowser(t)) return;
  await withServe({}, async (base) => {
    await inPage(browser, {}, async ({ page }) => {
      await page.goto(`${base}/`);
      // A script of plain JavaScript: tsx would add helpers (__name) to a function passed here.
      const replies = (await page.evaluate(PROBE)) as unknown[];
      assert.deepEqual(replies, [
        { kind: 'reply', id: 1, ok: true, result: { lineStarts: '[object Uint32Array]', families: 2 } },
        {
          kind: 'reply',
          id: 2,
          ok: false,
          error: 'unknown preview worker call "format"',
          errorName: 'Error',
        },
        {
          kind: 'reply',
          id: 3,
          ok: false,
          error: 'malformed request: field "params": expected an array, got the string "not a list"',
          errorName: 'RpcError',
        },
        { kind: 'reply', id: 4, ok: true, result: { lineStarts: '[object Uint32Array]', families: 1 } },
      ]);
    });
  });
});

test('a preview worker that fails to load: the pane analyses on the page instead', async (t) => {
  if (skipIfNoBrowser(t)) return;
  const exporter = await startExporter(() => ({
    kind: 'body',
    body: '# HELP fallback_jobs_total Jobs.\n# TYPE fallback_jobs_total counter\nfallback_jobs_total 3\n',
  }));
  try {
    await withServe({}, async (base) => {
      await inPage(browser, {}, async ({ page }) => {
        let served = 0;
        await page.route('**/preview-worker.js', (route) => {
          served++;
          return route.fulfill({
            contentType: 'text/javascript',
            body: 'throw new Error("no worker today")',
          });
        });
        await page.goto(`${base}/`);
        await page.getByRole('link', { name: 'Preview' }).click();
        await page.getByLabel('Exporter URL').fill(exporter.url);
        await page.getByRole('button', { name: 'Fetch', exact: true }).click();
        const row = page
          .getByRole('table', { name: 'Metric families' })
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: 'fallback_jobs_total', exact: true }) });
        await row.waitFor();
        assert.match((await row.textContent()) ?? '', /counter.*Jobs\./);
        assert.ok(served >= 1, 'the broken worker was loaded');
      });
    });
  } finally {
    await exporter.close();
  }
});
