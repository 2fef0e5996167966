// The encoding thread of a parallel import (import-parallel.ts): encodes each series as it
// arrives, while the main thread parses on; at 'end' it posts all the chunks, their buffers moved,
// not copied.
import { parentPort } from 'node:worker_threads';
import { ChunkPacker } from './import-encode';
import type { EncodeReply, EncodeRequest } from './import-protocol';

const port = parentPort!;
const packer = new ChunkPacker();

port.on('message', (req: EncodeRequest) => {
  if (req.kind === 'series') packer.add(req.key, req.t, req.v, req.t.length, req.lastT, req.lastV);
  else if (req.kind === 'restart') packer.take();
  else {
    const enc = packer.take();
    const moved = [enc.minT, enc.maxT, enc.ends, enc.bytes].map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ kind: 'encoded', enc } satisfies EncodeReply, moved);
  }
});
