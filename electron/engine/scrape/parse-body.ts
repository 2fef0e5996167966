// Picks the exposition parser for a scrape's Content-Type and streams its samples. A parse error
// throws (ExpositionError, with line and column) after the samples before it were delivered.
// Scrapes keep Prometheus 2.42's acceptance: no quoted UTF-8 names, and for OpenMetrics only what
// its OpenMetrics parser checks (not the spec's cross-line rules). Exemplars are dropped (the
// store has none); `_created` samples are ordinary series, as in 2.42.
import {
  decodeExpositionBody,
  formatForContentType,
  parseWith,
  type ExpositionVisitor,
} from '../../../shared/exposition';
import type { MetadataSink } from '../metadata';

export type SampleSink = (
  name: string,
  flatLabels: string[],
  value: number,
  timestampMs: number | null,
  line: number,
  /** The series as written; given by parsers that support a KnownSeries fast path. */
  seriesText?: string,
) => void;

/**
 * The scrape cache's fast path (see ExpositionVisitor.known): series texts seen before skip
 * label parsing and arrive at `knownSample` with what `known` answered for them.
 */
export interface KnownSeries {
  known(hash: number, src: string, start: number, end: number): unknown;
  knownSample(ref: unknown, value: number, timestampMs: number | null, line: number): void;
}

/** Turns a body into samples (forEachSample for exposition; JSON targets have their own). */
export type BodyParser = (
  body: Uint8Array,
  contentType: string | null,
  sink: SampleSink,
  meta?: MetadataSink,
  known?: KnownSeries,
) => void;

export function forEachSample(
  body: Uint8Array,
  contentType: string | null,
  sink: SampleSink,
  meta?: MetadataSink,
  known?: KnownSeries,
): void {
  const visitor: ExpositionVisitor = { sample: sink };
  if (meta) {
    visitor.type = (name, type) => meta.type(name, type);
    visitor.help = (name, text) => meta.help(name, text);
    visitor.unit = (name, unit) => meta.unit(name, unit);
  }
  if (known) {
    visitor.known = (hash, src, start, end) => known.known(hash, src, start, end);
    visitor.knownSample = (ref, value, ts, line) => known.knownSample(ref, value, ts, line);
  }
  parseWith(decodeExpositionBody(body), visitor, {
    format: formatForContentType(contentType),
    utf8Names: false,
    strict: false,
  });
}
