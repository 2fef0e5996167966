// End to end in Debian's Chromium against `promdesk serve`, as a new user meets the Targets view:
// a target just added and not scraped yet is shown pending in grey, not red "0 / 1 up"; in a
// 1024×768 window every row's actions are inside the window, uncovered and clickable; one URL
// under two jobs is pointed out on both rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter, type TestExporter } from '../helpers/exporter';

const suite = e2eSuite({ name: 'promdesk-targets-e2e-' });
const exporters: TestExporter[] = [];
suite.defer(() => Promise.all(exporters.map((e) => e.close())));

function targetRow(page: Page, url: string): Locator {
  return page.locator('table.targets-table tbody tr', {
    has: page.getByRole('link', { name: url, exact: true }),
  });
}

/** Adds a target through the editor, as a user does. */
async function addTarget(
  page: Page,
  url: string,
  job: string,
  interval = '1s',
  timeout = '1s',
): Promise<void> {
  await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
  const form = page.locator('form.target-form');
  await form.getByRole('textbox', { name: 'URL' }).fill(url);
  await form.getByRole('textbox', { name: 'Job' }).fill(job);
  await form.getByRole('textbox', { name: 'Interval' }).fill(interval);
  await form.getByRole('textbox', { name: 'Timeout' }).fill(timeout);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
}

const groupOf = (page: Page, job: string) =>
  page.locator('section.target-group', { has: page.getByRole('heading', { name: job, exact: true }) });

test('a target not scraped yet is pending in grey, not red; a failing one is red', async (t) => {
  if (suite.skipIfMissing(t)) return;
  // Every scrape hangs until its 9 s timeout, so the target stays unscraped while we look.
  const slow = await startExporter({ kind: 'hang' });
  exporters.push(slow);
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    await addTarget(page, slow.url, 'slow-start', '10s', '9s');
    const group = groupOf(page, 'slow-start');
    const count = group.locator('.count');
    assert.equal((await count.textContent())?.trim(), '0 / 1 up');
    assert.match((await count.getAttribute('class')) ?? '', /\bcount-pending\b/);
    const state = targetRow(page, slow.url).locator('.state');
    assert.equal((await state.textContent())?.trim(), 'PENDING');
    // Grey: the pill's colour has no more red than green or blue in it.
    for (const el of [count, state]) {
      const rgb = (await el.evaluate((e) => getComputedStyle(e).color)).match(/\d+/g)!.map(Number);
      assert.ok(Math.max(...rgb) - Math.min(...rgb) < 40, `grey, not ${rgb.join(',')}`);
    }
    assert.equal(await page.locator('.count-down').count(), 0, 'nothing is red while nothing failed');

    // A target that failed is red, and says so.
    const refused = await startExporter();
    const refusedUrl = refused.url;
    await refused.close();
    await addTarget(page, refusedUrl, 'refused');
    await until(
      'the refused target is down',
      async () =>
        /\bcount-down\b/.test((await groupOf(page, 'refused').locator('.count').getAttribute('class')) ?? ''),
      10_000,
    );
    assert.equal((await targetRow(page, refusedUrl).locator('.state').textContent())?.trim(), 'DOWN');
  });
});

test('at 1024×768 every row action is inside the window, uncovered and clickable', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const ok = await startExporter({ kind: 'body', body: 'layout_ok{a="1",b="2"} 1\n' });
  exporters.push(ok);
  const long = `${ok.url}?module=a_rather_long_module_name&target=some-host.example.internal:9100`;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${suite.serve.base}/#/targets`);
    await addTarget(page, ok.url, 'layout');
    await addTarget(page, long, 'layout');
    await targetRow(page, long).waitFor();
    await until('layout is up', async () =>
      /^UP$/.test((await targetRow(page, ok.url).locator('.state').textContent()) ?? ''),
    );

    /** Every action button of every row: inside the viewport and its table's visible box, and the topmost element at its centre. */
    const checkOnce = async (when: string) => {
      const buttons = page.locator('table.targets-table td.actions button');
      const n = await buttons.count();
      assert.ok(n >= 6, `${when}: ${n} action buttons`);
      for (let i = 0; i < n; i++) {
        const b = buttons.nth(i);
        const verdict = await b.evaluate((el) => {
          // Scrolled into view vertically only: a user should not have to scroll the table sideways.
          window.scrollBy(0, el.getBoundingClientRect().top - window.innerHeight / 2);
          const r = el.getBoundingClientRect();
          const scroller = el.closest('.table-scroll')!.getBoundingClientRect();
          const inside =
            r.left >= 0 &&
            r.top >= 0 &&
            r.right <= window.innerWidth &&
            r.bottom <= window.innerHeight &&
            r.left >= scroller.left &&
            r.right <= scroller.right;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return {
            inside,
            topmost: hit !== null && el.contains(hit),
            box: `${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(scroller.left)}..${Math.round(scroller.right)} of ${window.innerWidth}, ${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight}`,
            text: el.textContent,
          };
        });
        assert.ok(verdict.inside, `${when}: "${verdict.text}" is cut off: ${verdict.box}`);
        assert.ok(verdict.topmost, `${when}: "${verdict.text}" is covered`);
      }
      // Each table fills its card exactly: nothing to scroll sideways for, no column squeezed out.
      const misfits = await page
        .locator('.table-scroll')
        .evaluateAll((els) =>
          els
            .map((e) => [
              e.scrollWidth,
              e.clientWidth,
              Math.round(e.querySelector('table')!.getBoundingClientRect().width),
            ])
            .filter(([scroll, client, table]) => scroll > client || table !== client),
        );
      assert.deepEqual(
        misfits,
        [],
        `${when}: tables [scrollWidth, clientWidth, table width] that do not fit`,
      );
    };
    // A scrape's result can re-render a row between two reads: the layout must hold once it settles.
    const checkAll = (when: string) => until(when, async () => (await checkOnce(when), true), 10_000);
    await checkAll('1024 wide');

    // Clickable: Pause turns into Resume, Remove into Confirm remove (wider), Edit opens the editor.
    const row = targetRow(page, long);
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByRole('button', { name: 'Resume' }).waitFor();
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Confirm remove' }).waitFor();
    await checkAll('1024 wide, with Resume and Confirm remove');
    await row.getByRole('button', { name: 'Confirm remove' }).click();
    await row.waitFor({ state: 'detached' });
    await targetRow(page, ok.url).getByRole('button', { name: 'Edit' }).click();
    await page.locator('form.target-form').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.setViewportSize({ width: 1400, height: 900 });
    await checkAll('1400 wide');
  });
});

test('one URL under two jobs: each row says which other job scrapes it', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const shared = await startExporter({ kind: 'body', body: 'twice 1\n' });
  exporters.push(shared);
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    await addTarget(page, shared.url, 'dup-a', '1m');
    assert.equal(await groupOf(page, 'dup-a').locator('.target-warning').count(), 0, 'alone: no warning');
    await addTarget(page, shared.url, 'dup-b', '1m');
    for (const [job, other] of [
      ['dup-a', 'dup-b'],
      ['dup-b', 'dup-a'],
    ]) {
      const warning = groupOf(page, job).locator('.target-warning');
      await warning.waitFor();
      assert.equal(await warning.innerText(), `${shared.url} is also scraped by job ${other}`);
    }
  });
});
