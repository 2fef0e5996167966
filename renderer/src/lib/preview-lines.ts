// Line indexing of a body for the raw text view: where each line starts, so the virtualized view
// slices only the lines on screen out of a multi-megabyte string.

export interface LineIndex {
  /** Offset of the first character of line n+1 (0-based index, 1-based lines). */
  starts: Uint32Array;
  /** Length of the longest line in characters: the raw view's scroll width. */
  maxLength: number;
}

/** A trailing newline ends the last line; it does not start an empty one. */
export function indexLines(text: string): LineIndex {
  if (text.length === 0) return { starts: new Uint32Array(0), maxLength: 0 };
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  let maxLength = 0;
  let start = 0;
  for (let n = 0; n < count; n++) {
    starts[n] = start;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > maxLength) maxLength = end - start;
    start = end + 1;
  }
  return { starts, maxLength };
}

/** The text of 1-based `line`, without its newline (and without a trailing "\r"). */
export function lineText(text: string, starts: Uint32Array, line: number): string {
  if (line < 1 || line > starts.length) return '';
  const from = starts[line - 1];
  let to = line < starts.length ? starts[line] - 1 : text.length;
  if (to > from && text.charCodeAt(to - 1) === 10) to--;
  if (to > from && text.charCodeAt(to - 1) === 13) to--;
  return text.slice(from, to);
}
