// One rule of a JSON mapping: which value to pick and how to name it. Its own module so that the
// presets (rules themselves) and the mapping that applies them do not import each other.
export type JsonMetricType = 'gauge' | 'counter' | 'untyped';

export interface JsonValueTransform {
  /** String values → numbers, e.g. {"off": 0, "heat": 1}. */
  enum?: Record<string, number>;
  /** Multiplies the value (after enum/boolean conversion). */
  scale?: number;
  /** Added after scaling. */
  offset?: number;
}

export interface JsonMetricRule {
  /** Metric name; `$key` (last wildcard's key) and `$key1`, `$key2`... are replaced. */
  name: string;
  /** Where the value is: `$.temp`, `$.sensors[*].value`, `$.oplog.*`. */
  path: string;
  type?: JsonMetricType;
  help?: string;
  /**
   * Label name → value: `$key`/`$keyN` (a wildcard's key or index), `@.path` (relative to the
   * node the last wildcard matched), `$.path` (absolute), anything else is a literal.
   */
  labels?: Record<string, string>;
  transform?: JsonValueTransform;
  /** A path matching nothing is not an error (e.g. t_heat only exists in heat mode). */
  optional?: boolean;
}
