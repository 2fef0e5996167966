// No import cycles in electron/, shared/ or renderer/src: a cycle makes two modules one unit that
// can only be loaded, tested and understood together (and, at run time, one of them sees the
// other half-initialised). Type-only imports count too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importCycles, importGraph } from '../../helpers/import-graph';
import { fileTree } from '../../helpers/file-tree';

const root = new URL('../../..', import.meta.url).pathname;

test('the sources have no import cycle', () => {
  const graph = importGraph(root, ['electron', 'shared', 'renderer/src']);
  assert.ok(graph.size > 200, `found only ${graph.size} source files`);
  const cycles = importCycles(graph).map((c) => c.join(' -> '));
  assert.deepEqual(cycles, [], `import cycles:\n  ${cycles.join('\n  ')}`);
});

test('a cycle through type-only imports, re-exports and index files is found and listed', () => {
  const dir = fileTree({
    'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
    'src/b.ts': "import type { C } from './lib';\nexport const b = 1 as unknown as C;\n",
    'src/lib/index.ts': "export * from './c.ts';\n",
    'src/lib/c.ts': "import { a } from '../a.js';\nexport type C = typeof a;\n",
    'src/d.ts': "import { a } from './a';\nimport { d } from './d';\nexport { a, d };\n",
    'src/e.ts':
      "import { readFileSync } from 'node:fs';\nimport x from 'zod';\nexport { readFileSync, x };\n",
  });
  try {
    const cycles = importCycles(importGraph(dir.path, ['src']));
    assert.deepEqual(cycles.map((c) => c.join(' -> ')).sort(), [
      'src/a.ts -> src/b.ts -> src/lib/index.ts -> src/lib/c.ts -> src/a.ts',
      'src/d.ts -> src/d.ts',
    ]);
  } finally {
    dir.remove();
  }
});
