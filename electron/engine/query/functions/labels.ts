// label_replace and label_join.
import type { LabelSet } from '../../../../shared/api';
import { QueryExecutionError } from '../errors';
import { compileCapturingRegex, quote, type RegexGroups } from '../../regex/re2';
import type { Sample } from '../values';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Go's regexp.Expand template syntax: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegexGroups): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const n = template[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    if (n === '{') {
      const close = template.indexOf('}', i + 2);
      if (close < 0) {
        out += c;
        continue;
      }
      name = template.slice(i + 2, close);
      if (!/^[A-Za-z0-9_]+$/.test(name)) {
        out += c;
        continue;
      }
      i = close;
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!mm) {
        out += c;
        continue;
      }
      name = mm[0];
      i += name.length;
    }
    if (/^[0-9]+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out;
}

function setLabel(metric: LabelSet, name: string, value: string): LabelSet {
  const out: LabelSet = { ...metric };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

export type LabelFnCache = Map<LabelSet, LabelSet>;

export function labelReplace(
  input: Sample[],
  dst: string,
  replacement: string,
  src: string,
  regex: string,
  cache: LabelFnCache,
): Sample[] {
  let re: ReturnType<typeof compileCapturingRegex>;
  try {
    re = compileCapturingRegex(regex);
  } catch {
    throw new QueryExecutionError(`invalid regular expression in label_replace(): ${quote(regex)}`);
  }
  if (!LABEL_NAME.test(dst)) {
    throw new QueryExecutionError(`invalid destination label name in label_replace(): ${dst}`);
  }
  return input.map((s) => {
    let metric = cache.get(s.metric);
    if (!metric) {
      const m = re.exec(s.metric[src] ?? '');
      metric = m ? setLabel(s.metric, dst, expand(replacement, m)) : s.metric;
      cache.set(s.metric, metric);
    }
    return { metric, v: s.v, dropName: dst === '__name__' ? false : s.dropName };
  });
}

export function labelJoin(
  input: Sample[],
  dst: string,
  sep: string,
  srcs: string[],
  cache: LabelFnCache,
): Sample[] {
  if (!LABEL_NAME.test(dst)) {
    throw new QueryExecutionError(`invalid destination label name in label_join(): ${dst}`);
  }
  for (const s of srcs) {
    if (!LABEL_NAME.test(s)) throw new QueryExecutionError(`invalid source label name in label_join(): ${s}`);
  }
  return input.map((s) => {
    let metric = cache.get(s.metric);
    if (!metric) {
      metric = setLabel(s.metric, dst, srcs.map((n) => s.metric[n] ?? '').join(sep));
      cache.set(s.metric, metric);
    }
    return { metric, v: s.v, dropName: dst === '__name__' ? false : s.dropName };
  });
}
