// The config file in a running engine: its status for the Targets view (file, load time, ok,
// error, warnings with file, line and key, e.g. a file_sd file that is missing, which Prometheus
// runs on with), the Api's reloadConfig, and --config.watch: a change on disk reloads, a broken
// save keeps the old config with its error shown, and the fixed save is taken again; the same for
// the rule files the config names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import type { ConfigStatus } from '../../shared/api';
import { tempDir } from '../helpers/tmp';

async function until<T>(what: string, get: () => T | null | undefined | false): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const config = (jobs: string[], extra = '') =>
  `scrape_configs:\n${jobs.map((j) => `  - job_name: ${j}\n    scrape_interval: 1h\n    static_configs: [{targets: ['127.0.0.1:1']}]\n`).join('')}${extra}`;

test('config status and reloadConfig: warnings with file and line, a failed reload keeps the config', async () => {
  const dir = tempDir();
  const configFile = join(dir.path, 'prometheus.yml');
  // A file_sd file that is not there: promtool warns, Prometheus runs on; so does Promdesk.
  writeFileSync(
    configFile,
    config(['a']) + `  - job_name: sd\n    file_sd_configs:\n      - files: [sd/missing.json]\n`,
  );
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    autoStart: false,
    log: () => undefined,
  });
  try {
    const s0 = engine.configStatus()!;
    assert.equal(s0.file, configFile);
    assert.equal(s0.ok, true);
    assert.equal(s0.error, null);
    assert.equal(s0.lastReloadMs, null);
    assert.equal(s0.watching, false);
    assert.deepEqual(s0.warnings, [
      `${configFile}:7: scrape_configs[sd].file_sd_configs[0].files: file "sd/missing.json" does not exist; its targets come once it does`,
    ]);

    writeFileSync(configFile, config(['a', 'b']) + 'bogus_key: 1\n');
    assert.deepEqual(engine.reloadConfig(), { ok: true, error: null });
    const s1 = engine.configStatus()!;
    assert.ok(s1.loadedMs >= s0.loadedMs && s1.lastReloadMs !== null);
    assert.equal(s1.warnings.length, 1);
    assert.match(s1.warnings[0], new RegExp(`^${configFile}:\\d+: bogus_key: `));

    writeFileSync(configFile, config(['a']) + '  - job_name: [\n');
    const r = engine.reloadConfig();
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', new RegExp(`^${configFile}:\\d+: `));
    const s2 = engine.configStatus()!;
    assert.deepEqual([s2.ok, s2.error, s2.loadedMs], [false, r.error, s1.loadedMs]);
    assert.deepEqual(s2.warnings, s1.warnings, 'the warnings of the config in force');
    assert.deepEqual(
      engine
        .listTargets()
        .map((t) => t.input.job)
        .sort(),
      ['a', 'b'],
      'the previous config stays in force',
    );
  } finally {
    await engine.close();
    dir.remove();
  }
  // Without a config file there is no status, and a reload is a no-op.
  const bare = tempDir();
  const e2 = new Engine({ dataDir: bare.path, mode: 'serve', autoStart: false, log: () => undefined });
  try {
    assert.equal(e2.configStatus(), null);
    assert.deepEqual(e2.reloadConfig(), { ok: true, error: null });
  } finally {
    await e2.close();
    bare.remove();
  }
});

test(
  '--config.watch: a save reloads, a broken save keeps the old config with its error, a fix is taken',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir();
    const configFile = join(dir.path, 'prometheus.yml');
    const save = (text: string) => {
      writeFileSync(configFile + '.tmp', text);
      renameSync(configFile + '.tmp', configFile);
    };
    writeFileSync(configFile, config(['a']));
    const logs: string[] = [];
    const engine = new Engine({
      dataDir: join(dir.path, 'data'),
      configFile,
      mode: 'serve',
      autoStart: false,
      watchConfig: true,
      log: (m) => logs.push(m),
    });
    const jobs = () =>
      engine
        .listTargets()
        .map((t) => t.input.job)
        .sort()
        .join(',');
    const status = (): ConfigStatus => engine.configStatus()!;
    try {
      assert.equal(status().watching, true);
      save(config(['a', 'b']));
      await until('the new job', () => jobs() === 'a,b');
      assert.equal(status().ok, true);

      save(config(['a', 'b', 'c']) + '    metrics_path: [x]\n');
      const failed = await until('the broken save seen', () => (status().ok ? null : status()));
      assert.match(failed.error ?? '', /metrics_path: expected a string/);
      assert.match(failed.error ?? '', new RegExp(`^${configFile}:\\d+: `));
      assert.equal(jobs(), 'a,b', 'the old config stays in force');
      assert.ok(logs.some((l) => l.startsWith('config reload failed, the previous config stays in force')));

      save(config(['c']));
      await until('the fixed save', () => jobs() === 'c');
      assert.deepEqual([status().ok, status().error], [true, null]);
    } finally {
      await engine.close();
      dir.remove();
    }
  },
);

test(
  '--config.watch: a rule file changed, added or removed reloads; a broken one keeps the rules with its error',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir();
    const configFile = join(dir.path, 'prometheus.yml');
    const rulesDir = join(dir.path, 'rules');
    mkdirSync(rulesDir);
    const group = (name: string, expr = 'vector(1)') =>
      `groups:\n  - name: ${name}\n    rules:\n      - record: r\n        expr: ${expr}\n`;
    const save = (file: string, text: string) => {
      writeFileSync(file + '.tmp', text);
      renameSync(file + '.tmp', file);
    };
    writeFileSync(join(rulesDir, 'a.yml'), group('one'));
    writeFileSync(configFile, `rule_files: ['rules/*.yml']\n`);
    const engine = new Engine({
      dataDir: join(dir.path, 'data'),
      configFile,
      mode: 'serve',
      autoStart: false,
      watchConfig: true,
      log: () => undefined,
    });
    const groups = () =>
      engine.rules
        .status()
        .groups.filter((g) => g.source === 'config')
        .map((g) => g.name)
        .join(',');
    const status = (): ConfigStatus => engine.configStatus()!;
    try {
      assert.equal(groups(), 'one');
      save(join(rulesDir, 'a.yml'), group('two'));
      await until('the changed rule file', () => groups() === 'two');
      writeFileSync(join(rulesDir, 'b.yml'), group('three'));
      await until('the added rule file', () => groups() === 'two,three');

      save(join(rulesDir, 'b.yml'), group('four', 'sum(('));
      const failed = await until('the broken rule file seen', () => (status().ok ? null : status()));
      assert.match(failed.error ?? '', /b\.yml:\d+: rule_files: .*could not parse expression/);
      assert.equal(groups(), 'two,three', 'the rules in force stay');
      assert.match(engine.rules.status().loadError ?? '', /b\.yml/);

      save(join(rulesDir, 'b.yml'), group('four'));
      await until('the fixed rule file', () => groups() === 'two,four');
      assert.deepEqual([status().ok, status().error], [true, null]);
      unlinkSync(join(rulesDir, 'a.yml'));
      await until('the removed rule file', () => groups() === 'four');
    } finally {
      await engine.close();
      dir.remove();
    }
  },
);
