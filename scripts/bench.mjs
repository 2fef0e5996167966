// `npm run bench`: runs every benchmark under bench/ in turn (TypeScript through tsx); each
// prints its own figures, with peers side by side where they are installed. The soak runs
// (10-minute fuzz, 50 kill -9 rounds, disk-full cycles on a tmpfs) run only when named:
// `npm run bench fuzz`. After the others, the steady-state run: every server at once against 50
// targets x 1000 series at 1 s, measured after 5 minutes of warm-up, when chunks close and
// checkpoints run (`npm run bench steady` runs only that one).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];
const STEADY = ['ingest.bench.ts', '--together', '--warmup', '300', '--seconds', '240'];
const SOAK = new Set(['fuzz.bench.ts', 'crash-rounds.bench.ts', 'disk-full.bench.ts']);
const files =
  only === 'steady'
    ? [STEADY]
    : readdirSync(join(root, 'bench'))
        .filter((f) => /\.bench\.(ts|mjs)$/.test(f) && (only ? f.includes(only) : !SOAK.has(f)))
        .sort()
        .map((f) => [f]);
if (!only) files.push(STEADY);
let failed = 0;
for (const [f, ...args] of files) {
  console.log(`\n=== ${[f, ...args].join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', f), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
