// The Preview pane's worker: parses, lints and diffs bodies off the UI thread, keeping the
// per-series history between fetches. Bundled to dist/renderer/preview-worker.js.
import { RpcPeer, withTransfer } from '../../shared/rpc/peer';
import { portChannel, type PostMessageTarget } from '../../shared/rpc/port-channel';
import { PreviewSession, type AnalyzeRequest } from './lib/preview-analyze';
import { ANALYZE } from './lib/preview-protocol';

interface WorkerScope extends PostMessageTarget {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const session = new PreviewSession();

const peer = new RpcPeer(portChannel(scope), {
  name: 'the Preview pane',
  handle: (method, params) => {
    if (method !== ANALYZE) throw new Error(`unknown preview worker call "${method}"`);
    const result = session.analyze(params[0] as AnalyzeRequest);
    return withTransfer(result, [result.lineStarts.buffer]);
  },
});
scope.onmessage = (e) => peer.receive(e.data);
