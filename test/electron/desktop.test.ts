// The desktop shell in a real Electron, where a binary exists. The Electron package downloads
// its binary lazily on first use, which needs internet; where it has not been downloaded (this
// CI machine has no internet) the test says so and is skipped — it never triggers a download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { tempDir } from '../helpers/tmp';

const root = process.cwd();

function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH;
  try {
    const pkg = createRequire(join(root, 'package.json')).resolve('electron/package.json');
    const pathFile = join(dirname(pkg), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dirname(pkg), 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

test(
  'the Electron app opens a sandboxed window whose Api reaches the engine',
  { timeout: 120_000 },
  async (t) => {
    const bin = electronBinary();
    if (!bin) {
      t.skip(
        'no Electron binary here (it is downloaded on first `npm start`, which needs internet): desktop test skipped',
      );
      return;
    }
    // The engine's utility process needs better-sqlite3 built for Electron's ABI.
    execFileSync(process.execPath, [join(root, 'scripts/electron-native.mjs')], { stdio: 'inherit' });
    const dir = tempDir();
    const app = await electron.launch({ executablePath: bin, args: [root, `--user-data-dir=${dir.path}`] });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      assert.equal(await page.title(), 'Promdesk');
      const isolated = await page.evaluate(
        () => typeof (globalThis as { require?: unknown }).require === 'undefined',
      );
      assert.ok(isolated, 'no Node in the renderer');
      const info = await page.evaluate(() =>
        (globalThis as unknown as { promdesk: { info(): Promise<{ mode: string }> } }).promdesk.info(),
      );
      assert.equal(info.mode, 'desktop');
      await page
        .getByText(/targets/i)
        .first()
        .click();
    } finally {
      await app.close();
      dir.remove();
    }
  },
);
