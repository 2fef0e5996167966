// Builds better-sqlite3 for Electron's ABI into .native/electron/, leaving node_modules' Node
// build untouched (so `promdesk serve` and the tests keep working). Prebuilt binaries are tried
// first, then a compile from source against Electron's headers. Needs internet for either.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, '.native', 'electron');
const out = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'version.txt');
const want = `${electronVersion} ${sqliteVersion} ${process.platform}-${process.arch}`;

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) process.exit(0);

const work = join(root, '.native', 'build-better-sqlite3');
rmSync(work, { recursive: true, force: true });
cpSync(sqliteDir, work, {
  recursive: true,
  filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`),
});
const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' });
console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}...`);
try {
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] }),
    '--runtime=electron',
    `--target=${electronVersion}`,
  ]);
} catch {
  run('npx', [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
mkdirSync(outDir, { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), out);
await import('node:fs').then((fs) => fs.writeFileSync(stamp, want));
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${out}`);
