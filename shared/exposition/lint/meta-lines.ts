// Every HELP, TYPE and UNIT line of a body that parsed, in order. The parsed result keeps only the
// last of each per name, and repeated or conflicting metadata is exactly what the linter reports.
import { parseWith } from '../parse-exposition';
import type { ExpositionFormat } from '../types';
import type { MetaLine } from './model';

/** Meant for a body that parses; a parse error propagates. */
export function collectMetaLines(body: string, format: ExpositionFormat): MetaLine[] {
  const out: MetaLine[] = [];
  parseWith(
    body,
    {
      sample() {},
      help: (name, text, line) => out.push({ kind: 'HELP', name, text, line }),
      type: (name, text, line) => out.push({ kind: 'TYPE', name, text, line }),
      unit: (name, text, line) => out.push({ kind: 'UNIT', name, text, line }),
    },
    { format },
  );
  return out;
}
