// Dashboard settings' pure edits of variables: a new variable of each kind with Grafana's
// defaults, the checks on a name, and tags typed as a comma-separated list.
import type { Variable } from '../../../../../shared/dashboards/model';

export const VARIABLE_KINDS = ['query', 'custom', 'constant', 'interval', 'textbox', 'datasource'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** A variable of `kind`, named var<N> (the first N not taken). */
export function newVariable(kind: VariableKind, list: readonly Variable[]): Variable {
  const names = new Set(list.map((v) => v.name));
  let n = list.length;
  while (names.has(`var${n}`)) n++;
  const base: Variable = { type: kind, name: `var${n}`, label: '', hide: 0 };
  switch (kind) {
    case 'query':
      return {
        ...base,
        query: '',
        definition: '',
        regex: '',
        sort: 0,
        refresh: 1,
        multi: false,
        includeAll: false,
      };
    case 'custom':
      return { ...base, query: '', multi: false, includeAll: false };
    case 'interval':
      return { ...base, query: '1m,10m,30m,1h,6h,12h,1d', auto: false, auto_count: 30, auto_min: '10s' };
    case 'datasource':
      return { ...base, query: 'prometheus', regex: '', multi: false, includeAll: false };
    case 'constant':
      return { ...base, query: '', hide: 2 };
    default:
      return { ...base, query: '' };
  }
}

/** Why `name` cannot name variable `index` of `list`, or null when it can. */
export function variableNameError(name: string, list: readonly Variable[], index: number): string | null {
  if (!name) return 'a variable needs a name';
  if (!/^\w+$/.test(name)) return 'a name has only letters, digits and _';
  if (name.startsWith('__')) return 'names starting with __ are kept for the built-ins ($__interval, ...)';
  if (list.some((v, i) => i !== index && v.name === name)) return `another variable is named ${name}`;
  return null;
}

/** A variable's query kept in both places Grafana reads it (query and definition). */
export function withQueryText(v: Variable, text: string): Variable {
  return v.type === 'query' ? { ...v, query: text, definition: text } : { ...v, query: text };
}

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
