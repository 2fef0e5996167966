// `npm start`: the desktop app. Fetches Electron's binary on first use (the electron package
// downloads it lazily), builds better-sqlite3 for Electron's ABI beside the Node build, builds
// dist/, and launches. Where Electron cannot be downloaded, says so and points to `promdesk serve`.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
let electronPath;
try {
  electronPath = require('electron');
} catch (err) {
  console.error(`Electron is not available here: ${err.message.split('\n')[0]}`);
  console.error('Its binary is downloaded on first use and needs internet access.');
  console.error('Headless mode works without it: npx promdesk serve, then open http://127.0.0.1:9099/');
  process.exit(1);
}
execFileSync(process.execPath, [join(root, 'scripts/electron-native.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const child = spawn(electronPath, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
