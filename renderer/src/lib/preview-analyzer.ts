// Runs analyses off the UI thread in the preview worker (calls over an RpcPeer, shared/rpc);
// falls back to running them inline if the worker cannot start or fails (the pane still works,
// only less smoothly on huge bodies).
import { RpcClosedError } from '../../../shared/rpc/errors';
import { RpcPeer } from '../../../shared/rpc/peer';
import { portChannel } from '../../../shared/rpc/port-channel';
import { PreviewSession, type AnalyzeRequest, type PreviewAnalysis } from './preview-analyze';
import { ANALYZE } from './preview-protocol';

export interface Analyzer {
  analyze(req: AnalyzeRequest): Promise<PreviewAnalysis>;
  dispose(): void;
}

export function createAnalyzer(workerUrl = 'preview-worker.js'): Analyzer {
  let worker: Worker | null = null;
  let peer: RpcPeer | null = null;
  let inline: PreviewSession | null = null;
  let disposed = false;

  const runInline = (req: AnalyzeRequest): PreviewAnalysis => {
    inline ??= new PreviewSession();
    return inline.analyze(req);
  };
  // The worker's history of series is lost with it: calls it took are run again from scratch.
  const fallBack = () => {
    worker?.terminate();
    worker = null;
    inline ??= new PreviewSession();
    peer?.close('the preview worker failed');
  };

  try {
    const w = new Worker(workerUrl);
    const p = new RpcPeer(portChannel(w), { name: 'the preview worker' });
    w.onmessage = (e: MessageEvent<unknown>) => p.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      fallBack();
    };
    worker = w;
    peer = p;
  } catch {
    worker = null;
  }

  return {
    async analyze(req) {
      if (!worker || !peer) return runInline(req);
      try {
        return await peer.call<PreviewAnalysis>(ANALYZE, [req]);
      } catch (err) {
        if (err instanceof RpcClosedError && !disposed) return runInline({ ...req, reset: true });
        throw err;
      }
    },
    dispose() {
      disposed = true;
      worker?.terminate();
      worker = null;
      peer?.close('analyzer disposed');
    },
  };
}
