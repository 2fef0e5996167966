// The whole analysis of one body, run in the preview worker (or inline where workers are
// unavailable): parse + lint, families, series with their change since the previous body,
// and the line index for the raw view. The session keeps the history between bodies.
import type { ExpositionFormat } from '../../../shared/exposition';
import type { LintFinding } from '../../../shared/exposition/lint/types';
import {
  diffSeries,
  type CurrentSeries,
  type DiffState,
  type DiffSummary,
  type SeriesRow,
} from './preview-diff';
import { buildFamilyRows, type FamilyRow } from './preview-families';
import { indexLines } from './preview-lines';
import { lintForPreview } from './preview-lint';
import { resolveFormat, type FormatChoice } from './preview-request';
import { formatExemplar, formatLabels, isCounterSample, seriesKey } from './preview-series';

export interface AnalyzeRequest {
  body: string;
  format: FormatChoice;
  contentType: string | null;
  /** When the body was fetched; null for pasted text (no rates). */
  fetchedAtMs: number | null;
  /** Forget the history: the source changed. */
  reset: boolean;
}

export interface PreviewAnalysis {
  format: ExpositionFormat;
  error: { line: number; column: number; message: string } | null;
  families: FamilyRow[];
  series: SeriesRow[];
  findings: LintFinding[];
  diff: DiffSummary;
  lineStarts: Uint32Array;
  maxLineLength: number;
  analyzeMs: number;
}

export class PreviewSession {
  private state: DiffState | null = null;

  analyze(req: AnalyzeRequest): PreviewAnalysis {
    const started = performance.now();
    if (req.reset) this.state = null;
    const format = resolveFormat(req.format, req.contentType, req.body);
    const linted = lintForPreview(req.body, format);
    const findings = [...linted.problems].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code),
    );
    const { rows: families, familyOf } = buildFamilyRows(linted.families, linted.samples, findings);
    const typeOf = new Map(families.map((f) => [f.name, f.type]));
    const keys = new Map<string, number>();
    const current: CurrentSeries[] = linted.samples.map((s, i) => {
      const labels = formatLabels(s.labels);
      let key = seriesKey(s.name, s.labels, labels);
      // A duplicate series (a lint error) still gets a row and a history of its own.
      const n = keys.get(key) ?? 0;
      keys.set(key, n + 1);
      if (n > 0) key += ` #${n + 1}`;
      return {
        key,
        name: s.name,
        labels,
        family: familyOf[i],
        counter: isCounterSample(s.name, typeOf.get(familyOf[i]) ?? null),
        value: s.value,
        line: s.line,
        exemplar: s.exemplar ? formatExemplar(s.exemplar) : null,
      };
    });
    // A body that fails to parse keeps the history: the next good one compares with the last good one.
    const atMs = req.fetchedAtMs;
    const d =
      linted.error && current.length === 0 && this.state
        ? diffSeries(null, current, atMs)
        : diffSeries(this.state, current, atMs);
    if (!(linted.error && current.length === 0)) this.state = d.next;
    const lines = indexLines(req.body);
    return {
      format: linted.format,
      error: linted.error,
      families,
      series: d.rows,
      findings,
      diff: d.summary,
      lineStarts: lines.starts,
      maxLineLength: lines.maxLength,
      analyzeMs: performance.now() - started,
    };
  }
}
