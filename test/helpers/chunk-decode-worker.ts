// The thread behind DecodeThread (chunk-decode-thread.ts): decodes each blob it is sent.
import { parentPort } from 'node:worker_threads';
import { decodeChunk } from '../../electron/engine/store/chunk-codec/chunk';
import { ChunkDecodeError } from '../../electron/engine/store/chunk-codec/decode-error';

parentPort!.on('message', ({ blob, requireChecksum }: { blob: Uint8Array; requireChecksum: boolean }) => {
  const start = performance.now();
  try {
    const c = decodeChunk(blob, requireChecksum);
    parentPort!.postMessage({ kind: 'decoded', n: c.n, t: c.t, v: c.v, ms: performance.now() - start });
  } catch (err) {
    const e = err as Error;
    const kind = e instanceof ChunkDecodeError ? 'rejected' : 'crashed';
    parentPort!.postMessage({ kind, message: `${e.name}: ${e.message}`, ms: performance.now() - start });
  }
});

parentPort!.postMessage('ready');
