// Replaces variables in text as Grafana's templateSrv does: `$var`, `${var}`, `${var:format}`,
// `${var.path}` (scoped objects such as __field) and the legacy `[[var]]` / `[[var:format]]`.
// Without an explicit format, queries get the Prometheus datasource's escaping (`prometheusEscape`)
// and display text gets Grafana's default (a single value as is, several as a glob).
import { variableFormat, type FormatInput } from './formats';

/** A dashboard variable as interpolation sees it, after resolution. */
export interface VariableValue {
  name: string;
  value: string | string[];
  text?: string | string[];
  multi?: boolean;
  includeAll?: boolean;
  /** The custom value that stands for All (e.g. ".*"); null/undefined: all options joined. */
  allValue?: string | null;
  /** Every option value except All, for when All is selected. */
  options?: readonly string[];
}

/** Per-query values (the built-ins, __field...): plain strings/numbers, or objects read by path. */
export type ScopedVars = Record<string, unknown>;

/** Applied when a variable is written without `:format`. */
export type DefaultFormat = (input: FormatInput, variable: VariableValue) => string;

export const ALL_VALUE = '$__all';

const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** Escaping of Grafana's Prometheus datasource for a value put into a query. */
export const prometheusEscape: DefaultFormat = (input, v) => {
  const regular = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
  const special = (s: string) => s.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
  if (!v.multi && !v.includeAll)
    return regular(Array.isArray(input.value) ? input.value.join(',') : input.value);
  if (!Array.isArray(input.value)) return special(input.value);
  const esc = input.value.map(special);
  return esc.length === 1 ? esc[0] : `(${esc.join('|')})`;
};

/** Grafana's default for text that is not a query: one value as is, several as `{a,b}`. */
export const globDefault: DefaultFormat = (input) => variableFormat('glob')!(input);

export interface InterpolateOptions {
  vars: ReadonlyMap<string, VariableValue>;
  scoped?: ScopedVars;
  /** Format for variables written without one (default: Prometheus query escaping). */
  format?: DefaultFormat | string;
}

function isAll(v: VariableValue): boolean {
  return v.value === ALL_VALUE || (Array.isArray(v.value) && v.value.includes(ALL_VALUE));
}

function readPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let cur = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function formatVariable(
  v: VariableValue,
  fmtSpec: string | undefined,
  fallback: DefaultFormat | string,
): string {
  let value = v.value;
  let text = v.text ?? v.value;
  const [fmtId, arg] = fmtSpec
    ? [fmtSpec.split(':')[0], fmtSpec.split(':').slice(1).join(':') || undefined]
    : [];
  if (isAll(v)) {
    // A custom All value goes in untouched (it is usually a regex such as ".*"), as in Grafana.
    if (v.allValue && fmtId !== 'text' && fmtId !== 'percentencode') return v.allValue;
    value = v.allValue ? v.allValue : [...(v.options ?? [])];
    text = 'All';
  }
  const input: FormatInput = { name: v.name, value, text };
  if (fmtId) {
    const fn = variableFormat(fmtId) ?? variableFormat('glob')!;
    return fn(input, arg);
  }
  if (typeof fallback === 'string') return (variableFormat(fallback) ?? variableFormat('glob')!)(input);
  return fallback(input, v);
}

/** `text` with every known variable replaced; unknown ones are left as written. */
export function interpolate(text: string, opts: InterpolateOptions): string {
  const fallback = opts.format ?? prometheusEscape;
  // Text from an imported file may be anything; what is not a string has no variables.
  if (typeof text !== 'string') return text === undefined || text === null ? '' : String(text);
  return text.replace(VARIABLE_RE, (match, n1, n2, f2, n3, path, f3) => {
    const name: string = n1 ?? n2 ?? n3;
    const fmt: string | undefined = f2 ?? f3;
    if (opts.scoped && Object.hasOwn(opts.scoped, name)) {
      const raw = readPath(opts.scoped[name], path);
      if (raw === undefined || raw === null) return match;
      if (typeof raw === 'object') return JSON.stringify(raw);
      const s = String(raw);
      return fmt ? formatVariable({ name, value: s }, fmt, fallback) : s;
    }
    const v = opts.vars.get(name);
    if (!v) return match;
    return formatVariable(v, fmt, fallback);
  });
}

/** The names of variables `text` refers to (for dependency order and "uses $__rate_interval"). */
export function referencedVariables(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(VARIABLE_RE)) out.add(m[1] ?? m[2] ?? m[4]);
  return [...out];
}
