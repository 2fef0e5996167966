// Resolves a dashboard's variables in templating.list order, each query interpolated with the
// values before it (chained variables), as Grafana does on load. The selection is the URL's
// `var-<name>` values, else the saved current value while it is still an option, else Grafana's
// default (All when the variable offers it, otherwise the first option). A variable whose query
// fails keeps its error and an empty value; the others still resolve.
import type { Variable } from '../model';
import { ALL_VALUE, interpolate, type VariableValue } from './interpolate';
import { calculateInterval, intervalToMs, queryTiming, secondsToHms } from './interval';
import { applyVariableRegex, sortVariableOptions, type VariableOptionValue } from './variable-options';
import {
  parseVariableQuery,
  runVariableQuery,
  variableQueryText,
  type TemplateClient,
} from './variable-query';

export interface DatasourceChoice {
  uid: string;
  name: string;
  /** Plugin type, e.g. "prometheus". */
  type: string;
  isDefault?: boolean;
}

export interface ResolveContext {
  client: TemplateClient;
  fromMs: number;
  toMs: number;
  /** `var-<name>` values from the URL (several for a multi-value variable). */
  urlValues?: Readonly<Record<string, readonly string[]>>;
  datasources?: readonly DatasourceChoice[];
  /** The scrape interval fed to the range built-ins of variable queries (seconds). */
  scrapeIntervalS?: number;
}

export interface ResolvedVariable extends VariableValue {
  type: string;
  label?: string;
  /** 0 shown, 1 label hidden, 2 hidden. */
  hide: number;
  text: string | string[];
  /** What the picker offers; All first ({text: "All", value: "$__all"}) when includeAll. */
  choices: VariableOptionValue[];
  /** Why this variable has no values (its query failed or could not be read). */
  error?: string;
}

const ALL_CHOICE: VariableOptionValue = { text: 'All', value: ALL_VALUE };

const asList = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

// Custom variable text: comma-separated, `\,` for a literal comma, `text : value` pairs.
function customChoices(query: string): VariableOptionValue[] {
  const out: VariableOptionValue[] = [];
  for (const m of query.matchAll(/(?:\\,|[^,])+/g)) {
    const item = m[0].replace(/\\,/g, ',').trim();
    if (!item) continue;
    const pair = /^(.+?)\s+:\s+(.+)$/.exec(item);
    out.push(pair ? { text: pair[1].trim(), value: pair[2].trim() } : { text: item, value: item });
  }
  return out;
}

function savedChoices(v: Variable): VariableOptionValue[] {
  return (v.options ?? [])
    .map((o) => ({ text: asList(o.text)[0] ?? '', value: asList(o.value)[0] ?? '' }))
    .filter((o) => o.value !== ALL_VALUE);
}

/** Picks the selection for a variable with `choices` (All not included). */
function select(
  v: Variable,
  choices: readonly VariableOptionValue[],
  url: readonly string[] | undefined,
): { value: string | string[]; text: string | string[] } {
  const multi = !!v.multi;
  const textOf = (val: string) =>
    val === ALL_VALUE ? 'All' : (choices.find((c) => c.value === val)?.text ?? val);
  const shape = (vals: string[]) => {
    const vs = multi ? vals : vals.slice(0, 1);
    return multi ? { value: vs, text: vs.map(textOf) } : { value: vs[0], text: textOf(vs[0]) };
  };
  // An interval variable's "auto" is saved and linked as "auto" or $__auto_interval_<name>.
  const auto = choices.find((c) => c.text === 'auto' && v.type === 'interval');
  const canonical = (val: string) =>
    auto && (val === 'auto' || val.startsWith('$__auto_interval')) ? auto.value : val;
  if (url && url.length) {
    // A link names values on purpose: keep them even if not (yet) among the options.
    const vals =
      url.includes(ALL_VALUE) || (v.includeAll && url.includes('All')) ? [ALL_VALUE] : url.map(canonical);
    return shape(vals);
  }
  const current = asList(v.current && 'value' in v.current ? v.current.value : undefined).map(canonical);
  const kept = current.filter((c) => (c === ALL_VALUE && v.includeAll) || choices.some((o) => o.value === c));
  if (kept.length) return shape(kept);
  if (v.includeAll) return shape([ALL_VALUE]);
  if (choices.length) return shape([choices[0].value]);
  return multi ? { value: [], text: [] } : { value: '', text: '' };
}

async function queryChoices(
  v: Variable,
  ctx: ResolveContext,
  vars: ReadonlyMap<string, VariableValue>,
): Promise<VariableOptionValue[]> {
  let raw: string[];
  if (v.refresh === 0 && v.options?.length) {
    raw = savedChoices(v).map((o) => o.value);
  } else {
    const text = variableQueryText(v.query);
    if (!text.trim()) throw new Error('the variable has no query');
    const { builtins } = queryTiming({
      fromMs: ctx.fromMs,
      toMs: ctx.toMs,
      scrapeIntervalS: ctx.scrapeIntervalS ?? 15,
    });
    const expanded = interpolate(text, { vars, scoped: builtins });
    raw = (
      await runVariableQuery(parseVariableQuery(expanded), ctx.client, ctx.fromMs / 1000, ctx.toMs / 1000)
    ).map(String);
  }
  return sortVariableOptions(applyVariableRegex(raw, v.regex || undefined), v.sort);
}

