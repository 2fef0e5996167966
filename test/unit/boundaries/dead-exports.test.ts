// No exported value that nothing uses (tests and benchmarks count as users; see
// test/helpers/dead-exports.ts for what counts). Dead code goes, or gets its test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadExports } from '../../helpers/dead-exports';
import { fileTree } from '../../helpers/file-tree';

const root = new URL('../../..', import.meta.url).pathname;

// Known, each with its reason; remove an entry once its export has a user or is gone.
const KNOWN: string[] = [];

test('every exported value in electron/, shared/ and renderer/src has a user', () => {
  const dead = deadExports(root, ['electron', 'shared', 'renderer/src'], ['test', 'bench']);
  assert.deepEqual(
    dead.filter((d) => !KNOWN.includes(d)),
    [],
    'exported but used nowhere: remove them, or use them',
  );
});

test('an export no file imports and its own file does not use is reported', () => {
  const dir = fileTree({
    'src/lib.ts': [
      'export function imported() {}',
      'export function reExported() {}',
      'export const usedHere = 1;',
      'export const dead = usedHere;',
      'export class DeadClass {}',
      'export interface TypesAreLeftAlone {}',
    ].join('\n'),
    'src/star.ts': 'export const viaStar = 1;\n',
    'src/lazy.ts': 'export const viaImportCall = 1;\n',
    'src/barrel.ts': "export { reExported } from './lib';\nexport * from './star';\n",
    'test/a.test.ts': "import { imported } from '../src/lib';\nawait import('../src/lazy');\nimported();\n",
  });
  try {
    assert.deepEqual(deadExports(dir.path, ['src'], ['test']), ['src/lib.ts: dead', 'src/lib.ts: DeadClass']);
  } finally {
    dir.remove();
  }
});
