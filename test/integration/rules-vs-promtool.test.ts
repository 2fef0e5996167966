// `promdesk test rules` and `promdesk check rules` beside Debian's promtool 2.42, both run live
// on the real suites in ../shared/rules: the same verdict per test file (and the same failing
// groups named), the same exit code per rule file. A test file that ../shared/rules also splits
// into one file per group is compared through its split files (the same verdicts, group by group,
// at a fraction of promtool's time); the whole files are the acceptance check's. Needs dist/
// (node scripts/build.mjs, which npm test runs first). Skipped when
// ../shared or promtool is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { which } from '../helpers/peers';

const SHARED = resolve(process.cwd(), '../shared/rules');
const BIN = join(process.cwd(), 'bin', 'promdesk.mjs');
const PARALLEL = 3;
/**
 * promtool needs some 70 s of CPU for the 61 groups of kubernetes-mixin's tests.yaml: every
 * fourth of its split files runs here; the acceptance check runs the whole file.
 */
const HEAVY = 'split/suites/kubernetes-mixin/tests/tests/';

const walk = (d: string): string[] =>
  readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
const text = (f: string) => readFileSync(f, 'utf8');
const isTest = (f: string) => /^\s*tests:/m.test(text(f)) && /input_series/.test(text(f));
const isRules = (f: string) => /^groups:/m.test(text(f));

/** Runs a command with stdout and stderr on one pipe, so their order is kept. */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', 'exec "$@" 2>&1', 'sh', cmd, ...args], { cwd });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, out }));
  });
}

/** Per file: failed or not, and the test groups named as failing ("    name: G,"). */
function verdicts(out: string): Map<string, { failed: boolean; names: string[] }> {
  const res = new Map<string, { failed: boolean; names: string[] }>();
  const parts = out.split(/^Unit Testing: {2}(.+)$/m);
  for (let i = 1; i < parts.length; i += 2) {
    const body = parts[i + 1];
    const names = [...body.matchAll(/^ {4}name: (.+?),\s*$/gm)].map((m) => m[1]);
    res.set(parts[i].trim(), { failed: /^ {2}FAILED:$/m.test(body), names: [...new Set(names)].sort() });
  }
  return res;
}

async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]);
      }
    }),
  );
  return out;
}

const promtool = which('promtool');
const skip = !existsSync(SHARED)
  ? '../shared/rules is absent'
  : !promtool
    ? 'Debian promtool is not installed (apt-get install prometheus)'
    : !existsSync(join(process.cwd(), 'dist', 'cli.mjs'))
      ? 'dist/ is not built (node scripts/build.mjs)'
      : false;

test(
  'promdesk test rules: promtool 2.42 verdicts and failing groups on every real suite',
  { skip, timeout: 300_000 },
  async () => {
    const all = walk(SHARED).filter((f) => /\.ya?ml$/.test(f) && isTest(f));
    const split = all.filter((f) => f.includes('/split/'));
    const splitWholes = new Set(split.map((f) => f.replace('/split/', '/').replace(/\/[^/]+$/, '')));
    const files = all
      .filter((f) => split.includes(f) || !splitWholes.has(f.replace(/\.ya?ml$/, '')))
      .map((f) => relative(SHARED, f))
      .filter((f, i) => !f.includes(HEAVY) || i % 4 === 0);
    assert.ok(files.length > 40, `found ${files.length} test files`);
    const chunks = Array.from({ length: PARALLEL * 2 }, (_, i) =>
      files.filter((_, j) => j % (PARALLEL * 2) === i),
    );
    const results = await pool(chunks, PARALLEL, async (chunk) => {
      const [theirs, ours] = await Promise.all([
        run(promtool!, ['test', 'rules', ...chunk], SHARED),
        run(process.execPath, [BIN, 'test', 'rules', ...chunk], SHARED),
      ]);
      return {
        chunk,
        theirs: verdicts(theirs.out),
        ours: verdicts(ours.out),
        codes: [theirs.code, ours.code],
      };
    });
    const diffs: string[] = [];
    let failing = 0;
    for (const r of results) {
      assert.equal(r.codes[1], r.codes[0], `exit code on ${r.chunk.join(' ')}`);
      for (const f of r.chunk) {
        const t = r.theirs.get(f);
        const o = r.ours.get(f);
        assert.ok(t && o, `both ran ${f}`);
        if (t.failed) failing++;
        if (t.failed !== o.failed)
          diffs.push(
            `${f}: promtool ${t.failed ? 'fails' : 'passes'}, promdesk ${o.failed ? 'fails' : 'passes'}`,
          );
        const missing = t.names.filter((n) => !o.names.includes(n));
        if (missing.length > 0) diffs.push(`${f}: failing groups not named: ${missing.join(' | ')}`);
      }
    }
    assert.deepEqual(diffs, []);
    assert.ok(
      failing >= 10,
      `promtool 2.42 fails ${failing} of them (suites written for Prometheus 3 among them)`,
    );
  },
);

test(
  'promdesk check rules: promtool 2.42 exit codes and output on every real rule file',
  { skip, timeout: 120_000 },
  async () => {
    const files = walk(join(SHARED, 'suites'))
      .filter((f) => /\.ya?ml$/.test(f) && isRules(f))
      .map((f) => relative(SHARED, f));
    assert.ok(files.length > 10);
    const results = await pool(files, PARALLEL, async (f) => {
      const [theirs, ours] = await Promise.all([
        run(promtool!, ['check', 'rules', f], SHARED),
        run(process.execPath, [BIN, 'check', 'rules', f], SHARED),
      ]);
      return { f, theirs, ours };
    });
    for (const { f, theirs, ours } of results) {
      assert.equal(ours.code, theirs.code, `exit code of check rules ${f}`);
      // The same text, errors and the duplicate-rules lint included (line order across the two
      // streams aside).
      assert.deepEqual(ours.out.split('\n').sort(), theirs.out.split('\n').sort(), f);
    }
    assert.ok(
      results.some((r) => r.theirs.code === 1) && results.some((r) => /duplicate rule/.test(r.theirs.out)),
    );
  },
);
