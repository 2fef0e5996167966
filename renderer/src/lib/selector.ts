// Series selectors: build them from a metric name and label matchers (with correct escaping),
// and parse them back so a selector from the URL hash can refill the picker.
import type { LabelSet } from '../../../shared/api';

export type MatchOp = '=' | '!=' | '=~' | '!~';
export const matchOps: MatchOp[] = ['=', '!=', '=~', '!~'];

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface SelectorParts {
  metric: string;
  matchers: Matcher[];
}

const metricNameRe = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidMetricName(s: string): boolean {
  return metricNameRe.test(s);
}
export function isValidLabelName(s: string): boolean {
  return labelNameRe.test(s);
}

/** A label value as a PromQL double-quoted string literal. */
export function quoteLabelValue(v: string): string {
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

function formatLabelName(name: string): string {
  // Prometheus 3 accepts UTF-8 label names when quoted.
  return isValidLabelName(name) ? name : quoteLabelValue(name);
}

/** `metric{a="b",c!~"d.*"}`; matchers without a name are skipped. Empty when nothing is set. */
export function buildSelector(parts: SelectorParts): string {
  const metric = parts.metric.trim();
  const ms = parts.matchers.filter((m) => m.name.trim() !== '');
  const inner: string[] = [];
  let head = '';
  if (metric) {
    if (isValidMetricName(metric)) head = metric;
    else inner.push(`__name__=${quoteLabelValue(metric)}`);
  }
  for (const m of ms) inner.push(`${formatLabelName(m.name.trim())}${m.op}${quoteLabelValue(m.value)}`);
  if (!head && inner.length === 0) return '';
  return inner.length ? `${head}{${inner.join(',')}}` : head;
}

/**
 * Parse a plain series selector (what buildSelector makes, or typed by hand). Returns null for
 * anything else (functions, operators, ranges) — the caller then keeps it as raw text.
 */
export function parseSelector(input: string): SelectorParts | null {
  const s = input.trim();
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const ident = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    i = re.lastIndex;
    return m[0];
  };
  const str = (): string | null => {
    const q = s[i];
    if (q !== '"' && q !== "'" && q !== '`') return null;
    i++;
    let out = '';
    while (i < s.length && s[i] !== q) {
      if (s[i] === '\\' && q !== '`') {
        i++;
        const c = s[i];
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
      } else out += s[i];
      i++;
    }
    if (s[i] !== q) return null;
    i++;
    return out;
  };
  ws();
  const metric = ident(/[a-zA-Z_:][a-zA-Z0-9_:]*/y) ?? '';
  ws();
  const matchers: Matcher[] = [];
  let name = metric;
  if (s[i] === '{') {
    i++;
    ws();
    while (s[i] !== '}') {
      const n = ident(/[a-zA-Z_][a-zA-Z0-9_]*/y) ?? str();
      if (n === null) return null;
      ws();
      const op = ident(/=~|!~|!=|=/y) as MatchOp | null;
      if (op === null) {
        // Prometheus 3 form `{"metric.name"}`: a bare quoted name.
        if (!name && (s[i] === ',' || s[i] === '}')) name = n;
        else return null;
      } else {
        ws();
        const v = str();
        if (v === null) return null;
        if (n === '__name__' && op === '=' && !name) name = v;
        else matchers.push({ name: n, op, value: v });
      }
      ws();
      if (s[i] === ',') {
        i++;
        ws();
      } else if (s[i] !== '}') return null;
    }
    i++;
    ws();
  }
  if (i !== s.length || (!name && matchers.length === 0)) return null;
  return { metric: name, matchers };
}

/** How a series reads in a legend: `name{a="b", c="d"}`, optionally without the name. */
export function formatSeriesLabels(labels: LabelSet, omitName = false): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${quoteLabelValue(labels[k])}`);
  const head = omitName ? '' : name;
  if (rest.length === 0) return head || '{}';
  return `${head}{${rest.join(', ')}}`;
}
