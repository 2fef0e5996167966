// Public surface of the exposition formats: parsers (Prometheus text, OpenMetrics), their error, content-type routing and the
// scrape loop's post-parse checks.
export { parsePrometheusText } from './prometheus-text-parser';
export { parseOpenMetrics } from './openmetrics-parser';
export { parseExposition, parseWith } from './parse-exposition';
export type { ParseExpositionOptions } from './parse-exposition';
export { formatForContentType } from './content-type';
export { ExpositionError } from './exposition-error';
export { scrapeSampleError, seriesLabels } from './scrape-checks';
export { decodeExpositionBody } from './utf8';
export { MetaBlocks } from './meta-blocks';
export type {
  ExpositionFormat,
  ExpositionVisitor,
  FamilyMeta,
  MetricType,
  OpenMetricsOptions,
  ParsedExemplar,
  ParsedExposition,
  ParserOptions,
  ParsedSample,
} from './types';
