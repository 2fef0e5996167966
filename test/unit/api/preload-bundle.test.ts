// The sandboxed preload derives its bridge from shared/api.ts's method list; bundled, it must
// stay free of zod and of every other package (it can only require 'electron').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { API_METHODS } from '../../../shared/api';

test('the preload bundle holds only the preload and shared/api.ts, and names every Api method', async () => {
  const r = await build({
    entryPoints: ['electron/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(Object.keys(r.metafile.inputs).sort(), ['electron/preload.ts', 'shared/api.ts']);
  const text = r.outputFiles[0].text;
  for (const m of API_METHODS) assert.ok(text.includes(m), `${m} is in the preload's method list`);
  assert.ok(text.length < 10_000, `${text.length} bytes`);
});
