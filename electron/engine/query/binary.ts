// Binary operators: scalar/scalar, vector/scalar, vector/vector with matching, set operators.
import type { LabelSet } from '../../../shared/api';
import type { BinaryOp, VectorMatching } from './ast';
import { QueryExecutionError } from './errors';
import { compareLabels, formatLabels, cachedLabelsKey, signature } from './labels';
import type { Sample } from './values';

const COMPARISON = new Set<BinaryOp>(['==', '!=', '<', '<=', '>', '>=']);
/** Arithmetic changes what a series means, so its metric name goes at once. */
const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

/** Go's math.Pow where it differs from JS's ** (1^NaN, (-1)^±Inf). */
function pow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

export function arith(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r;
    case '^':
      return pow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
    default:
      return NaN;
  }
}

export function compare(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      return false;
  }
}

export function isComparisonOp(op: BinaryOp): boolean {
  return COMPARISON.has(op);
}

/** Scalar op scalar (comparisons only reach here with bool). */
export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  if (COMPARISON.has(op)) return compare(op, l, r) ? 1 : 0;
  return arith(op, l, r);
}

/** Vector op scalar; `swap` when the scalar is on the left. */
export function vectorScalarBinop(
  op: BinaryOp,
  vec: Sample[],
  scalar: number,
  swap: boolean,
  returnBool: boolean,
): Sample[] {
  const out: Sample[] = [];
  const cmp = COMPARISON.has(op);
  for (const s of vec) {
    const l = swap ? scalar : s.v;
    const r = swap ? s.v : scalar;
    let v: number;
    let keep = true;
    if (cmp) {
      keep = compare(op, l, r);
      v = s.v;
    } else v = arith(op, l, r);
    if (returnBool) {
      v = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    out.push({ metric: s.metric, v, dropName: s.dropName || ARITHMETIC.has(op) || returnBool });
  }
  return out;
}

/** Result label sets per binary node by (lhs, rhs) identity, so series keep identity across steps. */
export type MetricCache = WeakMap<LabelSet, WeakMap<LabelSet, LabelSet>>;

function resultMetric(
  lhs: LabelSet,
  rhs: LabelSet,
  op: BinaryOp,
  m: VectorMatching,
  cache: MetricCache,
): LabelSet {
  let byRhs = cache.get(lhs);
  if (!byRhs) cache.set(lhs, (byRhs = new WeakMap()));
  const hit = byRhs.get(rhs);
  if (hit) return hit;
  const out: LabelSet = {};
  const dropName = ARITHMETIC.has(op);
  for (const n in lhs) {
    if (n === '__name__' && dropName) continue;
    if (m.card === 'one-to-one') {
      if (m.on ? !m.labels.includes(n) : m.labels.includes(n)) continue;
    }
    out[n] = lhs[n];
  }
  for (const n of m.include) {
    const v = rhs[n];
    if (v !== undefined && v !== '') out[n] = v;
    else delete out[n];
  }
  byRhs.set(rhs, out);
  return out;
}

/** The labels a match group is identified by, for error messages. */
function matchLabels(ls: LabelSet, m: VectorMatching): LabelSet {
  const out: LabelSet = {};
  for (const n in ls) {
    const listed = m.labels.includes(n);
    if (m.on ? listed : !listed && n !== '__name__') out[n] = ls[n];
  }
  return out;
}

export function vectorBinop(
  op: BinaryOp,
  lhsIn: Sample[],
  rhsIn: Sample[],
  m: VectorMatching,
  returnBool: boolean,
  cache: MetricCache,
): Sample[] {
  // Prometheus short-circuits before the duplicate check: an empty side matches nothing, even
  // when the other side would be many-to-many.
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const swapped = m.card === 'one-to-many';
  const lhs = swapped ? rhsIn : lhsIn;
  const rhs = swapped ? lhsIn : rhsIn;
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const sig = signature(rs.metric, m.labels, m.on);
    const dup = rightSigs.get(sig);
    if (dup) {
      const side = swapped ? 'left' : 'right';
      const [a, b] = compareLabels(rs.metric, dup.metric) <= 0 ? [rs, dup] : [dup, rs];
      throw new QueryExecutionError(
        `found duplicate series for the match group ${formatLabels(matchLabels(rs.metric, m))} on the ${side} hand-side of the operation: [${formatLabels(a.metric)}, ${formatLabels(b.metric)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    rightSigs.set(sig, rs);
  }
  const out: Sample[] = [];
  const matchedOne = new Set<string>();
  const matchedMany = new Map<string, Set<string>>();
  const cmp = COMPARISON.has(op);
  for (const ls of lhs) {
    const sig = signature(ls.metric, m.labels, m.on);
    const rs = rightSigs.get(sig);
    if (!rs) continue;
    const l = swapped ? rs.v : ls.v;
    const r = swapped ? ls.v : rs.v;
    let v: number;
    let keep = true;
    if (cmp) {
      keep = compare(op, l, r);
      v = l;
    } else v = arith(op, l, r);
    if (returnBool) v = keep ? 1 : 0;
    const metric = resultMetric(ls.metric, rs.metric, op, m, cache);
    if (m.card === 'one-to-one') {
      if (matchedOne.has(sig)) {
        throw new QueryExecutionError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matchedOne.add(sig);
    } else {
      let set = matchedMany.get(sig);
      if (!set) matchedMany.set(sig, (set = new Set()));
      const k = cachedLabelsKey(metric);
      if (set.has(k)) {
        throw new QueryExecutionError(
          'multiple matches for labels: grouping labels must ensure unique matches',
        );
      }
      set.add(k);
    }
    if (!keep && !returnBool) continue;
    out.push({ metric, v, dropName: returnBool || (cmp && (swapped ? rs.dropName : ls.dropName)) });
  }
  return out;
}

export function vectorAnd(lhs: Sample[], rhs: Sample[], m: VectorMatching): Sample[] {
  const sigs = new Set(rhs.map((s) => signature(s.metric, m.labels, m.on)));
  return lhs.filter((s) => sigs.has(signature(s.metric, m.labels, m.on)));
}

export function vectorOr(lhs: Sample[], rhs: Sample[], m: VectorMatching): Sample[] {
  const sigs = new Set(lhs.map((s) => signature(s.metric, m.labels, m.on)));
  const out = lhs.slice();
  for (const s of rhs) if (!sigs.has(signature(s.metric, m.labels, m.on))) out.push(s);
  return out;
}

export function vectorUnless(lhs: Sample[], rhs: Sample[], m: VectorMatching): Sample[] {
  const sigs = new Set(rhs.map((s) => signature(s.metric, m.labels, m.on)));
  return lhs.filter((s) => !sigs.has(signature(s.metric, m.labels, m.on)));
}
