// The starter home-lab rules (shared/rules/starters/) written out as the file users get, then
// checked and unit-tested by both promdesk's rule tools and Debian's promtool 2.42: the file is
// valid for both, and the promtool unit tests beside it pass under both. promtool's half skips
// with a message when it is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOME_LAB_RULES_FILE, HOME_LAB_RULES_YAML } from '../../shared/rules/starters/home-lab-rules';
import { loadRuleFile } from '../../electron/engine/rules/rule-file';
import { findDuplicateRules } from '../../electron/engine/rules/duplicates';
import { runUnitTestFile } from '../../electron/engine/rules/unit-test-runner';
import { which } from '../helpers/peers';

const TEST_FILE = 'home-lab-rules.test.yml';

/** The rule file and its unit tests side by side in a fresh folder, as the test file names them. */
function writeOut(): string {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-starter-rules-'));
  writeFileSync(join(dir, HOME_LAB_RULES_FILE), HOME_LAB_RULES_YAML);
  copyFileSync(join(process.cwd(), 'shared/rules/starters', TEST_FILE), join(dir, TEST_FILE));
  return dir;
}

test('the starter rules are a valid rule file for promdesk, covering what the issue lists', () => {
  const dir = writeOut();
  try {
    const parsed = loadRuleFile(join(dir, HOME_LAB_RULES_FILE));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(findDuplicateRules(parsed.groups), []);
    const alerts = parsed.groups.flatMap((g) => g.rules).map((r) => r.name);
    for (const name of [
      'TargetDown',
      'DiskWillFillIn24Hours',
      'DiskAlmostFull',
      'InodesAlmostFull',
      'MemoryPressure',
      'ClockDrifting',
      'PromdeskRemoteWriteFailing',
      'PromdeskStoreCommitsFailing',
      'ScrapeSlowerThanInterval',
    ])
      assert.ok(alerts.includes(name), `${name} is among the starter rules`);
    for (const r of parsed.groups.flatMap((g) => g.rules)) {
      assert.equal(r.kind, 'alert');
      assert.ok(
        r.annotations.summary && r.annotations.description,
        `${r.name} has a summary and a description`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the starter rules pass their unit tests under promdesk test rules', async () => {
  const dir = writeOut();
  try {
    const warnings: string[] = [];
    const errs = await runUnitTestFile(join(dir, TEST_FILE), { warn: (l) => warnings.push(l) });
    assert.deepEqual(errs, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const BIN = join(process.cwd(), 'bin', 'promdesk.mjs');
const built = existsSync(join(process.cwd(), 'dist', 'cli.mjs'));

test(
  'promdesk check rules and test rules (the CLI) accept the starter rules and pass their unit tests',
  { skip: built ? false : 'dist/ is not built (node scripts/build.mjs)' },
  () => {
    const dir = writeOut();
    try {
      const check = spawnSync(process.execPath, [BIN, 'check', 'rules', HOME_LAB_RULES_FILE], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /SUCCESS: \d+ rules found/);
      const run = spawnSync(process.execPath, [BIN, 'test', 'rules', TEST_FILE], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

const promtool = which('promtool');

test(
  'Debian promtool 2.42 accepts the starter rules and passes their unit tests',
  { skip: promtool ? false : 'Debian promtool is not installed (apt-get install prometheus)' },
  () => {
    const dir = writeOut();
    try {
      const check = spawnSync(promtool!, ['check', 'rules', HOME_LAB_RULES_FILE], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /SUCCESS: \d+ rules found/);
      const run = spawnSync(promtool!, ['test', 'rules', TEST_FILE], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
