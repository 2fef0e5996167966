// Decodes stored chunks in a worker thread of its own, so a decoder that never returns fails a
// test on a timeout (the thread is terminated) instead of hanging the whole run.
import { Worker } from 'node:worker_threads';

export type DecodeOutcome =
  | { kind: 'decoded'; n: number; t: Float64Array; v: Float64Array; ms: number }
  | { kind: 'rejected'; message: string; ms: number }
  | { kind: 'crashed'; message: string; ms: number }
  | { kind: 'hung'; ms: number };

export class DecodeThread {
  private worker: Worker | null = null;

  /** A started worker, once it has loaded the decoder (that may take seconds on a busy machine). */
  private async started(): Promise<Worker> {
    if (this.worker) return this.worker;
    // Node 20 does not apply tsx to a worker's entry: a bootstrap registers it first.
    const url = new URL('./chunk-decode-worker.ts', import.meta.url).href;
    const w = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
      { eval: true },
    );
    await new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    this.worker = w;
    return w;
  }

  /** decodeChunk(blob) in the thread; 'hung' when it has not answered within timeoutMs. */
  async decode(blob: Uint8Array, timeoutMs: number, requireChecksum = false): Promise<DecodeOutcome> {
    const w = await this.started();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
      };
      const timer = setTimeout(() => {
        done();
        this.worker = null;
        void w.terminate();
        resolve({ kind: 'hung', ms: timeoutMs });
      }, timeoutMs);
      const onMessage = (m: DecodeOutcome) => {
        done();
        resolve(m);
      };
      const onError = (err: Error) => {
        done();
        this.worker = null;
        reject(err);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage({ blob, requireChecksum });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
