// Turning a variable query's raw answers into options as Grafana does: the variable's `regex`
// (a capture group, or named groups `text` / `value`), duplicates removed, then `sort`.

export interface VariableOptionValue {
  text: string;
  value: string;
}

/** Parses "/re/flags" (or a bare pattern) as Grafana does; throws a clear error when invalid. */
export function parseVariableRegex(source: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(source);
  try {
    return m ? new RegExp(m[1], m[2].replace('g', '')) : new RegExp(source);
  } catch (e) {
    throw new Error(
      `regex ${JSON.stringify(source)} is not a valid regular expression: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** Applies `regex` to each value, keeping what matches (its capture, or groups text/value). */
export function applyVariableRegex(
  values: readonly string[],
  regex: string | undefined,
): VariableOptionValue[] {
  const out: VariableOptionValue[] = [];
  const seen = new Set<string>();
  const re = regex ? parseVariableRegex(regex) : undefined;
  for (const raw of values) {
    let text = raw;
    let value = raw;
    if (re) {
      const m = re.exec(raw);
      if (!m) continue;
      const g = m.groups;
      if (g && (g.value !== undefined || g.text !== undefined)) {
        value = g.value ?? g.text;
        text = g.text ?? g.value;
      } else if (m.length > 1) {
        if (m[1] === undefined) continue;
        value = text = m[1];
      }
    }
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ text, value });
  }
  return out;
}

const natural = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });

// The first run of digits in the text, as Grafana's numerical sort reads it; -1 when none.
function firstNumber(text: string): number {
  const m = /.*?(\d+).*/.exec(text);
  return m ? parseInt(m[1], 10) : -1;
}

function byKey<T>(
  key: (o: VariableOptionValue) => T,
): (a: VariableOptionValue, b: VariableOptionValue) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/**
 * Grafana's sort modes: 0 as returned, 1/2 alphabetical (case-sensitive) asc/desc, 3/4 numerical
 * (the first number in the text), 5/6 alphabetical case-insensitive, 7/8 natural. Descending
 * modes are the ascending order reversed, as in Grafana.
 */
export function sortVariableOptions(
  options: readonly VariableOptionValue[],
  sort: number | undefined,
): VariableOptionValue[] {
  const mode = sort ?? 0;
  if (!mode) return [...options];
  const kind = Math.ceil(mode / 2);
  let out = [...options];
  if (kind === 1) out.sort(byKey((o) => o.text));
  else if (kind === 2) out.sort(byKey((o) => (o.text ? firstNumber(o.text) : -1)));
  else if (kind === 3) out.sort(byKey((o) => o.text.toLowerCase()));
  else if (kind === 4)
    out.sort((a, b) => {
      if (!a.text) return -1;
      if (!b.text) return 1;
      return natural.compare(a.text, b.text);
    });
  if (mode % 2 === 0) out = out.reverse();
  return out;
}
