// End to end in Debian's Chromium against `promdesk serve`: the relabel debugger opened on its
// own (a label set typed as text, rules typed as YAML: the dropping rule is highlighted, added
// labels are marked, a bad rule is named with its line), opened on a dropped config target, and
// a UI target made in the editor with a metric_relabel drop rule, whose dropped series is never
// stored while the others are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter, type TestExporter } from '../helpers/exporter';

let exporter: TestExporter | null = null;
const suite = e2eSuite({
  name: 'promdesk-relabel-debugger-e2e-',
  async before({ dir, defer }) {
    exporter = await startExporter({
      kind: 'body',
      body: '# TYPE relabel_e2e_kept gauge\nrelabel_e2e_kept 1\n# TYPE relabel_e2e_noise_total counter\nrelabel_e2e_noise_total 7\n',
    });
    defer(() => exporter?.close());
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `scrape_configs:
  - job_name: filtered
    scrape_interval: 1m
    static_configs:
      - targets: ['127.0.0.1:1', 'skip.example:9100']
    relabel_configs:
      - {source_labels: [__address__], regex: 'skip.*', action: drop}
`,
    );
    return { config };
  },
});

const step = (dialog: Locator, n: number) => dialog.locator(`table.relabel-steps tr[data-step="${n}"]`);

test('typed labels and rules: each step, the dropping rule highlighted, a bad rule named', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    await page.getByRole('button', { name: 'Relabel debugger' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relabel debugger' });
    await dialog.getByRole('button', { name: 'Text' }).click();
    await dialog
      .getByRole('textbox', { name: 'Labels as text' })
      .fill('{__address__="web:9100", env="prod", team="ops"}');
    await dialog
      .getByRole('textbox', { name: 'Relabel rules' })
      .fill(
        '- {source_labels: [env], target_label: environment}\n' +
          '- {action: drop, source_labels: [team], regex: ops}\n' +
          '- {target_label: never, replacement: "y"}\n',
      );
    await dialog.getByText('Dropped by rule 2: the target is not scraped.').waitFor();
    assert.match((await step(dialog, 2).getAttribute('class')) ?? '', /relabel-dropped/);
    assert.equal(await step(dialog, 1).getAttribute('class'), null, 'only the dropping rule is highlighted');
    assert.equal(await step(dialog, 3).count(), 0, 'no rule runs after the drop');
    const added = step(dialog, 1).locator('.relabel-added');
    assert.deepEqual(await added.allTextContents(), ['environment="prod"']);

    // A rule that does not check: its number, line and key, and no steps.
    await dialog
      .getByRole('textbox', { name: 'Relabel rules' })
      .fill('- action: keep\n- action: replace\n  regex: "a("\n');
    await dialog
      .getByText('Rule 2, line 3, [1].regex: error parsing regexp: missing closing ): `a(`')
      .waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

test("a dropped config target: its discovered labels and its job's rule that dropped it", async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    const dropped = page.locator('section.dropped-targets');
    await dropped.getByRole('heading', { name: 'Dropped by relabeling' }).click();
    await dropped.getByRole('button', { name: 'Relabel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relabel debugger' });
    await dialog.getByText('Dropped by rule 1: the target is not scraped.').waitFor();
    assert.match((await step(dialog, 1).getAttribute('class')) ?? '', /relabel-dropped/);
    assert.match(await dialog.getByRole('textbox', { name: 'Relabel rules' }).inputValue(), /action: drop/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

test('a UI target with a metric_relabel drop rule does not store the dropped series', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
    const form = page.locator('form.target-form');
    await form.getByRole('textbox', { name: 'URL' }).fill(exporter!.url);
    await form.getByRole('textbox', { name: 'Job' }).fill('filtered-ui');
    await form.getByRole('textbox', { name: 'Interval' }).fill('1s');
    await form.getByRole('textbox', { name: 'Timeout' }).fill('1s');
    // A target rule that drops it: the form says so before it is saved.
    const rules = form.getByRole('textbox', { name: 'relabel_configs', exact: true });
    await rules.fill('- {action: drop, source_labels: [job], regex: filtered-ui}');
    await form.getByText('Rule 1 (drop) drops this target').waitFor();
    await rules.fill(
      '- {target_label: team, replacement: ops}\n- {target_label: __param_via, replacement: relabel}',
    );
    await form.getByText(`${exporter!.url}?via=relabel`).waitFor();
    await form
      .getByRole('textbox', { name: 'metric_relabel_configs' })
      .fill('- {action: drop, source_labels: [__name__], regex: "relabel_e2e_noise_.*"}');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('table.targets-table tbody tr', { has: page.getByText('team="ops"') });
    await row.getByText('UP').waitFor({ timeout: 15_000 });
    await row.getByText(`scraped at ${exporter!.url}?via=relabel`).waitFor();
  });
  const api = (await (await fetch(`${suite.serve.base}/api/v1/targets`)).json()) as {
    data: {
      activeTargets: { scrapePool: string; scrapeUrl: string; discoveredLabels: Record<string, string> }[];
    };
  };
  const mine = api.data.activeTargets.find((x) => x.scrapePool === 'filtered-ui');
  assert.equal(mine?.scrapeUrl, `${exporter!.url}?via=relabel`, '/api/v1/targets: where its rules send it');
  assert.equal(mine?.discoveredLabels.__metrics_path__, '/metrics');
  const query = async (q: string) => {
    const r = await fetch(`${suite.serve.base}/api/v1/query?query=${encodeURIComponent(q)}`);
    return ((await r.json()) as { data: { result: { metric: Record<string, string> }[] } }).data.result;
  };
  const kept = await until('the kept series', async () => {
    const r = await query('relabel_e2e_kept{job="filtered-ui"}');
    return r.length > 0 && r;
  });
  assert.equal(kept[0].metric.team, 'ops', 'the target rule labelled the series');
  // The kept series is there, so a scrape ran: the dropped one was never stored.
  assert.deepEqual(await query('relabel_e2e_noise_total'), []);
  assert.deepEqual(await query('count({__name__=~"relabel_e2e_noise.*"})'), []);
});
