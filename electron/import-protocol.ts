// The messages between a parallel import (import-parallel.ts) and its encoding thread
// (import-worker.ts), and the byte range a parse reads (import-range.ts).
import type { LabelSet } from '../shared/api';
import type { EncodedChunks } from './engine/store/bulk-writer';

/** Which bytes of which file a parse reads, and how. */
export interface RangeJob {
  file: string;
  /** Byte range [from, to), whole lines. */
  from: number;
  to: number;
  /** OpenMetrics ranges before the last one get a "# EOF" line of their own. */
  appendEof: boolean;
  contentType: string;
}

/** After the parse: the range's series (by local index) and the raw series texts naming them. */
export type ParseReply =
  | {
      kind: 'parsed';
      keys: string[];
      labels: LabelSet[];
      /** Each distinct series text as written (name and labels), and its series' local index. */
      raws: string[];
      rawSeries: number[];
    }
  /** A parse or import error: line-numbered (column for parse errors), or a bare message. */
  | { kind: 'error'; line?: number; column?: number; reason?: string; message?: string };

/** To the encoding thread, in order. */
export type EncodeRequest =
  /** A series' accepted samples (strictly increasing), and its tail after them. */
  | { kind: 'series'; key: string; t: Float64Array; v: Float64Array; lastT: number; lastV: number }
  /** Forget every series sent so far (the parse started over). */
  | { kind: 'restart' }
  /** No more series: reply with the chunks of all of them. */
  | { kind: 'end' };

/** From the encoding thread: its answer to 'end'. */
export interface EncodeReply {
  kind: 'encoded';
  enc: EncodedChunks;
}
