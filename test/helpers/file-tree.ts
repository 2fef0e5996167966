// A temporary folder holding the given files (path relative to it -> text), for tests of tools
// that read a source tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './tmp';

export function fileTree(files: Record<string, string>): { path: string; remove(): void } {
  const dir = tempDir('promdesk-tree-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir.path, path)), { recursive: true });
    writeFileSync(join(dir.path, path), text);
  }
  return dir;
}
