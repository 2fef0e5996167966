// End to end in Debian's Chromium: `promdesk serve --config.watch` and the Targets view's config
// line: the file, its warnings (a file_sd file that is missing, with file, line and key), a
// broken save shown as a failed reload with its error while the old targets stay, and the
// Reload button taking the fixed file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';

let configFile = '';
const jobs = (names: string[]) =>
  `scrape_configs:\n${names.map((j) => `  - job_name: ${j}\n    scrape_interval: 1h\n    static_configs: [{targets: ['127.0.0.1:1']}]\n`).join('')}`;
const save = (text: string) => {
  writeFileSync(configFile + '.tmp', text);
  renameSync(configFile + '.tmp', configFile);
};

const suite = e2eSuite({
  name: 'promdesk-config-e2e-',
  before({ dir }) {
    configFile = join(dir, 'prometheus.yml');
    writeFileSync(
      configFile,
      jobs(['alpha']) + '  - job_name: sd\n    file_sd_configs: [{files: [sd/missing.json]}]\n',
    );
    return Promise.resolve({ config: configFile, flags: ['--config.watch'] });
  },
});

test(
  'the Targets view shows the config file, its warnings, a failed reload, and reloads it',
  { timeout: 90_000 },
  async (t) => {
    if (suite.skipIfMissing(t)) return;
    const ui = await openPage(suite.browser!);
    try {
      const { page } = ui;
      await page.goto(`${suite.serve.base}/#/targets`);
      const card = page.getByRole('region', { name: 'Config file' });
      await card.waitFor();
      const state = card.locator('.config-status-state');
      assert.equal(await state.textContent(), 'Config loaded');
      assert.equal(await card.locator('.config-status-file').textContent(), configFile);
      assert.match((await card.textContent()) ?? '', /watched for changes/);
      await card.getByText('1 config warning').click();
      assert.equal(
        await card.locator('.config-status-warnings li').textContent(),
        `${configFile}:6: scrape_configs[sd].file_sd_configs[0].files: file "sd/missing.json" does not exist; its targets come once it does`,
      );

      // A broken save: the watch tries it, the old config stays, the error is shown.
      save(jobs(['alpha', 'beta']) + '    scrape_timeout: never\n');
      await until('the failed reload shown', async () => (await state.textContent()) === 'Reload failed');
      const alert = card.getByRole('alert');
      assert.match(
        (await alert.textContent()) ?? '',
        new RegExp(
          `^${configFile}:\\d+: scrape_configs\\[beta\\]\\.scrape_timeout: not a valid duration string: "never" — the previous config stays in force\\.$`,
        ),
      );
      assert.equal(await page.locator('.view.targets').getByText('beta', { exact: true }).count(), 0);

      // Fixed, and reloaded with the button (the watch may have been first: both end the same).
      save(jobs(['alpha', 'beta']));
      await card.getByRole('button', { name: 'Reload' }).click();
      await until('the reload shown', async () => (await state.textContent()) === 'Config loaded');
      await card.getByRole('status').filter({ hasText: 'Reloaded' }).waitFor();
      assert.equal(await card.getByRole('alert').count(), 0);
      assert.equal(await card.locator('.config-status-warnings').count(), 0, 'no warnings left');
      await page.locator('.view.targets').getByText('beta', { exact: true }).first().waitFor();
      assert.deepEqual(ui.errors, [], 'the page logged errors');
    } finally {
      await ui.close();
    }
  },
);