function intervalChoices(v: Variable, ctx: ResolveContext): VariableOptionValue[] {
  const choices = customChoices(typeof v.query === 'string' ? v.query : '').filter((c) => c.value !== 'auto');
  if (v.auto) {
    const count = typeof v.auto_count === 'number' && v.auto_count > 0 ? v.auto_count : 30;
    const min = intervalToMs(typeof v.auto_min === 'string' ? v.auto_min : '10s') ?? 10_000;
    const auto = secondsToHms(calculateInterval(ctx.toMs - ctx.fromMs, count, min) / 1000);
    choices.unshift({ text: 'auto', value: auto });
  }
  return choices;
}

function datasourceChoices(v: Variable, ctx: ResolveContext): VariableOptionValue[] {
  const type = typeof v.query === 'string' && v.query ? v.query : 'prometheus';
  const re = v.regex ? applyVariableRegex : undefined;
  let list = (ctx.datasources ?? []).filter((d) => d.type === type);
  list = [...list.filter((d) => d.isDefault), ...list.filter((d) => !d.isDefault)];
  const names = re
    ? new Set(
        re(
          list.map((d) => d.name),
          v.regex,
        ).map((o) => o.value),
      )
    : undefined;
  return list.filter((d) => !names || names.has(d.name)).map((d) => ({ text: d.name, value: d.uid }));
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const obj = (x: unknown): Record<string, unknown> | undefined =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

/**
 * A templating.list entry from a file, with every field the type says or left out, so a
 * malformed one resolves to an error on that variable instead of a crash.
 */
function normalize(raw: unknown, index: number): { v: Variable; problem?: string } {
  const o = obj(raw) ?? {};
  const current = obj(o.current);
  const v: Variable = {
    ...o,
    name: str(o.name) || `templating.list[${index}]`,
    type: str(o.type) ?? '',
    regex: str(o.regex),
    sort: num(o.sort),
    multi: o.multi === true,
    includeAll: o.includeAll === true,
    allValue: str(o.allValue) ?? null,
    current: current && 'value' in current ? (current as Variable['current']) : undefined,
    options: Array.isArray(o.options) ? (o.options.filter((x) => obj(x)) as Variable['options']) : undefined,
    refresh: num(o.refresh),
    hide: num(o.hide),
  };
  if (!obj(raw)) return { v, problem: `templating.list[${index}] is not an object` };
  if (!str(o.name)) return { v, problem: `templating.list[${index}] has no name` };
  return { v };
}

/** Resolves every variable in order; never throws for a variable's own failure. */
export async function resolveVariables(
  list: readonly Variable[],
  ctx: ResolveContext,
): Promise<ResolvedVariable[]> {
  const out: ResolvedVariable[] = [];
  const vars = new Map<string, VariableValue>();
  for (const [index, raw] of (Array.isArray(list) ? list : []).entries()) {
    const { v, problem } = normalize(raw, index);
    const base = {
      name: v.name,
      type: v.type,
      label: v.label,
      hide: v.hide ?? 0,
      multi: !!v.multi,
      includeAll: !!v.includeAll,
      allValue: v.allValue ?? null,
    };
    const url = ctx.urlValues && Object.hasOwn(ctx.urlValues, v.name) ? ctx.urlValues[v.name] : undefined;
    let choices: VariableOptionValue[] = [];
    let error: string | undefined;
    let picked: { value: string | string[]; text: string | string[] } | undefined;
    try {
      if (problem) throw new Error(problem);
      switch (v.type) {
        case 'query':
          choices = await queryChoices(v, ctx, vars);
          break;
        case 'custom':
          choices = customChoices(typeof v.query === 'string' ? v.query : '');
          break;
        case 'interval':
          choices = intervalChoices(v, ctx);
          break;
        case 'datasource':
          choices = datasourceChoices(v, ctx);
          break;
        case 'constant': {
          const value = typeof v.query === 'string' ? v.query : '';
          choices = [{ text: value, value }];
          picked = { value, text: value };
          break;
        }
        case 'textbox': {
          const value =
            url?.[0] ?? asList(v.current && 'value' in v.current ? v.current.value : undefined)[0];
          const text = value ?? (typeof v.query === 'string' ? v.query : '');
          choices = [{ text, value: text }];
          picked = { value: text, text };
          break;
        }
        case 'adhoc':
          picked = { value: '', text: '' };
          break;
        default:
          throw new Error(`variable type ${JSON.stringify(v.type)} is not supported`);
      }
    } catch (e) {
      error = (e as Error).message;
      choices = [];
    }
    picked ??= select(v, choices, url);
    const resolved: ResolvedVariable = {
      ...base,
      ...picked,
      options: choices.map((c) => c.value),
      choices: v.includeAll && v.type !== 'constant' ? [ALL_CHOICE, ...choices] : choices,
      ...(error !== undefined ? { error } : {}),
    };
    out.push(resolved);
    vars.set(v.name, resolved);
  }
  return out;
}

/** The map interpolation reads, from resolved variables. */
export function variableMap(resolved: readonly ResolvedVariable[]): Map<string, VariableValue> {
  return new Map(resolved.map((r) => [r.name, r]));
}

/** The `var-<name>=value` URL pairs of a selection (datasource and constant variables left out). */
export function variableUrlParams(resolved: readonly ResolvedVariable[]): [string, string][] {
  const out: [string, string][] = [];
  for (const r of resolved) {
    if (r.type === 'constant' || r.type === 'datasource' || r.type === 'adhoc') continue;
    for (const v of Array.isArray(r.value) ? r.value : [r.value]) out.push([`var-${r.name}`, v]);
  }
  return out;
}
