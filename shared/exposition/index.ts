// Public surface of the exposition formats: parsers, their error, content-type routing and the
// scrape loop's post-parse checks.
export { parsePrometheusText } from './prometheus-text-parser';
export { parseExposition } from './parse-exposition';
export type { ParseExpositionOptions } from './parse-exposition';
export { formatForContentType } from './content-type';
export { ExpositionError } from './exposition-error';
export { scrapeSampleError, seriesLabels } from './scrape-checks';
export { decodeExpositionBody } from './utf8';
export type {
  ExpositionFormat,
  ExpositionVisitor,
  FamilyMeta,
  MetricType,
  ParsedExposition,
  ParsedSample,
} from './types';
