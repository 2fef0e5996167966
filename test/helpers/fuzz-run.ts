// A time-boxed fuzz run over the parsers that take outside input: the WebSocket frame decoder,
// the Api's request schemas, the PromQL parser, the remote_write body decoders (snappy,
// protobuf) and both exposition parsers. Each target gets equal slices of the time, round and
// round; an input fails when it throws anything but the parser's own error, or takes longer
// than a bound linear in its size three times in a row (so a GC pause or a busy machine is not
// a finding). bench/fuzz.bench.ts runs it for minutes; a unit test runs it for seconds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeFrame, encodeFrame, FrameError } from '../../shared/wire';
import { apiParamSchemas, apiRequestMessageSchema } from '../../shared/api-schemas';
import { parseExpr } from '../../electron/engine/query/parser';
import { PromQLParseError } from '../../electron/engine/query/errors';
import { judge as judgeExposition, MODES, mutated, randomBody } from './exposition-fuzz';
import { hostileFrame, validFrame, wireMessage } from './wire-fuzz';
import { apiCall } from './rpc-fuzz';
import { promqlInput, promqlPathological } from './promql-fuzz';
import { snappyInput, writeRequestInput } from './remote-write-fuzz';
import { SnappyError } from '../../electron/engine/remote-write/snappy';
import { decodeWriteRequest, snappyDecode } from './remote-write-decode';
import { ProtoError } from '../../electron/engine/remote-write/proto-reader';

interface Target<T> {
  name: string;
  input: fc.Arbitrary<T>;
  /** Size for the time bound (bytes, characters). */
  size: (x: T) => number;
  /** Runs one input; throws on a finding. */
  check: (x: T) => void;
  /** ms allowed for an input of `size`. */
  boundMs: (size: number) => number;
}

export interface Finding {
  target: string;
  kind: 'crash' | 'slow';
  error: string;
  /** The input, JSON-encoded (a Uint8Array as an array of bytes), clipped to 300 characters. */
  repro: string;
  size: number;
  /** Where the whole input was written, when there is a place for it. */
  file: string | null;
}

export interface TargetStats {
  name: string;
  runs: number;
  ms: number;
  /** Largest µs per size unit (byte, character) among inputs of 256 units or more. */
  maxUsPerUnit: number;
}

export interface FuzzReport {
  seed: number;
  /** CPU time spent (ms), as every figure here. */
  elapsedMs: number;
  targets: TargetStats[];
  findings: Finding[];
}

const expectOnly =
  (cls: new (...args: never[]) => Error, what: string) =>
  (e: unknown): void => {
    if (!(e instanceof cls)) {
      const err = e instanceof Error ? e : new Error(String(e));
      throw new Error(`${what} threw ${err.constructor.name}: ${err.message.split('\n')[0]}`, { cause: e });
    }
  };

function checkPromQL(q: string): void {
  try {
    parseExpr(q);
  } catch (e) {
    expectOnly(PromQLParseError, 'parseExpr')(e);
  }
}

