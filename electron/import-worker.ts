// An import worker thread: runs one RangeImport (import-range.ts) for import-parallel.ts, its
// replies posted with their typed arrays' buffers moved, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { RangeImport } from './import-range';
import type { FinishRequest, RangeJob, WorkerMessage } from './import-protocol';

const port = parentPort!;
const range = new RangeImport(workerData as RangeJob);

/** The buffers under typed arrays, moved to the other thread rather than copied. */
function buffers(...arrays: ArrayBufferView[]): ArrayBuffer[] {
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

port.once('message', (req: FinishRequest) => {
  const { raw, enc, counts } = range.finish(req);
  port.postMessage(
    { kind: 'raw', raw } satisfies WorkerMessage,
    raw.flatMap((c) => buffers(c.t, c.v)),
  );
  port.postMessage(
    { kind: 'encoded', enc, counts } satisfies WorkerMessage,
    buffers(enc.minT, enc.maxT, enc.ends, enc.bytes),
  );
});
port.postMessage(range.parse() satisfies WorkerMessage);
