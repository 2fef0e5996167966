// The linter (shared/exposition/lint) as the Preview pane needs it: besides the findings, the
// families and samples themselves — and on a parse error the entries before it, still shown
// and linted, since an exporter author fixing line 900 wants to see lines 1–899.
import {
  ExpositionError,
  parseWith,
  type ExpositionFormat,
  type FamilyMeta,
  type ParsedExposition,
  type ParsedSample,
} from '../../../shared/exposition';
import { lintExposition, lintText } from '../../../shared/exposition/lint';
import type { LintFinding } from '../../../shared/exposition/lint/types';

export interface PreviewLint {
  format: ExpositionFormat;
  error: { line: number; column: number; message: string } | null;
  problems: LintFinding[];
  families: FamilyMeta[];
  samples: ParsedSample[];
}

/** What parses before the first error (the parser streams entries, then throws). */
function parsePartial(body: string, format: ExpositionFormat): ParsedExposition {
  const byName = new Map<string, FamilyMeta>();
  const out: ParsedExposition = { families: [], samples: [] };
  const family = (name: string): FamilyMeta => {
    let f = byName.get(name);
    if (!f) {
      f = { name, type: null, help: null, typeLine: null, helpLine: null, unit: null, unitLine: null };
      byName.set(name, f);
      out.families.push(f);
    }
    return f;
  };
  try {
    parseWith(
      body,
      {
        sample: (name, labels, value, timestampMs, line) =>
          out.samples.push({ name, labels, value, timestampMs, line }),
        exemplar: (labels, value, timestampMs) => {
          out.samples[out.samples.length - 1].exemplar = { labels, value, timestampMs };
        },
        help: (name, text, line) => Object.assign(family(name), { help: text, helpLine: line }),
        type: (name, type, line) => Object.assign(family(name), { type, typeLine: line }),
        unit: (name, unit, line) => Object.assign(family(name), { unit, unitLine: line }),
      },
      { format },
    );
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e;
  }
  return out;
}

export function lintForPreview(body: string, format: ExpositionFormat): PreviewLint {
  const r = lintText(body, { format });
  if (r.exposition)
    return {
      format: r.format,
      error: null,
      problems: r.problems,
      families: r.exposition.families,
      samples: r.exposition.samples,
    };
  const partial = parsePartial(body, r.format);
  return {
    format: r.format,
    error: r.error,
    problems: lintExposition(partial, { format: r.format }),
    families: partial.families,
    samples: partial.samples,
  };
}
