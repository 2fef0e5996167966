// The rule editor end to end in Debian's Chromium against `promdesk serve`: a new alerting rule
// over a test exporter's series, typed into the PromQL editor; the preview draws the expression
// with the span the alert would have been firing shaded behind it, lists it and renders the
// annotation's template for it; Save writes the UI's rule group and the rule manager runs it
// (getRules shows it under source 'ui'); the Rules view's Edit opens it again, and Delete removes it.
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/rule-editor.png for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultTargetInput } from '../../shared/api';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter } from '../helpers/exporter';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';

const EXPOSITION = '# TYPE e2e_temp gauge\ne2e_temp{room="lab"} 50\ne2e_temp{room="attic"} 5\n';

const suite = e2eSuite({
  name: 'promdesk-rule-editor-e2e-',
  prepare: async (s) => {
    const exp = await startExporter({ kind: 'body', body: EXPOSITION });
    s.defer(() => exp.close());
    const api = s.api();
    await api.addTarget({ ...defaultTargetInput, url: exp.url, job: 'rooms', intervalMs: 1000 });
    // Some seconds of history: enough evaluations for `for: 2s` to turn the lab's alert firing.
    await until('e2e_temp scraped six times', async () => {
      const r = await api.queryInstant({ query: 'count_over_time(e2e_temp[1m])', timeMs: Date.now() });
      return r.series.length === 2 && r.series.every((x) => x.values[0] >= 6);
    });
  },
});

test('a rule made in the editor: preview bands before saving, then saved and run by the engine', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/rules`);
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.waitForURL(/#\/rules\/edit$/);
    const form = page.getByRole('form', { name: 'Rule' });
    await form.getByLabel('Alert name').fill('LabHot');
    await page.locator('.cm-content[aria-label="Expression"]').click();
    await page.keyboard.type('e2e_temp > 20');
    await form.getByLabel('For', { exact: true }).fill('2s');
    await form.getByLabel('Group', { exact: true }).fill('e2e');
    await form.getByLabel('Group interval').fill('1s');
    await form.getByLabel('annotation 1 value').fill('{{ $labels.room }} is at {{ $value }}');
    await page.keyboard.press('Tab');
    await form.getByRole('button', { name: 'Preview' }).click();

    // The lab's series is above 20 all along: pending for 2 s, then firing; the attic never.
    const preview = page.getByRole('region', { name: 'Preview' });
    const bands = preview.locator('.alert-preview');
    await until(
      'the preview finds the firing alert',
      async () => (await bands.getAttribute('data-firing')) === '1',
    );
    assert.equal(await bands.getAttribute('data-pending'), '0');
    const rows = await preview.locator('tbody tr').allInnerTexts();
    assert.ok(
      rows.some((r) => /room="lab"/.test(r) && /pending/.test(r)),
      rows.join('\n'),
    );
    assert.ok(
      rows.some((r) => /room="lab"/.test(r) && /firing/.test(r)),
      rows.join('\n'),
    );
    assert.ok(!rows.some((r) => /attic/.test(r)), 'the attic is never above 20');
    // The bands are drawn on the chart (behind the series), counted by the chart's plugin.
    await until('bands drawn on the chart', async () => {
      const n = await preview.locator('[data-time-bands]').getAttribute('data-time-bands');
      return Number(n) >= 1;
    });
    await until('the summary rendered for the lab', async () =>
      /lab is at 50/.test(
        await preview
          .locator('[data-annotation="summary"]')
          .innerText()
          .catch(() => ''),
      ),
    );

    if (SHOTS)
      await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'rule-editor.png'), fullPage: true });

    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/rules$/);
    const status = await until('the engine runs the saved rule', async () => {
      const s = await api.getRules();
      const g = s.groups.find((x) => x.source === 'ui' && x.name === 'e2e');
      return g && g.rules[0]?.lastEvaluationMs > 0 ? g : undefined;
    });
    assert.equal(status.intervalMs, 1000);
    assert.deepEqual(
      status.rules.map((r) => [r.kind, r.name, r.expr, r.forMs, r.annotations.summary]),
      [['alert', 'LabHot', 'e2e_temp > 20', 2000, '{{ $labels.room }} is at {{ $value }}']],
    );
    const ui = await api.getUiRules();
    assert.deepEqual(ui.groups[0].rules[0].labels, { severity: 'warning' }, 'the default label row kept');

    // Edit from the Rules view: the editor opens on the saved rule; Delete removes it.
    await page.locator('[data-group="e2e"]').getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/#\/rules\/edit\?group=e2e&rule=0$/);
    await until(
      'the editor shows the saved rule',
      async () => (await form.getByLabel('Alert name').inputValue()) === 'LabHot',
    );
    page.once('dialog', (d) => void d.accept());
    await form.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/rules$/);
    await until('the group is gone', async () => (await api.getUiRules()).groups.length === 0);
  });
});

test('the starter rules: on in one click from the Alerts view, and a starter edited as a copy replaces it', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/alerts`);
    const card = page.getByRole('region', { name: 'Starter rules' });
    await card.getByRole('button', { name: 'Enable starter rules' }).click();
    await card.getByRole('button', { name: 'Turn off starter rules' }).waitFor();
    const starterNames = async () =>
      (await api.getRules()).groups
        .filter((g) => g.source === 'starter')
        .flatMap((g) => g.rules.map((r) => r.name));
    await until('the engine runs the starter rules', async () =>
      (await starterNames()).includes('TargetDown'),
    );

    await card.getByRole('button', { name: 'Show rules' }).click();
    await card
      .getByRole('listitem')
      .filter({ hasText: 'TargetDown' })
      .getByRole('link', { name: 'Edit a copy' })
      .click();
    await page.waitForURL(/#\/rules\/edit\?starter=TargetDown$/);
    const form = page.getByRole('form', { name: 'Rule' });
    assert.equal(await form.getByLabel('Alert name').inputValue(), 'TargetDown');
    assert.equal(await form.getByLabel('For', { exact: true }).inputValue(), '5m');
    await form.getByLabel('For', { exact: true }).fill('1m');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/rules$/);

    await until('the copy runs in a UI group and the starter of its name does not', async () => {
      const s = await api.getRules();
      const copy = s.groups
        .filter((g) => g.source === 'ui')
        .flatMap((g) => g.rules)
        .find((r) => r.name === 'TargetDown');
      return copy?.forMs === 60_000 && !(await starterNames()).includes('TargetDown');
    });
    assert.ok((await starterNames()).includes('DiskAlmostFull'), 'the other starter rules still run');

    // In the Alerts view the copy has Edit (a rule made here), a starter alert Edit a copy.
    await page.goto(`${suite.serve.base}/#/alerts`);
    const copyEdit = page
      .locator('[data-rule="TargetDown"]')
      .getByRole('link', { name: 'Edit', exact: true });
    assert.match((await copyEdit.getAttribute('href')) ?? '', /^#\/rules\/edit\?group=promdesk&rule=0$/);
    const starterEdit = page
      .locator('[data-rule="DiskAlmostFull"]')
      .getByRole('link', { name: 'Edit a copy' });
    assert.equal(await starterEdit.getAttribute('href'), '#/rules/edit?starter=DiskAlmostFull');
    await api.setStarterRules(false);
  });
});
