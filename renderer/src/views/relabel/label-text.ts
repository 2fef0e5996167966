// A label set as text, the way Prometheus prints one: `{a="b", c="d"}`, optionally led by a metric
// name (`up{job="x"}` sets __name__). Values take Go's escapes \" \\ \n. Parse errors say where.
import type { LabelSet } from '../../../../shared/api';

/** `{a="b", c="d"}` with names sorted, as the debugger's text field shows a label set. */
export function formatLabelSet(labels: Readonly<LabelSet>): string {
  const names = Object.keys(labels).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${names.map((n) => `${n}=${quote(labels[n])}`).join(', ')}}`;
}

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/** The label set in `text`, or an error naming the character where it went wrong. */
export function parseLabelSet(text: string): { labels: LabelSet } | { error: string } {
  let i = 0;
  // A Map, so that a label named __proto__ is a label like any other.
  const labels = new Map<string, string>();
  const done = () => ({ labels: Object.fromEntries(labels) });
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (what: string) => ({
    error: `${what} at character ${i + 1}${i < text.length ? ` ("${text[i]}")` : ' (the end)'}`,
  });
  const match = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) i += m[0].length;
    return m?.[0] ?? null;
  };
  skip();
  if (i === text.length) return done();
  const metric = match(NAME);
  if (metric !== null) labels.set('__name__', metric);
  skip();
  if (i === text.length && metric !== null) return done();
  if (text[i] !== '{') return fail('expected "{"');
  i++;
  for (;;) {
    skip();
    if (text[i] === '}') break;
    const name = match(LABEL);
    if (name === null) return fail('expected a label name');
    skip();
    if (text[i] !== '=') return fail('expected "="');
    i++;
    skip();
    if (text[i] !== '"') return fail('expected a quoted value');
    i++;
    let value = '';
    for (;;) {
      if (i >= text.length) return fail('unterminated value');
      const c = text[i++];
      if (c === '"') break;
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = text[i++];
      if (e === 'n') value += '\n';
      else if (e === '"' || e === '\\') value += e;
      else {
        i--;
        return fail('unknown escape');
      }
    }
    if (labels.has(name)) return fail(`label "${name}" is set twice`);
    labels.set(name, value);
    skip();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] !== '}') return fail('expected "," or "}"');
  }
  i++;
  skip();
  if (i < text.length) return fail('unexpected text after "}"');
  return done();
}
