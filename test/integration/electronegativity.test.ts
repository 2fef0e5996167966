// Electronegativity over the desktop shell (scripts/electronegativity.mjs): the real sources have
// no high or medium finding that is not justified beside its code, and the gate bites — a tree
// with an insecure window, a stale justification and an eng-disable fails with each named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';

const SCRIPT = join(process.cwd(), 'scripts', 'electronegativity.mjs');

interface Summary {
  ms: number;
  scanned: string[];
  justified: { check: string; file: string; line: number; reason: string }[];
  problems: string[];
}

function scan(...args: string[]): { code: number | null; summary: Summary } {
  const r = spawnSync(process.execPath, [SCRIPT, '--json', ...args], { encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.stdout.trim().startsWith('{'), `JSON on stdout, got:\n${r.stdout}\n${r.stderr}`);
  return { code: r.status, summary: JSON.parse(r.stdout) as Summary };
}

test('the shell has no unjustified high or medium finding, offline', () => {
  const { code, summary } = scan();
  assert.deepEqual(summary.problems, []);
  assert.equal(code, 0);
  assert.ok(summary.scanned.includes('electron/main.ts'));
  assert.ok(summary.scanned.includes('electron/preload.ts'));
  assert.ok(summary.scanned.includes('electron/desktop/navigation.ts'));
  assert.ok(summary.scanned.includes('renderer/index.html'), 'the page with its CSP');
  for (const j of summary.justified) assert.ok(j.reason.length >= 10, `${j.check} at ${j.file}:${j.line}`);
});

test('an insecure window, a stale justification and eng-disable each fail the gate', () => {
  const dir = tempDir('promdesk-eng-');
  try {
    mkdirSync(join(dir.path, 'electron', 'desktop'), { recursive: true });
    writeFileSync(
      join(dir.path, 'electron', 'main.ts'),
      [
        "import { BrowserWindow, shell } from 'electron';",
        'const win = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },',
        '});',
        "win.webContents.on('will-navigate', (_e, url: string) => {",
        '  // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — checked against the allow-list above.',
        '  void shell.openExternal(url);',
        '});',
        "void win.loadURL('https://example.com'); // eng-disable HTTP_RESOURCES_JS_CHECK",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir.path, 'electron', 'desktop', 'x.ts'),
      '// electronegativity-justified: PRELOAD_JS_CHECK — there is no preload here at all.\nexport const x = 1;\n',
    );
    const { code, summary } = scan('--root', dir.path);
    assert.equal(code, 1);
    const text = summary.problems.join('\n');
    assert.match(text, /electron\/main\.ts:3: CONTEXT_ISOLATION_JS_CHECK \(HIGH/);
    assert.match(text, /electron\/main\.ts:3: SANDBOX_JS_CHECK \(MEDIUM/);
    // The app-wide checks the real shell passes: navigation limits and a permission handler.
    assert.match(text, /N\/A:0: LIMIT_NAVIGATION_GLOBAL_CHECK \(HIGH/);
    assert.match(text, /N\/A:0: PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK \(MEDIUM/);
    assert.match(text, /N\/A:0: CSP_GLOBAL_CHECK \(MEDIUM/);
    assert.match(text, /electron\/main\.ts:9: eng-disable hides a finding without a reason/);
    assert.match(text, /electron\/desktop\/x\.ts:1: stale justification: no PRELOAD_JS_CHECK finding here/);
    assert.doesNotMatch(text, /main\.ts:7: OPEN_EXTERNAL_JS_CHECK/, 'the justified one passes');
    assert.deepEqual(
      summary.justified.map((j) => `${j.check}@${j.line}`),
      ['OPEN_EXTERNAL_JS_CHECK@7'],
    );
  } finally {
    dir.remove();
  }
});
