// Runs a TypeScript module in a worker thread with workerData and waits for the one message it
// posts back, or gives up after timeoutMs and terminates the thread (a spinning loop included):
// a test of code that might hang fails instead of hanging the run.
import { Worker } from 'node:worker_threads';

export async function callInThread<T>(module: URL, data: unknown, timeoutMs: number): Promise<T | 'hung'> {
  // Node 20 does not apply tsx to a worker's entry: a bootstrap registers it first.
  const w = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`,
    { eval: true, workerData: data },
  );
  try {
    return await new Promise<T | 'hung'>((resolve, reject) => {
      const timer = setTimeout(() => resolve('hung'), timeoutMs);
      w.once('message', (m: T) => {
        clearTimeout(timer);
        resolve(m);
      });
      w.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  } finally {
    await w.terminate();
  }
}
