// Go's strings.ToLower / ToUpper: one code point to one code point (Unicode's simple case
// mapping). JavaScript's toUpperCase uses the full mapping ("ß" becomes "SS", a final sigma
// lowers to "ς"), which Prometheus's lowercase/uppercase actions never do.

const ASCII = /^[\x00-\x7f]*$/;

export function goToLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    // İ lowers to "i̇" in full; its simple mapping is "i".
    out += [...l].length === 1 ? l : String.fromCodePoint(l.codePointAt(0)!);
  }
  return out;
}

export function goToUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += [...u].length === 1 ? u : ch;
  }
  return out;
}
