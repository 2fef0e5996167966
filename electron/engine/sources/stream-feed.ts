// What a tcp-stream connection does with its bytes, shared by the target's loop and the editor's
// test scrape: split length-delimited frames (bounded: an oversized length prefix throws before
// anything is buffered), decode each Event, fold it into a StreamAggregator. Plus the endpoint of
// a tcp:// URL and the error messages both show.
import type { TcpStreamOptions } from '../../../shared/api';
import { FrameSplitter } from './frame-splitter';
import { decodeEvent } from './tcp-event';
import { StreamAggregator } from './stream-aggregator';

export const MAX_FRAME_BYTES = 1 << 20;

export class StreamFeed {
  readonly agg: StreamAggregator;
  private readonly splitter = new FrameSplitter(MAX_FRAME_BYTES);
  /** Decoded events by kind (empty events are not counted). */
  readonly seen = { metadata: 0, metrics: 0 };

  constructor(opts: TcpStreamOptions | undefined) {
    this.agg = new StreamAggregator(opts);
  }

  /** Folds received bytes; throws FrameError or ProtobufError on data that is not an Event stream. */
  push(chunk: Uint8Array): void {
    this.splitter.push(chunk, (frame) => {
      const ev = decodeEvent(frame);
      if (ev.kind === 'metadata') this.seen.metadata++;
      else if (ev.kind === 'metric') this.seen.metrics++;
      this.agg.apply(ev);
    });
  }

  /** Drops a partial frame (a new connection starts at a frame boundary); series are kept. */
  resetFrames(): void {
    this.splitter.reset();
  }
}

/** host and port of a tcp://host:port URL (IPv6 brackets removed). */
export function streamEndpoint(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) };
}

export function badDataMessage(host: string, port: number, err: Error): string {
  return `bad data from ${host}:${port}: ${err.message}`;
}

export function socketErrorMessage(host: string, port: number, err: NodeJS.ErrnoException): string {
  return err.code === 'ECONNREFUSED'
    ? `connection refused by ${host}:${port}`
    : `${err.code ? err.code + ': ' : ''}${err.message}`;
}
