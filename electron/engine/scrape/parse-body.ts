// Picks the exposition parser for a scrape's Content-Type and streams its samples. A parse error
// throws (ExpositionError, with line and column) after the samples before it were delivered.
import { decodeExpositionBody, formatForContentType, parsePrometheusText } from '../../../shared/exposition';

export type SampleSink = (
  name: string,
  flatLabels: string[],
  value: number,
  timestampMs: number | null,
  line: number,
) => void;

export function forEachSample(body: Uint8Array, contentType: string | null, sink: SampleSink): void {
  // OpenMetrics gets its own parser in the exposition-formats issue; until then the scrape asks
  // for the text format only (see ACCEPT_HEADER), and anything else goes to the text parser,
  // as Prometheus does with content types it does not know.
  void formatForContentType(contentType);
  parsePrometheusText(decodeExpositionBody(body), { sample: sink });
}
