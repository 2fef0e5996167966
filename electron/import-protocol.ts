// The messages between a parallel import (import-parallel.ts) and its worker threads
// (import-worker.ts). Line numbers in replies count from the start of the worker's range.
import type { LabelSet } from '../shared/api';
import type { EncodedChunks, ImportCounts } from './engine/store/bulk-writer';

/** The worker's workerData: which bytes of which file, and how to parse them. */
export interface RangeJob {
  file: string;
  /** Byte range [from, to), whole lines. */
  from: number;
  to: number;
  /** OpenMetrics ranges before the last one get a "# EOF" line of their own. */
  appendEof: boolean;
  contentType: string;
  /** The text format: a range holding a NUL byte is left to the single-thread import. */
  checkNul: boolean;
}

/** After the parse: the range's series (by local index) and the raw series texts naming them. */
export type ParseReply =
  | {
      kind: 'parsed';
      /** Lines in the range. */
      lines: number;
      keys: string[];
      labels: LabelSet[];
      /** Each distinct series text as written (name and labels), and its series' local index. */
      raws: string[];
      rawSeries: number[];
    }
  /** A parse or import error: line-numbered (column for parse errors), or a bare message. */
  | { kind: 'error'; lines: number; line?: number; column?: number; reason?: string; message?: string }
  | { kind: 'fallback'; lines: number };

/** The main thread's answer: the tails of series an earlier file had, and which columns it takes. */
export interface FinishRequest {
  /** [local index, lastT, lastV] */
  tails: [number, number, number][];
  /** Series the main thread appends itself (in other ranges too, or held by the store before). */
  send: number[];
}

export interface RawColumns {
  idx: number;
  t: Float64Array;
  v: Float64Array;
  n: number;
}

export type WorkerMessage =
  | ParseReply
  | { kind: 'raw'; raw: RawColumns[] }
  | { kind: 'encoded'; enc: EncodedChunks; counts: ImportCounts };
