// Runs analyses off the UI thread in the preview worker; falls back to running them inline if
// the worker cannot start (the pane still works, only less smoothly on huge bodies).
import { PreviewSession, type AnalyzeRequest, type PreviewAnalysis } from './preview-analyze';
import type { AnalyzeMessage, AnalyzeReply } from './preview-protocol';

export interface Analyzer {
  analyze(req: AnalyzeRequest): Promise<PreviewAnalysis>;
  dispose(): void;
}

interface Pending {
  req: AnalyzeRequest;
  resolve: (r: PreviewAnalysis) => void;
  reject: (e: Error) => void;
}

export function createAnalyzer(workerUrl = 'preview-worker.js'): Analyzer {
  let worker: Worker | null = null;
  let inline: PreviewSession | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const runInline = (p: Pending) => {
    inline ??= new PreviewSession();
    try {
      p.resolve(inline.analyze(p.req));
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const fallBack = () => {
    worker?.terminate();
    worker = null;
    inline ??= new PreviewSession();
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) runInline({ ...p, req: { ...p.req, reset: true } });
  };

  try {
    worker = new Worker(workerUrl);
    worker.onmessage = (e: MessageEvent<AnalyzeReply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fallBack();
    };
  } catch {
    worker = null;
  }

  return {
    analyze(req) {
      return new Promise<PreviewAnalysis>((resolve, reject) => {
        const p = { req, resolve, reject };
        if (!worker) return runInline(p);
        const id = nextId++;
        pending.set(id, p);
        const msg: AnalyzeMessage = { id, req };
        worker.postMessage(msg);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('analyzer disposed'));
      pending.clear();
    },
  };
}
