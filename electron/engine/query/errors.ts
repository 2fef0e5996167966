// Error classes the HTTP layer maps to Prometheus's error types:
// PromQLParseError → bad_data (400), QueryExecutionError → execution (422),
// QueryTimeoutError → timeout (503).

/** Parse or type error; message reads like Prometheus's ("1:14: parse error: ..."). */
export class PromQLParseError extends Error {
  /** Byte-agnostic character offsets into the query, [start, end). */
  readonly position: { start: number; end: number };
  /** The message without the "line:col: parse error: " prefix. */
  readonly detail: string;

  constructor(detail: string, query: string, start: number, end: number) {
    super(`${lineCol(query, start)}: parse error: ${detail}`);
    this.name = 'PromQLParseError';
    this.detail = detail;
    this.position = { start, end };
  }
}

export class QueryExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryExecutionError';
  }
}

export class QueryTimeoutError extends Error {
  constructor(message = 'query timed out in expression evaluation') {
    super(message);
    this.name = 'QueryTimeoutError';
  }
}

/** "line:col" with 1-based line and column, as Prometheus prints positions. */
function lineCol(query: string, pos: number): string {
  if (query === '') return 'unknown position';
  if (pos < 0 || pos > query.length) return 'invalid position';
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${pos - lastBreak}`;
}

/** A well-formed query the API must refuse (e.g. a range vector in a range query) → bad_data. */
export class InvalidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}
