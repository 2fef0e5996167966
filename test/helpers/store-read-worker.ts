// Opens a chunk store file in a worker thread (see thread-call.ts), reads every series in full
// and posts back what it got, the damage it counted and what it logged.
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkStore } from '../../electron/engine/store/chunk-store';

export interface StoreRead {
  series: Record<string, { t: number[]; v: number[] }>;
  corrupt: number;
  logged: string[];
  error?: string;
}

const logged: string[] = [];
console.error = (...args: unknown[]) => logged.push(args.join(' '));
const out: StoreRead = { series: {}, corrupt: 0, logged };
try {
  const store = new ChunkStore(workerData as string);
  try {
    for (const s of store.select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity))
      out.series[JSON.stringify(s.labels)] = { t: Array.from(s.t), v: Array.from(s.v) };
    out.corrupt = store.damage.count;
  } finally {
    store.close();
  }
} catch (err) {
  out.error = (err as Error).message;
}
parentPort!.postMessage(out);
