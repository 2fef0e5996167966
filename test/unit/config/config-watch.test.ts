// --config.watch's watcher on a real folder: an editor's save (write a new file, rename it over)
// and an in-place write each call back once their burst settles; a save of the same text does not;
// so does a rule file the config names (changed, added or removed), in whichever folder it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchConfigFile } from '../../../electron/engine/config/config-watch';
import { tempDir } from '../../helpers/tmp';

async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('config watch: renamed-over and in-place saves call back; the same text does not', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'prometheus.yml');
  writeFileSync(file, 'scrape_configs: []\n');
  let calls = 0;
  const logs: string[] = [];
  const w = watchConfigFile(file, () => calls++, { log: (m) => logs.push(m), settleMs: 50 });
  try {
    // An editor's atomic save: a temporary file renamed over the config.
    writeFileSync(file + '.tmp', 'scrape_configs: [] # 1\n');
    renameSync(file + '.tmp', file);
    await until('the renamed-over save', () => calls === 1);
    // A burst of in-place writes (truncate, then parts) is one change.
    writeFileSync(file, '');
    writeFileSync(file, 'scrape_configs:');
    writeFileSync(file, 'scrape_configs: [] # 2\n');
    await until('the in-place save', () => calls === 2);
    // Saved again unchanged, and a file beside it written: no reload.
    writeFileSync(file, 'scrape_configs: [] # 2\n');
    writeFileSync(join(dir.path, 'other.txt'), 'x');
    await pause(400);
    assert.equal(calls, 2);
    assert.deepEqual(logs, []);
  } finally {
    w.close();
    dir.remove();
  }
  // After close, nothing more.
  const before = calls;
  await pause(100);
  assert.equal(calls, before);
});

test('config watch: a rule file the config names changed, added or removed calls back; others do not', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'prometheus.yml');
  const rules = join(dir.path, 'rules');
  mkdirSync(rules);
  writeFileSync(file, "rule_files: ['rules/*.yml']\n");
  writeFileSync(join(rules, 'a.yml'), 'groups: []\n');
  let patterns = [join(rules, '*.yml')];
  let calls = 0;
  const logs: string[] = [];
  const w = watchConfigFile(file, () => calls++, {
    log: (m) => logs.push(m),
    settleMs: 50,
    ruleFiles: () => patterns,
  });
  try {
    writeFileSync(join(rules, 'a.yml'), 'groups: [] # 1\n');
    await until('the changed rule file', () => calls === 1);
    writeFileSync(join(rules, 'b.yml'), 'groups: []\n');
    await until('the added rule file', () => calls === 2);
    unlinkSync(join(rules, 'b.yml'));
    await until('the removed rule file', () => calls === 3);
    // Not matched by the pattern, or saved unchanged: no reload.
    writeFileSync(join(rules, 'notes.txt'), 'x');
    writeFileSync(join(rules, 'a.yml'), 'groups: [] # 1\n');
    await pause(400);
    assert.equal(calls, 3);
    // A reload whose config names another folder: that one is watched from then on.
    const other = join(dir.path, 'more');
    mkdirSync(other);
    writeFileSync(join(other, 'c.yml'), 'groups: []\n');
    patterns = [join(other, 'c.yml')];
    writeFileSync(file, 'rule_files: [more/c.yml]\n');
    await until('the config naming more/', () => calls === 4);
    writeFileSync(join(other, 'c.yml'), 'groups: [] # 2\n');
    await until('the rule file in the new folder', () => calls === 5);
    writeFileSync(join(rules, 'a.yml'), 'groups: [] # 3\n');
    await pause(400);
    assert.equal(calls, 5, 'a rule file the config no longer names');
    assert.deepEqual(logs, []);
  } finally {
    w.close();
    dir.remove();
  }
});
