// The one call between the Preview pane and its worker (renderer/src/preview-worker.ts), over an
// RpcPeer (shared/rpc): analyze(req: AnalyzeRequest) → PreviewAnalysis, its lineStarts moved back.
export const ANALYZE = 'analyze';
