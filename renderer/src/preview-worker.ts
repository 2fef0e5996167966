// The Preview pane's worker: parses, lints and diffs bodies off the UI thread, keeping the
// per-series history between fetches. Bundled to dist/renderer/preview-worker.js.
import { PreviewSession } from './lib/preview-analyze';
import type { AnalyzeMessage, AnalyzeReply } from './lib/preview-protocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<AnalyzeMessage>) => void) | null;
  postMessage(msg: AnalyzeReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const session = new PreviewSession();

scope.onmessage = (e) => {
  const { id, req } = e.data;
  try {
    const result = session.analyze(req);
    scope.postMessage({ id, ok: true, result }, [result.lineStarts.buffer]);
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
