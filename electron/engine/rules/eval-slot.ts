// When a group evaluates, as Prometheus 2.42's Group.EvalTimestamp: every group ticks on the
// multiples of its interval shifted by an offset taken from a hash of its name and file, so
// groups spread over the interval and a restart keeps the same slots.
import { xxhash64 } from './xxhash64';

const SEP = 0xff;

/** labels.Labels{file, name}.Hash(): xxhash64 of "file\xff<file>\xffname\xff<name>\xff". */
export function groupHash(file: string, name: string): bigint {
  const parts: number[] = [];
  const push = (s: string) => {
    parts.push(...Buffer.from(s, 'utf8'));
    parts.push(SEP);
  };
  push('file');
  push(file);
  push('name');
  push(name);
  return xxhash64(Uint8Array.from(parts));
}

/** The slot at or just before `nowMs` (ms, as samples are stamped: Go's ns time truncated). */
export function evalTimestamp(nowMs: number, intervalMs: number, hash: bigint): number {
  const interval = BigInt(intervalMs) * 1_000_000n;
  const offset = hash % interval;
  const adjNow = BigInt(nowMs) * 1_000_000n - offset;
  let base = adjNow - (adjNow % interval);
  if (adjNow < 0n && adjNow % interval !== 0n) base -= interval;
  return Number((base + offset) / 1_000_000n);
}
