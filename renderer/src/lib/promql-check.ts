// Where the editor underlines a PromQL error: the engine's character offsets, clamped to the
// text, and never empty (an error at the end of the input marks its last character).
import type { QueryCheck } from '../../../shared/api';

export function errorSpan(check: QueryCheck, length: number): { from: number; to: number } | null {
  if (check.ok) return null;
  let from = Math.max(0, Math.min(check.start, length));
  let to = Math.max(from, Math.min(check.end, length));
  if (to === from) {
    if (from < length) to = from + 1;
    else from = Math.max(0, length - 1);
  }
  return { from, to };
}

/** 1-based line and column of an offset, for "at 2:14" next to the message. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The message without a leading `line:col:` (the editor shows its own position). */
export function bareMessage(message: string): string {
  return message.replace(/^\d+:\d+:\s*/, '');
}
