// The Settings view's keys (shared/settings.ts) and <data dir>/settings.json (settings-file.ts):
// every default passes its own check, a bad value is named by key with what is wrong, and a bad
// file is an error naming the file, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  SETTINGS,
  SETTING_KEYS,
  parseSize,
  settingsPatchProblem,
  settingsPatchSchema,
  withDefaultSettings,
} from '../../../shared/settings';
import { readSettings, SettingsError, writeSettings } from '../../../electron/engine/config/settings-file';
import { tempDir } from '../../helpers/tmp';

test('every setting has a description, and its default passes its own check', () => {
  assert.ok(SETTING_KEYS.length >= 11);
  for (const k of SETTING_KEYS) {
    assert.ok(SETTINGS[k].description.length > 10, k);
    assert.equal(SETTINGS[k].problem(SETTINGS[k].default), null, k);
  }
  assert.equal(settingsPatchProblem(DEFAULT_SETTINGS), null);
  assert.equal(DEFAULT_SETTINGS.listen, '127.0.0.1:9099');
  assert.equal(DEFAULT_SETTINGS['query.compat'], '2');
  assert.equal(DEFAULT_SETTINGS.http, true);
  assert.equal(DEFAULT_SETTINGS['desktop.close-to-tray'], false);
});

test('a bad value is named by its key, with what is wrong and the value', () => {
  assert.equal(
    settingsPatchProblem({ 'query.timeout': 'x' }),
    'query.timeout must be a positive duration like 2m, not "x"',
  );
  assert.equal(
    settingsPatchProblem({ listen: 'nope' }),
    'listen must be HOST:PORT like 127.0.0.1:9099, not "nope"',
  );
  assert.equal(
    settingsPatchProblem({ listen: '127.0.0.1:70000' }),
    'listen must be HOST:PORT like 127.0.0.1:9099, not "127.0.0.1:70000"',
  );
  assert.equal(settingsPatchProblem({ 'query.compat': 3 }), 'query.compat must be 2 or 3, not 3');
  assert.equal(
    settingsPatchProblem({ 'query.max-samples': -1 }),
    'query.max-samples must be a positive integer, not -1',
  );
  assert.equal(settingsPatchProblem({ http: 'yes' }), 'http must be true or false, not "yes"');
  assert.equal(
    settingsPatchProblem({ 'retention.size': '5 parsecs' }),
    'retention.size must be a size like 512MB or 5GB, not "5 parsecs"',
  );
  assert.match(
    settingsPatchProblem({ 'query.timout': '1m' })!,
    /^"query.timout": no such setting \(known: listen, http, /,
  );
  assert.equal(settingsPatchProblem([]), 'must be an object of settings, not an array');
  assert.equal(settingsPatchProblem(null), 'must be an object of settings, not null');
  assert.equal(settingsPatchSchema.safeParse({ 'retention.size': null, 'query.compat': '3' }).success, true);
});

test('sizes and defaults', () => {
  assert.equal(parseSize('512MB'), 512 * 1024 ** 2);
  assert.equal(parseSize('1.5GiB'), Math.round(1.5 * 1024 ** 3));
  assert.equal(parseSize('5 GB'), 5 * 1024 ** 3);
  assert.equal(parseSize('5XB'), null);
  const s = withDefaultSettings({ 'query.compat': '3', 'retention.size': undefined });
  assert.equal(s['query.compat'], '3');
  assert.equal(s['retention.size'], null);
  assert.equal(s['query.timeout'], '2m');
});

test('settings.json: absent is {}, written atomically, read back; bad files name file and key', () => {
  const dir = tempDir();
  try {
    assert.deepEqual(readSettings(dir.path), {});
    writeSettings(join(dir.path, 'new'), { listen: '127.0.0.1:9100', 'query.compat': '3' });
    assert.deepEqual(readSettings(join(dir.path, 'new')), { listen: '127.0.0.1:9100', 'query.compat': '3' });
    assert.deepEqual(readdirSync(join(dir.path, 'new')), ['settings.json'], 'no temporary file left');
    assert.throws(
      () => writeSettings(dir.path, { 'query.timeout': '0s' }),
      /settings: query.timeout must be a positive duration/,
    );
    assert.equal(existsSync(join(dir.path, 'settings.json')), false, 'a refused write leaves no file');

    const file = join(dir.path, 'settings.json');
    const bad = (text: string, re: RegExp) => {
      writeFileSync(file, text);
      assert.throws(
        () => readSettings(dir.path),
        (e: Error) =>
          e instanceof SettingsError && e.file === file && re.test(e.message) && e.message.startsWith(file),
      );
    };
    bad('{"query.timeout": "x"}', /: query.timeout must be a positive duration like 2m, not "x"$/);
    bad('{"listen": ', /: not valid JSON: /);
    bad('[1]', /: must be an object of settings, not an array$/);
    bad('"hi"', /: must be an object of settings, not "hi"$/);
    bad('{"retentoin.time": "1d"}', /"retentoin.time": no such setting/);
    bad('{"__proto__": {"http": false}}', /"__proto__": no such setting/);
    assert.equal(readFileSync(file, 'utf8'), '{"__proto__": {"http": false}}');
  } finally {
    dir.remove();
  }
});
