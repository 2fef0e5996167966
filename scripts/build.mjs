// Builds everything `promdesk` runs: the Node entries (CLI/serve, engine host, Electron main and
// preload) and the renderer bundle. Runs on `npm install` (prepare) and before tests.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const watch = process.argv.includes('--watch');
const started = Date.now();

// Files are overwritten in place (no clean first), so a test run reading dist/ never sees it half-empty.
await mkdir(join(out, 'renderer'), { recursive: true });

const node = {
  platform: 'node',
  target: 'node20',
  bundle: true,
  sourcemap: 'linked',
  // Dependencies stay in node_modules (native better-sqlite3 above all); our code is bundled.
  packages: 'external',
  logLevel: 'warning',
};

const [cli] = await Promise.all([
  // The CLI loads each command's modules when it runs (dynamic imports): split into chunks beside
  // it (shared with the import's worker threads) in dist/ (so import.meta.url-relative paths such as ./engine-worker.mjs hold in them).
  build({
    ...node,
    format: 'esm',
    splitting: true,
    entryPoints: {
      cli: join(root, 'electron/cli.ts'),
      'import-worker': join(root, 'electron/import-worker.ts'),
    },
    chunkNames: 'cli-[name]-[hash]',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    metafile: true,
  }),
  build({
    ...node,
    format: 'esm',
    entryPoints: {
      'engine-host': join(root, 'electron/engine-host.ts'),
      'engine-worker': join(root, 'electron/engine/engine-worker.ts'),
    },
    outdir: out,
    outExtension: { '.js': '.mjs' },
  }),
  build({
    ...node,
    format: 'cjs',
    entryPoints: { main: join(root, 'electron/main.ts') },
    outdir: out,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
  // Sandboxed preloads are CommonJS with only 'electron' to require: bundle everything else.
  build({
    ...node,
    packages: undefined,
    format: 'cjs',
    entryPoints: { preload: join(root, 'electron/preload.ts') },
    outdir: out,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
  build({
    platform: 'browser',
    target: ['chrome120'],
    bundle: true,
    minify: !watch,
    sourcemap: 'linked',
    format: 'iife',
    jsx: 'automatic',
    entryPoints: {
      app: join(root, 'renderer/src/main.tsx'),
      'preview-worker': join(root, 'renderer/src/preview-worker.ts'),
    },
    outdir: join(out, 'renderer'),
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
]);
await copyFile(join(root, 'renderer/index.html'), join(out, 'renderer/index.html'));
// Chunks of earlier builds (other hashes) go once the new ones are in place.
const chunks = new Set(Object.keys(cli.metafile.outputs).map((f) => basename(f)));
for (const f of await readdir(out))
  if (/^cli-.*\.mjs(\.map)?$/.test(f) && !chunks.has(f)) await rm(join(out, f), { force: true });
console.log(`built dist/ in ${Date.now() - started} ms`);
