// Runs the test suite with node's test runner (TypeScript through tsx): every *.test.ts under
// the given folders (default: test/), then prints one plain closing line "N passed, N failed,
// N skipped" that CI and humans can read at a glance.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const dirs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
};
for (const d of dirs.length ? dirs : ['test']) {
  const p = join(root, d);
  if (statSync(p).isDirectory()) walk(p);
  else files.push(relative(root, p));
}

const tapDir = mkdtempSync(join(tmpdir(), 'promdesk-test-'));
const tapFile = join(tapDir, 'results.tap');
const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...files,
];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: '0' },
});
child.on('exit', (code, signal) => {
  let pass = 0;
  let fail = 0;
  let skipped = 0;
  try {
    const tap = readFileSync(tapFile, 'utf8');
    const num = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
    pass = num('pass');
    fail = num('fail') + num('cancelled');
    skipped = num('skipped') + num('todo');
  } catch {
    fail = Math.max(fail, 1);
  }
  rmSync(tapDir, { recursive: true, force: true });
  if (signal) fail = Math.max(fail, 1);
  console.log(`\n${pass} passed, ${fail} failed, ${skipped} skipped`);
  process.exit(code === 0 && fail === 0 ? 0 : 1);
});
