// Backslash escapes in quoted strings and HELP text. Only \\, \n and (where allowed) \" are
// resolved; any other backslash stays as written, as in Prometheus and the OpenMetrics parsers.

const BACKSLASH = 92;
const QUOTE = 34;

/** Label values, quoted names, and OpenMetrics HELP text: \\, \" and \n. */
export function unescapeQuoted(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : unescape(raw, true);
}

/** Text-format HELP text: only \\ and \n. */
export function unescapeTextHelp(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : unescape(raw, false);
}

function unescape(raw: string, quotes: boolean): string {
  let out = '';
  let from = 0;
  let i = raw.indexOf('\\');
  while (i >= 0 && i + 1 < raw.length) {
    const d = raw.charCodeAt(i + 1);
    const rep = d === BACKSLASH ? '\\' : d === 110 /* n */ ? '\n' : d === QUOTE && quotes ? '"' : null;
    if (rep === null) {
      // Not an escape: the backslash stays, and so does the character after it (which may be
      // a backslash starting the next escape only if it is not itself escaped here).
      i = raw.indexOf('\\', i + 1);
      continue;
    }
    out += raw.slice(from, i) + rep;
    from = i + 2;
    i = raw.indexOf('\\', from);
  }
  return out + raw.slice(from);
}
