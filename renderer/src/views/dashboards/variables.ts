// Resolves a dashboard's variables in templating.list order, each from the ones before it (a
// chained query sees the values chosen above it): query (label_values, label_names, metrics,
// query_result), custom, constant, interval, textbox. The value comes from the URL (var-<name>),
// else the saved current value when it is still an option, else the first option. A query that
// fails leaves its error on that variable. A first slice until D2's templating lands.
import type { Api } from '../../../../shared/api';
import type { Variable } from '../../../../shared/dashboards/model';
import { errorMessage } from '../../lib/error-message';
import { formatSeriesLabels } from '../../lib/selector';
import { interpolate, type VarValue } from './interpolate';

export interface ResolvedVariable {
  name: string;
  label: string;
  type: string;
  hidden: boolean;
  options: string[];
  value: VarValue;
  error: string | null;
}

const ALL = '$__all';

function queryText(v: Variable): string {
  if (typeof v.query === 'string') return v.query;
  const q = v.query as { query?: unknown } | undefined;
  if (q && typeof q.query === 'string') return q.query;
  return typeof v.definition === 'string' ? v.definition : '';
}

async function runQuery(api: Api, q: string, timeMs: number): Promise<string[]> {
  const text = q.trim();
  let m = /^label_values\(\s*([a-zA-Z_][\w]*)\s*\)$/.exec(text);
  if (m) return api.labelValues(m[1]);
  m = /^label_values\(\s*([\s\S]+?)\s*,\s*([a-zA-Z_][\w]*)\s*\)$/.exec(text);
  if (m) return api.labelValues(m[2], m[1]);
  if (/^label_names\(\s*\)$/.test(text)) return api.labelNames();
  m = /^metrics\(([\s\S]*)\)$/.exec(text);
  if (m) {
    const re = new RegExp(m[1].trim());
    return (await api.labelValues('__name__')).filter((n) => re.test(n));
  }
  m = /^query_result\(([\s\S]*)\)$/.exec(text);
  if (m) {
    const r = await api.queryInstant({ query: m[1].trim(), timeMs });
    if (r.resultType === 'scalar') return [String(r.scalar)];
    return r.series.map(
      (s) =>
        `${formatSeriesLabels(s.labels)} ${s.values[s.values.length - 1]} ${s.timestamps[s.timestamps.length - 1]}`,
    );
  }
  throw new Error(`unsupported variable query: ${text}`);
}

/** Grafana's regex filter: keep matches, the capture (or named `value`) as the value. */
function applyRegex(values: string[], regex: string | undefined): string[] {
  if (!regex) return values;
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  const re = new RegExp(m ? m[1] : regex, m ? m[2].replace('g', '') : '');
  const out: string[] = [];
  for (const v of values) {
    const r = re.exec(v);
    if (!r) continue;
    out.push(r.groups?.value ?? r[1] ?? r[0]);
  }
  return out;
}

function sortValues(values: string[], sort: number | undefined): string[] {
  const vs = [...new Set(values)];
  const num = (s: string) => {
    const m = /-?\d+(\.\d+)?/.exec(s);
    return m ? Number(m[0]) : -Infinity;
  };
  switch (sort) {
    case 1:
      return vs.sort();
    case 2:
      return vs.sort().reverse();
    case 3:
      return vs.sort((a, b) => num(a) - num(b));
    case 4:
      return vs.sort((a, b) => num(b) - num(a));
    case 5:
      return vs.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    case 6:
      return vs.sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()));
    case 7:
      return vs.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    case 8:
      return vs.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    default:
      return vs;
  }
}

function currentValues(v: Variable): string[] {
  const c = (v.current as { value?: unknown } | undefined)?.value;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === 'string' ? [c] : [];
}

export async function resolveVariables(
  api: Api,
  list: readonly Variable[],
  params: URLSearchParams,
  timeMs: number,
): Promise<ResolvedVariable[]> {
  const out: ResolvedVariable[] = [];
  const known = new Map<string, VarValue>();
  for (const v of list) {
    if (!v || typeof v.name !== 'string' || v.type === 'datasource' || v.type === 'adhoc') continue;
    let options: string[] = [];
    let error: string | null = null;
    const q = interpolate(queryText(v), known, null);
    try {
      if (v.type === 'query')
        options = sortValues(applyRegex(await runQuery(api, q, timeMs), v.regex), v.sort);
      else if (v.type === 'custom' || v.type === 'interval')
        options = q
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      else if (v.type === 'constant' || v.type === 'textbox') options = [q];
    } catch (e) {
      error = errorMessage(e);
    }
    const fromUrl = params.getAll(`var-${v.name}`);
    const saved = currentValues(v);
    let chosen = fromUrl.length
      ? fromUrl
      : saved.length && saved.every((s) => s === ALL || options.includes(s))
        ? saved
        : options.slice(0, 1);
    if (v.type === 'textbox' && fromUrl.length === 0 && saved.length) chosen = saved;
    const all = chosen.includes(ALL);
    const value: VarValue = {
      values: all ? options : chosen,
      all,
      allValue: v.allValue ?? null,
      multi: Boolean(v.multi),
    };
    if (all && !v.allValue && options.length === 0) value.values = [''];
    known.set(v.name, value);
    out.push({
      name: v.name,
      label: v.label || v.name,
      type: v.type,
      hidden: v.hide === 2,
      options: v.includeAll ? [ALL, ...options] : options,
      value,
      error,
    });
  }
  return out;
}

export { ALL as ALL_VALUE };
