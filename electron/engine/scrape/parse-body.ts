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
  type MetaBlocks,
} from '../../../shared/exposition';
import type { MetadataSink } from '../metadata';

export type SampleSink = (
  name: string,
  flatLabels: string[],
  value: number,
  timestampMs: number | null,
  line: number,
  /** The series as written (on one line); given by parsers with a KnownSeries fast path. */
  seriesText?: string,
) => void;

/**
 * The scrape cache's fast path (see ExpositionVisitor.known): a line that starts with the
 * series text the cache expects there skips label parsing and arrives at `knownSample`.
 */
export interface KnownSeries {
  known(src: string, start: number): number;
  knownSample(value: number, timestampMs: number | null, line: number): void;
  /** The target's runs of HELP / TYPE lines from its last body (ExpositionVisitor.metaBlocks). */
  metaBlocks?: MetaBlocks;
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
    visitor.known = (src, start) => known.known(src, start);
    visitor.knownSample = (value, ts, line) => known.knownSample(value, ts, line);
    visitor.metaBlocks = known.metaBlocks;
  }
  parseWith(decodeExpositionBody(body), visitor, {
    format: formatForContentType(contentType),
    utf8Names: false,
    strict: false,
  });
}
