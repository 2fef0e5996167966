// The convenient, allocating form of the parsers: everything in one result, for the Preview pane,
// tests and tools. The scrape hot path uses the visitor directly.
import { parseOpenMetrics } from './openmetrics-parser';
import { parsePrometheusText } from './prometheus-text-parser';
import type {
  ExpositionFormat,
  ExpositionVisitor,
  FamilyMeta,
  OpenMetricsOptions,
  ParsedExposition,
  ParsedSample,
} from './types';

export interface ParseExpositionOptions extends OpenMetricsOptions {
  /** Default 'prometheus-text'. `strict` applies to OpenMetrics only. */
  format?: ExpositionFormat;
}

/** Streams `body` to `visitor` with the parser for `format` (default: the text format). */
export function parseWith(
  body: string,
  visitor: ExpositionVisitor,
  options: ParseExpositionOptions = {},
): void {
  if (options.format === 'openmetrics') parseOpenMetrics(body, visitor, options);
  else parsePrometheusText(body, visitor, options);
}

export function parseExposition(body: string, options: ParseExpositionOptions = {}): ParsedExposition {
  const byName = new Map<string, FamilyMeta>();
  const families: FamilyMeta[] = [];
  const samples: ParsedSample[] = [];
  const family = (name: string): FamilyMeta => {
    let f = byName.get(name);
    if (f === undefined) {
      f = { name, type: null, help: null, typeLine: null, helpLine: null, unit: null, unitLine: null };
      byName.set(name, f);
      families.push(f);
    }
    return f;
  };
  parseWith(
    body,
    {
      sample(name, labels, value, timestampMs, line) {
        samples.push({ name, labels, value, timestampMs, line });
      },
      exemplar(labels, value, timestampMs) {
        samples[samples.length - 1].exemplar = { labels, value, timestampMs };
      },
      help(name, text, line) {
        const f = family(name);
        f.help = text;
        f.helpLine = line;
      },
      type(name, type, line) {
        const f = family(name);
        f.type = type;
        f.typeLine = line;
      },
      unit(name, unit, line) {
        const f = family(name);
        f.unit = unit;
        f.unitLine = line;
      },
    },
    options,
  );
  return { families, samples };
}
