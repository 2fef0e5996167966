// Picks the exposition parser for a scrape's Content-Type and streams its samples. A parse error
// throws (ExpositionError, with line and column) after the samples before it were delivered.
// Scrapes keep Prometheus 2.42's acceptance: no quoted UTF-8 names, and for OpenMetrics only what
// its OpenMetrics parser checks (not the spec's cross-line rules). Exemplars are dropped (the
// store has none); `_created` samples are ordinary series, as in 2.42.
import { decodeExpositionBody, formatForContentType, parseWith } from '../../../shared/exposition';
import type { MetadataSink } from '../metadata';

export type SampleSink = (
  name: string,
  flatLabels: string[],
  value: number,
  timestampMs: number | null,
  line: number,
) => void;

/** Turns a body into samples (forEachSample for exposition; JSON targets have their own). */
export type BodyParser = (
  body: Uint8Array,
  contentType: string | null,
  sink: SampleSink,
  meta?: MetadataSink,
) => void;

export function forEachSample(
  body: Uint8Array,
  contentType: string | null,
  sink: SampleSink,
  meta?: MetadataSink,
): void {
  parseWith(
    decodeExpositionBody(body),
    meta
      ? {
          sample: sink,
          type: (name, type) => meta.type(name, type),
          help: (name, text) => meta.help(name, text),
          unit: (name, unit) => meta.unit(name, unit),
        }
      : { sample: sink },
    { format: formatForContentType(contentType), utf8Names: false, strict: false },
  );
}
