// getSettings/putSettings: what <data dir>/settings.json holds over the defaults, which keys the
// flags override, whether a saved change waits for a restart; bad values refused by key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsView } from '../../../shared/api';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { Engine, type EngineOptions } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/tmp';

async function withEngine(
  dataDir: string,
  more: Partial<EngineOptions>,
  fn: (engine: Engine) => Promise<void>,
): Promise<void> {
  const engine = new Engine({ dataDir, mode: 'desktop', autoStart: false, log: () => {}, ...more });
  try {
    await fn(engine);
  } finally {
    await engine.close();
  }
}

test('saved settings, flag overrides and restartNeeded', async () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  try {
    await withEngine(dataDir, { overriddenSettings: ['query.lookback-delta', 'no.such'] }, async (engine) => {
      const s = engine.createSession(() => {});
      const fresh = (await s.call('getSettings', [])) as SettingsView;
      assert.deepEqual(fresh, {
        settings: DEFAULT_SETTINGS,
        defaults: DEFAULT_SETTINGS,
        overriddenByFlags: ['query.lookback-delta'],
        restartNeeded: false,
      });

      // A live setting alone needs no restart.
      let v = (await s.call('putSettings', [{ 'desktop.close-to-tray': true }])) as SettingsView;
      assert.equal(v.settings['desktop.close-to-tray'], true);
      assert.equal(v.restartNeeded, false);
      // One the flags override neither: the flag is in force either way.
      v = (await s.call('putSettings', [{ 'query.lookback-delta': '1m' }])) as SettingsView;
      assert.equal(v.restartNeeded, false);
      // The query timeout is read at start.
      v = (await s.call('putSettings', [
        { 'query.timeout': '5m', 'desktop.close-to-tray': true },
      ])) as SettingsView;
      assert.equal(v.settings['query.timeout'], '5m');
      assert.equal(v.settings['query.compat'], DEFAULT_SETTINGS['query.compat']);
      assert.equal(v.restartNeeded, true);
      assert.deepEqual(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')), {
        'query.timeout': '5m',
        'desktop.close-to-tray': true,
      });
      assert.deepEqual(await s.call('getSettings', []), v);

      await assert.rejects(s.call('putSettings', [{ 'query.timeout': 'soon' }]), {
        message: 'putSettings: query.timeout: must be a positive duration like 2m, not "soon"',
      });
      await assert.rejects(s.call('putSettings', [{ colour: 'red' }]), {
        message: 'putSettings: "colour": no such field',
      });
      await assert.rejects(s.call('putSettings', [[]]), { message: /^putSettings: argument 1: / });
      // Refused changes left the file alone.
      assert.equal((engine.getSettings().settings as { 'query.timeout': string })['query.timeout'], '5m');
    });
    // Started with the saved settings: nothing waits for a restart.
    await withEngine(dataDir, {}, async (engine) => {
      assert.equal(engine.getSettings().restartNeeded, false);
      assert.equal(engine.getSettings().settings['query.timeout'], '5m');
      // A file broken behind the engine's back is an error naming it, not a crash.
      writeFileSync(join(dataDir, 'settings.json'), '{"query.timeout": ');
      assert.throws(() => engine.getSettings(), /settings\.json: not valid JSON/);
    });
  } finally {
    dir.remove();
  }
});
