// Types at the exposition boundary, shared by the Prometheus text parser, the (coming) OpenMetrics
// parser and the linter.

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
  sample(name: string, labels: string[], value: number, timestampMs: number | null, line: number): void;
  help?(name: string, text: string, line: number): void;
  type?(name: string, type: MetricType, line: number): void;
  /** Any other `#` line; `text` is the whole comment including the `#`. */
  comment?(text: string, line: number): void;
}

/** HELP and TYPE seen for one metric name (the last one wins, like Prometheus's scrape cache). */
export interface FamilyMeta {
  name: string;
  type: MetricType | null;
  help: string | null;
  /** Line of the TYPE / HELP line that set the value, or null. */
  typeLine: number | null;
  helpLine: number | null;
}

export interface ParsedSample {
  name: string;
  /** Flat [name1, value1, ...] in written order. */
  labels: string[];
  value: number;
  timestampMs: number | null;
  line: number;
}

export interface ParsedExposition {
  /** In order of first HELP or TYPE line. */
  families: FamilyMeta[];
  samples: ParsedSample[];
}