const TARGETS: Target<never>[] = [
  {
    name: 'frame decoder (hostile frames)',
    input: fc.oneof(hostileFrame, validFrame),
    size: (f: Uint8Array) => f.length,
    check: (f: Uint8Array) => {
      try {
        decodeFrame(f);
      } catch (e) {
        expectOnly(FrameError, 'decodeFrame')(e);
      }
    },
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<Uint8Array>,
  {
    name: 'frame round trip',
    input: wireMessage,
    size: (m: unknown) => JSON.stringify(m)?.length ?? 0,
    check: (m: unknown) => {
      const back = decodeFrame(encodeFrame({ m }));
      const a = JSON.stringify({ m }, canonical);
      const b = JSON.stringify(back, canonical);
      if (a !== b) throw new Error(`round trip changed the message: ${clip(b)}`);
    },
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<unknown>,
  {
    name: 'Api request schemas',
    input: apiCall,
    size: (c: { params: unknown }) => JSON.stringify(c.params)?.length ?? 0,
    check: (c: { method: string; params: unknown }) => {
      const msg = apiRequestMessageSchema.safeParse({
        kind: 'request',
        id: 1,
        method: c.method,
        params: c.params,
      });
      if (msg.success) apiParamSchemas[msg.data.method].safeParse(msg.data.params);
    },
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<{ method: string; params: unknown }>,
  {
    name: 'PromQL parser',
    input: promqlInput,
    size: (q: string) => q.length,
    check: checkPromQL,
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<string>,
  {
    name: 'PromQL parser (pathological shapes)',
    input: promqlPathological,
    size: (q: string) => q.length,
    check: checkPromQL,
    boundMs: (n) => 100 + n / 50,
  } satisfies Target<string>,
  {
    name: 'remote_write snappy block decoder',
    input: snappyInput,
    size: (b: Uint8Array) => b.length,
    check: (b: Uint8Array) => {
      try {
        snappyDecode(b, 1 << 20);
      } catch (e) {
        expectOnly(SnappyError, 'snappyDecode')(e);
      }
    },
    // Output may be up to the 1 MiB limit whatever the input's size.
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<Uint8Array>,
  {
    name: 'remote_write WriteRequest reader',
    input: writeRequestInput,
    size: (b: Uint8Array) => b.length,
    check: (b: Uint8Array) => {
      try {
        decodeWriteRequest(b);
      } catch (e) {
        expectOnly(ProtoError, 'decodeWriteRequest')(e);
      }
    },
    boundMs: (n) => 50 + n / 200,
  } satisfies Target<Uint8Array>,
  ...MODES.map(
    ([mode, options]) =>
      ({
        name: `exposition parser (${mode})`,
        input: fc.oneof(randomBody, mutated),
        size: (b: string) => b.length,
        check: (b: string) => {
          judgeExposition(b, options);
        },
        boundMs: (n) => 50 + n / 200,
      }) satisfies Target<string>,
  ),
] as unknown as Target<never>[];

/**
 * This process's CPU time in ms: budgets and per-input bounds count the work done, not the wall
 * clock, so a machine busy with other processes neither starves a target of runs nor makes an
 * input look slow.
 */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface FuzzOptions {
  /** CPU time to spend (ms). */
  durationMs: number;
  seed?: number;
  /** Where whole repro inputs are written; none when null. */
  outDir?: string | null;
  /** Called after each round with the report so far. */
  progress?: (r: FuzzReport) => void;
  progressEveryMs?: number;
}

export function runFuzz(opts: FuzzOptions): FuzzReport {
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const report: FuzzReport = {
    seed,
    elapsedMs: 0,
    targets: TARGETS.map((t) => ({ name: t.name, runs: 0, ms: 0, maxUsPerUnit: 0 })),
    findings: [],
  };
  const seen = new Set<string>();
  const t0 = cpuNow();
  let lastProgress = t0;
  let turn = 0;
  // Every target gets the same share of the time, in slices, whatever its inputs cost.
  const sliceMs = Math.min(500, opts.durationMs / TARGETS.length / 4);
  if (opts.outDir) mkdirSync(opts.outDir, { recursive: true });
  while (cpuNow() - t0 < opts.durationMs) {
    for (let i = 0; i < TARGETS.length && cpuNow() - t0 < opts.durationMs; i++) {
      const target = TARGETS[i];
      const stats = report.targets[i];
      const start = cpuNow();
      for (let b = 0; cpuNow() - start < sliceMs; b++) {
        const inputs = fc.sample(target.input, { numRuns: 20, seed: seed + (turn * 1000 + b) * 31 + i });
        for (const x of inputs) {
          const finding = runOne(target, x as never, stats);
          stats.runs++;
          if (!finding) continue;
          const key = `${target.name}|${finding.kind}|${finding.error.replace(/\d+/g, 'N')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (opts.outDir) {
            finding.file = join(opts.outDir, `finding-${report.findings.length + 1}.json`);
            writeFileSync(finding.file, JSON.stringify(encodeInput(x)));
          }
          report.findings.push(finding);
        }
      }
      stats.ms += cpuNow() - start;
    }
    turn++;
    report.elapsedMs = cpuNow() - t0;
    if (opts.progress && cpuNow() - lastProgress >= (opts.progressEveryMs ?? 30_000)) {
      lastProgress = cpuNow();
      opts.progress(report);
    }
  }
  report.elapsedMs = cpuNow() - t0;
  return report;
}

function runOne<T>(target: Target<T>, x: T, stats: TargetStats): Finding | null {
  const size = target.size(x);
  const attempt = (): { ms: number; error: unknown } => {
    const s = cpuNow();
    try {
      target.check(x);
      return { ms: cpuNow() - s, error: null };
    } catch (e) {
      return { ms: cpuNow() - s, error: e };
    }
  };
  let r = attempt();
  // A GC pause or a busy machine is not a finding: slow only when three runs in a row are.
  for (let k = 0; k < 2 && r.error === null && r.ms > target.boundMs(size); k++) r = attempt();
  if (size >= 256) stats.maxUsPerUnit = Math.max(stats.maxUsPerUnit, (r.ms * 1000) / size);
  const finding = (kind: Finding['kind'], error: string): Finding => ({
    target: target.name,
    kind,
    error,
    repro: clip(JSON.stringify(encodeInput(x))),
    size,
    file: null,
  });
  if (r.error !== null) {
    const e = r.error;
    return finding('crash', e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  if (r.ms > target.boundMs(size)) {
    return finding(
      'slow',
      `${r.ms.toFixed(0)} ms for size ${size} (bound ${target.boundMs(size).toFixed(0)} ms)`,
    );
  }
  return null;
}

function encodeInput(x: unknown): unknown {
  return x instanceof Uint8Array ? { bytes: Array.from(x) } : x;
}

/** JSON of a decoded message that tells NaN, ±Infinity, -0 and Float64Array contents apart. */
function canonical(_k: string, v: unknown): unknown {
  if (v instanceof Float64Array) return { f64: Array.from(v, (d) => (Object.is(d, -0) ? '-0' : String(d))) };
  if (typeof v === 'number' && !Number.isFinite(v)) return `num:${v}`;
  return v;
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}

/** A plain-text summary: one line per target, then each finding with its repro. */
export function formatReport(r: FuzzReport): string {
  const lines = [`fuzz seed ${r.seed}, ${(r.elapsedMs / 1000).toFixed(1)} CPU-s`];
  let total = 0;
  for (const t of r.targets) {
    total += t.runs;
    const rate = t.ms > 0 ? (t.runs * 1000) / t.ms : 0;
    lines.push(
      `  ${t.name.padEnd(44)} ${String(t.runs).padStart(9)} inputs  ${rate.toFixed(0).padStart(7)} inputs/s  slowest ${t.maxUsPerUnit.toFixed(2)} µs/unit`,
    );
  }
  lines.push(
    `  ${'all'.padEnd(44)} ${String(total).padStart(9)} inputs  ${((total * 1000) / r.elapsedMs).toFixed(0).padStart(7)} inputs/s`,
  );
  lines.push(`${r.findings.length} finding(s)`);
  for (const f of r.findings) {
    lines.push(`  [${f.kind}] ${f.target}: ${f.error}`);
    lines.push(`      input (${f.size}): ${f.repro}${f.file ? `\n      whole input: ${f.file}` : ''}`);
  }
  return lines.join('\n');
}
