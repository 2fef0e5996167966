// Public surface of the PromQL engine.
export { QueryEngine, type QueryEngineOptions, type QueryResult } from './engine';
export { parseExpr, parseSeriesSelector } from './parser';
export { PromQLParseError, QueryExecutionError, QueryTimeoutError, InvalidQueryError } from './errors';
export type { Expr } from './ast';
export { formatDuration, parseDuration } from '../../../shared/duration';
export type { PromQLCompat } from './evaluator';
