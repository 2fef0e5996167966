// Go's regexp.Expand, which fills a relabel replacement and target_label: $1 and ${1} are groups,
// $name and ${name} named groups, $$ is a dollar. A name is the longest run of letters, digits
// and _, so `$1_x` is the group named "1_x" (empty, as no group is called that). A group that
// does not exist or did not take part gives "", and a malformed reference is kept as text.

/** Expands `template` with the groups of one match. */
export function expandTemplate(
  template: string,
  groups: readonly (string | undefined)[],
  names: ReadonlyMap<string, number>,
): string {
  if (!template.includes('$')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = reference(template, i);
    if (!ref) {
      out += '$';
      continue;
    }
    i = ref.end;
    const n = ref.num ?? names.get(ref.name);
    if (n !== undefined && n < groups.length) out += groups[n] ?? '';
  }
  return out + template.slice(i);
}

/** Whether a template refers to any group (Prometheus's varInRegexTemplate: any `$`). */
export function hasTemplateVariable(template: string): boolean {
  return template.includes('$');
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** The reference starting right after a `$` at `start`, as Go's extract reads it. */
function reference(s: string, start: number): { name: string; num: number | null; end: number } | null {
  let i = start;
  const brace = s[i] === '{';
  if (brace) i++;
  const nameStart = i;
  while (i < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === nameStart) return null;
  const name = s.slice(nameStart, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  let num: number | null = /^[0-9]+$/.test(name) ? 0 : null;
  if (num !== null) {
    for (const c of name) {
      if (num >= 1e8) {
        num = null;
        break;
      }
      num = num * 10 + Number(c);
    }
    if (name.length > 1 && name[0] === '0') num = null;
  }
  return { name, num, end: i };
}
