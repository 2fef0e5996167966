// The body → samples step of a JSON target: parses the JSON, applies its mapping and streams
// the samples like the exposition parser does (so ingest, staleness, labels and test scrapes
// work unchanged). A malformed body or a path matching nothing throws a JsonMappingError.
import type { JsonMapping } from '../../../shared/json-mapping/json-mapping';
import { mapJson, parseJsonBody } from '../../../shared/json-mapping/json-mapping';
import type { MetadataSink } from '../metadata';
import type { BodyParser, SampleSink } from '../scrape/parse-body';

export const JSON_ACCEPT_HEADER = 'application/json;q=0.9,*/*;q=0.1';

export function jsonBodyParser(mapping: JsonMapping): BodyParser {
  return (body: Uint8Array, _contentType: string | null, sink: SampleSink, meta?: MetadataSink) => {
    const doc = parseJsonBody(new TextDecoder('utf-8').decode(body));
    const { samples, families } = mapJson(doc, mapping);
    for (const f of families) {
      meta?.type(f.name, f.type);
      if (f.help) meta?.help(f.name, f.help);
    }
    for (const s of samples) sink(s.name, s.labels, s.value, null, 0);
  };
}
