// Types at the exposition boundary, shared by the Prometheus text parser, the (coming) OpenMetrics
// parser and the linter.
import type { MetaBlocks } from './meta-blocks';

/** Which parser a body goes to. */
export type ExpositionFormat = 'prometheus-text' | 'openmetrics';

/**
 * A metric family's type as written in a TYPE line. The text format knows the first five;
 * the rest are OpenMetrics-only and listed so both parsers share one type.
 */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'unknown'
  | 'gaugehistogram'
  | 'stateset'
  | 'info';

/**
 * Receives a body's entries in order. Only `sample` is required. `line` is the 1-based line on
 * which the entry starts. An exception thrown by a callback propagates out of the parser
 * unchanged (e.g. a sample limit), and ends the parse.
 */
export interface ExpositionVisitor {
  /**
   * `labels` is a fresh flat array [name1, value1, name2, value2, ...] in written order,
   * escapes already resolved; the visitor may keep it. Empty values and duplicate names are
   * passed through as written (see scrape-checks.ts for what the scrape loop does with them).
   * `timestampMs` is null when the line has none.
   */
  sample(
    name: string,
    labels: string[],
    value: number,
    timestampMs: number | null,
    line: number,
    /**
     * The series as written (name and label block), given when `known` is defined and the
     * text is on one line.
     */
    seriesText?: string,
  ): void;
  /**
   * Optional fast path for bodies parsed again and again (the scrape loop). Before parsing a
   * sample line's labels, the parser asks `known` whether the line at `start` begins with a
   * series text the visitor expects — typically the one at this place in the previous body —
   * and gets that text's length, or -1. The text must be one this visitor got from an earlier
   * `sample` call's `seriesText` (so it is valid and complete). On a match the parser checks the
   * text ends where a full parse would end it, skips the labels, and calls `knownSample` for the
   * text `known` matched last, instead of `sample`. The Prometheus text parser uses it.
   */
  known?(src: string, start: number): number;
  knownSample?(value: number, timestampMs: number | null, line: number): void;
  /**
   * The same kind of fast path for runs of HELP, TYPE and comment lines: the runs of the last
   * body this visitor's parses read (kept per target by the scrape loop). The text parser uses it.
   */
  metaBlocks?: MetaBlocks;
  help?(name: string, text: string, line: number): void;
  type?(name: string, type: MetricType, line: number): void;
  /** Any other `#` line; `text` is the whole comment including the `#`. Text format only. */
  comment?(text: string, line: number): void;
  /** An OpenMetrics UNIT line (`unit` may be empty). */
  unit?(name: string, unit: string, line: number): void;
  /**
   * An OpenMetrics exemplar, called right after the `sample` it belongs to. `labels` is flat
   * like a sample's; `timestampMs` is null when the exemplar has none.
   */
  exemplar?(labels: string[], value: number, timestampMs: number | null, line: number): void;
}

/** Options both parsers take. */
export interface ParserOptions {
  /**
   * Accept Prometheus 3's quoted UTF-8 names: `{"my.metric", a="1"}`, quoted label names
   * `{"a.b"="1"}` and `# HELP "my.metric" ...`. Default true. Prometheus 2.42 rejects them,
   * so the scrape path turns this off.
   */
  utf8Names?: boolean;
}

export interface OpenMetricsOptions extends ParserOptions {
  /**
   * Enforce the OpenMetrics spec's rules across lines (family grouping and order, metadata
   * placement, names per type, histogram / summary / stateset / info values, timestamp order,
   * exemplar placement and size), as the OpenMetrics test suite does. Default true. With false
   * the parser rejects exactly what Prometheus 2.42's OpenMetrics scrape parser rejects.
   */
  strict?: boolean;
}

/** HELP and TYPE seen for one metric name (the last one wins, like Prometheus's scrape cache). */
export interface FamilyMeta {
  name: string;
  type: MetricType | null;
  help: string | null;
  /** Line of the TYPE / HELP line that set the value, or null. */
  typeLine: number | null;
  helpLine: number | null;
  /** OpenMetrics UNIT, or null (always null in the text format). */
  unit: string | null;
  unitLine: number | null;
}

/** An OpenMetrics exemplar. */
export interface ParsedExemplar {
  labels: string[];
  value: number;
  timestampMs: number | null;
}

export interface ParsedSample {
  name: string;
  /** Flat [name1, value1, ...] in written order. */
  labels: string[];
  value: number;
  timestampMs: number | null;
  line: number;
  /** OpenMetrics only, present when the sample has one. */
  exemplar?: ParsedExemplar;
}

export interface ParsedExposition {
  /** In order of first HELP or TYPE line. */
  families: FamilyMeta[];
  samples: ParsedSample[];
}
