// Label-regex matching: ns per match for typical selectors with JavaScript's RegExp (what
// Promdesk used before), Promdesk's matcher (literal shapes, else re2js) and re2js alone; plus
// compile time and the catastrophic (a|a)+ case. The native `re2` binding and `re2-wasm` are
// measured too when RE2_EVAL_DIR names a folder whose node_modules has them (they are not
// dependencies: a native build per Electron ABI, and slower here per call).
//   node --import tsx bench/regex.bench.ts [--rounds 400]
//   RE2_EVAL_DIR=/tmp/re2eval node --import tsx bench/regex.bench.ts
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RE2JS } from 're2js';
import { compileRegex } from '../electron/engine/regex/re2';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '400' } } });
const ROUNDS = Number(args.rounds);

type Test = (s: string) => boolean;
type Engine = { name: string; compile: (p: string) => Test };

const anchored = (p: string) => `^(?s:${p})$`;
const engines: Engine[] = [
  {
    name: 'RegExp',
    compile: (p) => {
      const re = new RegExp(`^(?:${p.replace(/^\(\?i\)/, '')})$`, p.startsWith('(?i)') ? 'si' : 's');
      return (s) => re.test(s);
    },
  },
  { name: 'promdesk', compile: (p) => compileRegex(p).test },
  {
    name: 're2js',
    compile: (p) => {
      const re = RE2JS.compile(p, RE2JS.DOTALL);
      return (s) => re.testExact(s);
    },
  },
];
const evalDir = process.env.RE2_EVAL_DIR;
if (evalDir) {
  const req = createRequire(join(evalDir, 'x.js'));
  try {
    const RE2 = req('re2') as new (p: string, f: string) => { test(s: string): boolean };
    engines.push({
      name: 're2 native',
      compile: (p) =>
        (
          (re) => (s: string) =>
            re.test(s)
        )(new RE2(anchored(p), 'u')),
    });
  } catch (e) {
    console.log(`re2 native: not loaded (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    const { RE2 } = req('re2-wasm') as { RE2: new (p: string, f: string) => { test(s: string): boolean } };
    engines.push({
      name: 're2-wasm',
      compile: (p) =>
        (
          (re) => (s: string) =>
            re.test(s)
        )(new RE2(anchored(p), 'u')),
    });
  } catch (e) {
    console.log(`re2-wasm: not loaded (${(e as Error).message.split('\n')[0]})`);
  }
}

// Label values as selectors meet them: names, jobs, instances, paths, codes.
const words = [
  'api',
  'web',
  'node_exporter',
  'prometheus',
  'GET',
  'post',
  'http_requests_total',
  'error',
  'prod-eu-12',
  'staging',
  '/api/v1/query',
  '500',
  '200',
  'worker-17',
  'db-primary',
  'cache_hits_total',
];
const values = Array.from({ length: 256 }, (_, i) => words[i % words.length] + (i % 3 === 0 ? '' : `-${i}`));

const PATTERNS = [
  'api|web|db-primary',
  '(api|web|db-primary)',
  '.*',
  '.+',
  'node_.*',
  '.*_total',
  '.*err.*',
  '(?i)get|post',
  '(?i)prod.*',
  '5..',
  '/(a|b)',
  '[a-z]+-\\d+',
  'prod-(eu|us)-[0-9]+',
  '.*(hits|errors)_total',
];

/** CPU time per match (not wall time: other processes share the cores), best of five runs. */
function nsPerMatch(test: Test): number {
  let hits = 0;
  for (let r = 0; r < 50; r++) for (const v of values) if (test(v)) hits++;
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < ROUNDS; r++) for (const v of values) if (test(v)) hits++;
    const c = process.cpuUsage(c0);
    best = Math.min(best, ((c.user + c.system) * 1000) / (ROUNDS * values.length));
  }
  return hits < 0 ? -1 : best;
}

console.log(`ns per match, ${values.length} label values × ${ROUNDS} rounds (lower is better)`);
const table: Record<string, Record<string, string>> = {};
for (const p of PATTERNS) {
  table[p] = {};
  for (const e of engines) table[p][e.name] = nsPerMatch(e.compile(p)).toFixed(0);
}
console.table(table);

console.log('compile, µs of CPU per new pattern (promdesk caches compiled patterns; this is a miss)');
for (const e of engines) {
  const n = 500;
  for (let i = 0; i < n; i++) e.compile(`warm-${i}-[a-z]+|up.*-${i}`);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) e.compile(`job-${i}-[a-z]+|inst.*-${i}`);
  const c = process.cpuUsage(c0);
  console.log(`  ${e.name.padEnd(12)} ${((c.user + c.system) / n).toFixed(1)}`);
}

console.log('(a|a)+ against n a followed by !, ms');
for (const n of [16, 20, 22, 24]) {
  const test = engines[0].compile('(a|a)+');
  const t0 = performance.now();
  test(`${'a'.repeat(n)}!`);
  console.log(`  RegExp     n=${n}: ${(performance.now() - t0).toFixed(1)}`);
}
for (const e of engines.slice(1)) {
  for (const n of [32, 100_000]) {
    const test = e.compile('(a|a)+');
    const t0 = performance.now();
    test(`${'a'.repeat(n)}!`);
    console.log(`  ${e.name.padEnd(10)} n=${n}: ${(performance.now() - t0).toFixed(1)}`);
  }
}
