// Messages between the Preview pane and its worker (renderer/src/preview-worker.ts).
import type { AnalyzeRequest, PreviewAnalysis } from './preview-analyze';

export interface AnalyzeMessage {
  id: number;
  req: AnalyzeRequest;
}

export type AnalyzeReply =
  { id: number; ok: true; result: PreviewAnalysis } | { id: number; ok: false; error: string };
