// Parse-and-lint in one call, for the CLI and the Preview pane: a parse error is reported with
// its position instead of thrown.
import { ExpositionError } from '../exposition-error';
import { parseExposition } from '../parse-exposition';
import type { ExpositionFormat, ParsedExposition } from '../types';
import { lintExposition } from './lint-exposition';
import { buildModel } from './model';
import { collectMetaLines } from './meta-lines';
import type { LintFinding } from './types';

export interface LintTextOptions {
  /** 'auto': OpenMetrics when the body's last line is "# EOF", else the text format. */
  format: ExpositionFormat | 'auto';
  cardinalityLimit?: number;
}

export interface LintTextResult {
  parsed: boolean;
  format: ExpositionFormat;
  error: { line: number; column: number; message: string } | null;
  problems: LintFinding[];
  families: number;
  samples: number;
  /** The parse result itself, for views that show more than findings (null on a parse error). */
  exposition: ParsedExposition | null;
}

const EOF_LINE = /(?:^|\n)# EOF\n?$/;

export function detectFormat(body: string): ExpositionFormat {
  return EOF_LINE.test(body) ? 'openmetrics' : 'prometheus-text';
}

export function lintText(body: string, opts: LintTextOptions): LintTextResult {
  const format = opts.format === 'auto' ? detectFormat(body) : opts.format;
  let parsed: ParsedExposition;
  try {
    parsed = parseExposition(body, { format });
  } catch (err) {
    if (!(err instanceof ExpositionError)) throw err;
    return {
      parsed: false,
      format,
      error: { line: err.line, column: err.column, message: err.reason },
      problems: [],
      families: 0,
      samples: 0,
      exposition: null,
    };
  }
  const metaLines = collectMetaLines(body, format);
  const problems = lintExposition(parsed, { format, cardinalityLimit: opts.cardinalityLimit, metaLines });
  return {
    parsed: true,
    format,
    error: null,
    problems,
    families: buildModel(parsed, format, null).families.length,
    samples: parsed.samples.length,
    exposition: parsed,
  };
}
