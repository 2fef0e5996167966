// The convenient, allocating form of the parser: everything in one result, for the Preview pane,
// tests and tools. The scrape hot path uses the visitor directly.
import { parsePrometheusText } from './prometheus-text-parser';
import type { ExpositionFormat, FamilyMeta, ParsedExposition, ParsedSample } from './types';

export interface ParseExpositionOptions {
  format?: ExpositionFormat;
}

export function parseExposition(body: string, options: ParseExpositionOptions = {}): ParsedExposition {
  const byName = new Map<string, FamilyMeta>();
  const families: FamilyMeta[] = [];
  const samples: ParsedSample[] = [];
  const family = (name: string): FamilyMeta => {
    let f = byName.get(name);
    if (f === undefined) {
      f = { name, type: null, help: null, typeLine: null, helpLine: null };
      byName.set(name, f);
      families.push(f);
    }
    return f;
  };
  // TODO(openmetrics): route 'openmetrics' to its own parser once it exists.
  void options.format;
  parsePrometheusText(body, {
    sample(name, labels, value, timestampMs, line) {
      samples.push({ name, labels, value, timestampMs, line });
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
  });
  return { families, samples };
}
