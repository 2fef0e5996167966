// The one options module: defaults < settings.json < flags, the same defaults for serve and the
// desktop (PromQL 2.42, 30 days), and errors that name the flag or the file and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostOptions, OptionsError } from '../../../electron/host/options';
import { SettingsError, writeSettings } from '../../../electron/engine/config/settings-file';
import { tempDir } from '../../helpers/tmp';

test('defaults: the same for serve and the desktop, PromQL 2.42, 30 days, 127.0.0.1:9099', () => {
  const dir = tempDir();
  try {
    const serve = loadHostOptions(['--data', dir.path], 'serve');
    const desktop = loadHostOptions(['--data', dir.path], 'desktop');
    for (const o of [serve, desktop]) {
      assert.deepEqual(o.listen, { host: '127.0.0.1', port: 9099 });
      assert.equal(o.http, true);
      assert.deepEqual(o.retention, { maxAgeMs: 30 * 86_400_000 });
      assert.deepEqual(o.query, {
        timeoutMs: 120_000,
        maxSamples: 50e6,
        lookbackDeltaMs: 300_000,
        compat: '2.42',
      });
      assert.equal(o.dataDir, dir.path);
      assert.equal(o.configFile, null);
      assert.equal(o.token, null);
    }
    assert.equal(serve.mode, 'serve');
    assert.equal(desktop.mode, 'desktop');
  } finally {
    dir.remove();
  }
});

test('settings.json over the defaults, flags over settings.json', () => {
  const dir = tempDir();
  try {
    writeSettings(dir.path, {
      listen: '127.0.0.1:9100',
      http: false,
      'query.compat': '3',
      'retention.time': '7d',
      'retention.size': '1GB',
      'query.max-samples': 1000,
    });
    const fromFile = loadHostOptions(['--data', dir.path], 'desktop');
    assert.deepEqual(fromFile.listen, { host: '127.0.0.1', port: 9100 });
    assert.equal(fromFile.http, false);
    assert.equal(fromFile.query.compat, '3');
    assert.equal(fromFile.query.maxSamples, 1000);
    assert.deepEqual(fromFile.retention, { maxAgeMs: 7 * 86_400_000, maxBytes: 1024 ** 3 });
    assert.deepEqual(fromFile.flagSettings, {});
    // serve always serves, whatever the desktop's `http` says.
    assert.equal(loadHostOptions(['--data', dir.path], 'serve').http, true);

    const flags = loadHostOptions(
      [
        '--data',
        dir.path,
        '--listen',
        '[::1]:0',
        '--query.compat',
        '2',
        '--query.max-samples',
        '5',
        '--storage.downsample-after',
        '2d',
      ],
      'serve',
    );
    assert.deepEqual(flags.listen, { host: '::1', port: 0 });
    assert.equal(flags.query.compat, '2.42');
    assert.equal(flags.query.maxSamples, 5);
    assert.equal(flags.retention.downsampleAfterMs, 2 * 86_400_000);
    assert.equal(
      flags.retention.maxAgeMs,
      7 * 86_400_000,
      'settings.json still counts where no flag is given',
    );
    assert.deepEqual(flags.flagSettings, {
      listen: '[::1]:0',
      'query.compat': '2',
      'query.max-samples': 5,
      'storage.downsample-after': '2d',
    });
    assert.equal(loadHostOptions(['--data', dir.path, '--no-http'], 'desktop').http, false);
  } finally {
    dir.remove();
  }
});

test('a bad flag names the flag; a bad settings.json names the file and the key', () => {
  const dir = tempDir();
  try {
    const flagError = (argv: string[], re: RegExp, usage = false) =>
      assert.throws(
        () => loadHostOptions(['--data', dir.path, ...argv], 'serve'),
        (e: Error) => e instanceof OptionsError && re.test(e.message) && e.usage === usage,
      );
    flagError(['--query.timeout', 'x'], /^--query.timeout must be a positive duration like 2m, not "x"$/);
    flagError(['--query.max-samples', '1e3'], /^--query.max-samples must be a positive integer, not "1e3"$/);
    flagError(['--query.compat', '2.42'], /^--query.compat must be 2 or 3, not "2.42"$/);
    flagError(['--listen', 'nope'], /^--listen must be HOST:PORT/);
    flagError(
      ['--retention.size', 'lots'],
      /^--retention.size must be a size like 512MB or 5GB, not "lots"$/,
    );
    flagError(['--bogus'], /Unknown option '--bogus'/, true);
    flagError(['--no-http'], /Unknown option '--no-http'/, true);

    writeFileSync(join(dir.path, 'settings.json'), '{"query.timeout": "x"}');
    assert.throws(
      () => loadHostOptions(['--data', dir.path], 'desktop'),
      (e: Error) =>
        e instanceof SettingsError &&
        e.message ===
          `${join(dir.path, 'settings.json')}: query.timeout must be a positive duration like 2m, not "x"`,
    );
  } finally {
    dir.remove();
  }
});
