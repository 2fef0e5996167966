// better-sqlite3 is a native addon, built for one ABI. Under Node it uses its own build in
// node_modules; under Electron (desktop app, engine utility process) it needs a build for
// Electron's ABI, which `npm start` / packaging put in .native/electron/ (scripts/electron-native.mjs)
// so that the Node build, used by `promdesk serve` and the tests, is never overwritten.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function nativeBindingPath(): string | undefined {
  if (!process.versions.electron) return undefined;
  const fromEnv = process.env.PROMDESK_SQLITE_BINDING;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const candidate = join(process.cwd(), '.native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
