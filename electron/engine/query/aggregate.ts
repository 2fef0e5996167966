// Aggregation operators over one step's instant vector.
import type { LabelSet } from '../../../shared/api';
import type { AggregateExpr } from './ast';
import { QueryExecutionError } from './errors';
import { formatFloatF } from '../../../shared/format/go-float';
import { kahanInc, quantile } from './functions/kahan';
import { cachedLabelsKey, signature } from './labels';
import type { Sample } from './values';

interface Group {
  metric: LabelSet;
  value: number;
  c: number;
  mean: number;
  count: number;
  incremental: boolean;
  dropName: boolean;
  values: number[] | null;
  samples: Sample[] | null;
}

const pair: [number, number] = [0, 0];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Per-node caches that keep output label sets stable across steps. */
export interface AggregateCache {
  groupLabels: Map<string, LabelSet>;
}

export function newAggregateCache(): AggregateCache {
  return { groupLabels: new Map() };
}

export function groupLabels(
  e: AggregateExpr,
  metric: LabelSet,
  key: string,
  cache: AggregateCache,
): LabelSet {
  let ls = cache.groupLabels.get(key);
  if (ls) return ls;
  ls = {};
  if (e.without) {
    for (const n in metric) if (n !== '__name__' && !e.grouping.includes(n)) ls[n] = metric[n];
  } else {
    for (const n of e.grouping) {
      const v = metric[n];
      if (v !== undefined && v !== '') ls[n] = v;
    }
  }
  cache.groupLabels.set(key, ls);
  return ls;
}

export function aggregate(
  e: AggregateExpr,
  input: Sample[],
  param: number | string | null,
  cache: AggregateCache,
): Sample[] {
  const op = e.op;
  if (op === 'count_values') return countValues(e, input, String(param), cache);
  if (op === 'topk' || op === 'bottomk' || op === 'limitk') {
    const k = param as number;
    if (Number.isNaN(k)) throw new QueryExecutionError('Parameter value is NaN');
    if (k < 1) return [];
  }
  if (op === 'limit_ratio') {
    const r = param as number;
    if (Number.isNaN(r)) throw new QueryExecutionError('Ratio value is NaN');
    throw new QueryExecutionError('limit_ratio is not supported');
  }
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  for (const s of input) {
    const key = signature(s.metric, e.grouping, !e.without);
    let g = groups.get(key);
    const f = s.v;
    if (!g) {
      g = {
        metric: groupLabels(e, s.metric, key, cache),
        value: f,
        c: 0,
        mean: f,
        count: 1,
        incremental: false,
        dropName: s.dropName,
        values: null,
        samples: null,
      };
      switch (op) {
        case 'stddev':
        case 'stdvar':
          g.value = Number.isFinite(f) ? 0 : NaN;
          break;
        case 'quantile':
          g.values = [f];
          break;
        case 'group':
          g.value = 1;
          break;
        case 'topk':
        case 'bottomk':
        case 'limitk':
          g.samples = [s];
          break;
      }
      groups.set(key, g);
      order.push(g);
      continue;
    }
    if (s.dropName) g.dropName = true;
    switch (op) {
      case 'sum':
        kahanInc(f, g.value, g.c, pair);
        [g.value, g.c] = pair;
        break;
      case 'avg': {
        g.count++;
        if (!g.incremental) {
          kahanInc(f, g.value, g.c, pair);
          if (Number.isFinite(pair[0]) || Number.isNaN(pair[0])) {
            [g.value, g.c] = pair;
            break;
          }
          g.incremental = true;
          g.mean = g.value / (g.count - 1);
          g.c /= g.count - 1;
        }
        const q = (g.count - 1) / g.count;
        kahanInc(f / g.count, q * g.mean, q * g.c, pair);
        [g.mean, g.c] = pair;
        break;
      }
      case 'max':
        if (g.value < f || Number.isNaN(g.value)) g.value = f;
        break;
      case 'min':
        if (g.value > f || Number.isNaN(g.value)) g.value = f;
        break;
      case 'count':
        g.count++;
        break;
      case 'stddev':
      case 'stdvar': {
        g.count++;
        const delta = f - g.mean;
        g.mean += delta / g.count;
        g.value += delta * (f - g.mean);
        break;
      }
      case 'quantile':
        g.values?.push(f);
        break;
      case 'topk':
      case 'bottomk':
      case 'limitk':
        g.samples?.push(s);
        break;
      case 'group':
        break;
    }
  }

  const out: Sample[] = [];
  for (const g of order) {
    switch (op) {
      case 'topk':
      case 'bottomk':
      case 'limitk':
        for (const s of selectK(op, g.samples ?? [], param as number)) out.push(s);
        continue;
      case 'avg':
        g.value = g.incremental ? g.mean + g.c : g.value / g.count + g.c / g.count;
        break;
      case 'sum':
        if (Number.isFinite(g.value)) g.value += g.c;
        break;
      case 'count':
        g.value = g.count;
        break;
      case 'stdvar':
        g.value /= g.count;
        break;
      case 'stddev':
        g.value = Math.sqrt(g.value / g.count);
        break;
      case 'quantile':
        g.value = quantile(param as number, g.values ?? []);
        break;
    }
    out.push({ metric: g.metric, v: g.value, dropName: g.dropName });
  }
  return out;
}

/** topk/bottomk keep the k best by value (NaN last), first seen wins ties; limitk the first k. */
function selectK(op: string, samples: Sample[], kParam: number): Sample[] {
  const k = Math.min(Math.floor(kParam), samples.length);
  if (op === 'limitk') return samples.slice(0, k);
  const better =
    op === 'topk'
      ? (a: number, b: number) => a > b || (Number.isNaN(b) && !Number.isNaN(a))
      : (a: number, b: number) => a < b || (Number.isNaN(b) && !Number.isNaN(a));
  // Stable insertion into a sorted top list: fine for the small k PromQL users pick.
  const top: Sample[] = [];
  for (const s of samples) {
    if (top.length === k && !better(s.v, top[k - 1].v)) continue;
    let i = top.length;
    while (i > 0 && better(s.v, top[i - 1].v)) i--;
    top.splice(i, 0, s);
    if (top.length > k) top.pop();
  }
  return top;
}

function countValues(e: AggregateExpr, input: Sample[], label: string, cache: AggregateCache): Sample[] {
  if (!LABEL_NAME.test(label)) throw new QueryExecutionError(`invalid label name ${JSON.stringify(label)}`);
  const counts = new Map<string, { metric: LabelSet; n: number }>();
  const order: { metric: LabelSet; n: number }[] = [];
  for (const s of input) {
    const value = formatFloatF(s.v);
    const base = groupLabels(e, s.metric, signature(s.metric, e.grouping, !e.without), cache);
    const key = cachedLabelsKey(base) + '\x00' + value;
    let c = counts.get(key);
    if (!c) {
      let metric = cache.groupLabels.get('cv\x00' + key);
      if (!metric) {
        metric = { ...base, [label]: value };
        cache.groupLabels.set('cv\x00' + key, metric);
      }
      c = { metric, n: 0 };
      counts.set(key, c);
      order.push(c);
    }
    c.n++;
  }
  return order.map((c) => ({ metric: c.metric, v: c.n, dropName: false }));
}
