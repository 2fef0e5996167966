// The one error the exposition parsers throw: where in the body, and what was expected there.

const MAX_TEXT = 200;

export class ExpositionError extends Error {
  override readonly name = 'ExpositionError';
  /** What went wrong, without the position prefix. */
  readonly reason: string;
  /** 1-based line and column (column counts UTF-16 code units from the line start). */
  readonly line: number;
  readonly column: number;
  /** The offending line, truncated to ~200 characters. */
  readonly text: string;

  constructor(reason: string, line: number, column: number, text: string) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.text = text;
  }
}

/** Builds the error for position `pos` of `src`, whose line starts at `lineStart`. */
export function errorAt(
  src: string,
  pos: number,
  line: number,
  lineStart: number,
  reason: string,
): ExpositionError {
  let end = src.indexOf('\n', lineStart);
  if (end < 0) end = src.length;
  const text =
    end - lineStart > MAX_TEXT ? src.slice(lineStart, lineStart + MAX_TEXT) + '…' : src.slice(lineStart, end);
  return new ExpositionError(reason, line, pos - lineStart + 1, text);
}

/** Names what stands at `pos`, for "expected X, got Y" messages. */
export function describeAt(src: string, pos: number): string {
  if (pos >= src.length) return 'end of input';
  const c = src.charCodeAt(pos);
  if (c === 10) return 'end of line';
  if (c === 13) return 'carriage return "\\r" (CRLF line endings are not allowed)';
  if (c === 0) return 'NUL byte';
  if (c === 32 || c === 9) return 'whitespace';
  // One token's worth of text: a delimiter alone, or up to a delimiter, at most 20 characters.
  let end = pos + 1;
  if (!isDelimiter(c)) while (end < src.length && end - pos < 20 && !isDelimiter(src.charCodeAt(end))) end++;
  return JSON.stringify(src.slice(pos, end));
}

function isDelimiter(c: number): boolean {
  return (
    c === 10 ||
    c === 13 ||
    c === 32 ||
    c === 9 ||
    c === 0 ||
    c === 123 ||
    c === 125 ||
    c === 61 ||
    c === 44 ||
    c === 34
  );
}
