// A long fuzz run over the parsers that take outside input: the WebSocket frame decoder (hostile
// frames and round trips), the Api's request schemas, the PromQL parser and the exposition
// parsers in all four modes. Prints inputs tried per target, inputs/s, and every distinct
// finding with its input; exits 1 when there is one.
//   npx tsx bench/fuzz.bench.ts [--minutes 10] [--seconds N] [--seed N] [--out DIR]
// (`npm run bench fuzz` runs it for the default 10 minutes.)
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, runFuzz } from '../test/helpers/fuzz-run';

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

function number(name: string): number | null {
  const raw = arg(name);
  if (raw === null) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} wants a non-negative number, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

const durationMs = (number('seconds') ?? (number('minutes') ?? 10) * 60) * 1000;
const seed = number('seed') ?? undefined;
const outDir = arg('out') ?? join(tmpdir(), `promdesk-fuzz-${Date.now()}`);

console.log(`fuzzing for ${(durationMs / 60_000).toFixed(1)} min; whole inputs of findings go to ${outDir}`);
const report = runFuzz({
  durationMs,
  seed,
  outDir,
  progress: (r) =>
    console.log(
      `... ${(r.elapsedMs / 1000).toFixed(0)} s, ${r.targets.reduce((n, t) => n + t.runs, 0)} inputs, ${r.findings.length} finding(s)`,
    ),
});
console.log(formatReport(report));
process.exit(report.findings.length > 0 ? 1 : 0);
