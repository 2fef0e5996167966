// End to end in Debian's Chromium against `promdesk serve --config` with relabel_configs: the
// Targets view shows a config target's final labels with its labels before relabeling folded
// under them, and the targets relabeling dropped in their own card, by job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPage } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter, type TestExporter } from '../helpers/exporter';

let exporter: TestExporter | null = null;
const suite = e2eSuite({
  name: 'promdesk-relabel-e2e-',
  async before({ dir, defer }) {
    exporter = await startExporter({ kind: 'body', body: 'probe_success 1\n' });
    defer(() => exporter?.close());
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `scrape_configs:
  - job_name: blackbox
    scrape_interval: 1s
    scrape_timeout: 1s
    metrics_path: /probe
    static_configs:
      - targets: [https://shop.example, https://skip.example]
    relabel_configs:
      - {source_labels: [__address__], regex: '.*skip.*', action: drop}
      - {source_labels: [__address__], target_label: __param_target}
      - {source_labels: [__param_target], target_label: instance}
      - {target_label: __address__, replacement: '127.0.0.1:${exporter.port}'}
`,
    );
    return { config };
  },
});

test('discovered labels beside the final ones, and dropped targets by job', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/targets`);
    const url = `http://127.0.0.1:${exporter!.port}/probe?target=https%3A%2F%2Fshop.example`;
    const row = page.locator('table.targets-table tbody tr', { has: page.getByRole('link', { name: url }) });
    await row.getByText('instance="https://shop.example"').waitFor();
    const before = row.locator('details.discovered-labels');
    assert.equal(await before.getByText('__address__="https://shop.example"').isVisible(), false, 'folded');
    await before.getByText('before relabeling (6)').click();
    await before.getByText('__address__="https://shop.example"').waitFor();
    await before.getByText('__metrics_path__="/probe"').waitFor();

    const dropped = page.locator('section.dropped-targets');
    await dropped.getByRole('heading', { name: 'Dropped by relabeling' }).click();
    await dropped.getByRole('heading', { name: 'blackbox' }).waitFor();
    await dropped.getByText('https://skip.example', { exact: true }).waitFor();
    assert.equal(await dropped.locator('li').count(), 1);
  });
});
