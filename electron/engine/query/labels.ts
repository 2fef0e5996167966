// Label-set helpers. Keys are cached per LabelSet object because the evaluator reuses the
// same objects across steps (selectors, cached binary/aggregation results).
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';

const SEP = '\xff';
const keyCache = new WeakMap<LabelSet, string>();

/** labelsKey (shared/labels-key.ts) memoized per LabelSet object. */
export function cachedLabelsKey(ls: LabelSet): string {
  let k = keyCache.get(ls);
  if (k === undefined) {
    k = labelsKey(ls);
    keyCache.set(ls, k);
  }
  return k;
}

const sigCaches = new Map<string, WeakMap<LabelSet, string>>();
/** names arrays come from the AST, so their identity is stable per query. */
const cfgCache = new WeakMap<string[], [string, string]>();

/** Key over a subset: `on` keeps only `names`, otherwise drops them (and __name__). Cached. */
export function signature(ls: LabelSet, names: string[], on: boolean): string {
  let cfgs = cfgCache.get(names);
  if (!cfgs) cfgCache.set(names, (cfgs = ['+' + names.join(SEP), '-' + names.join(SEP)]));
  const cfg = on ? cfgs[0] : cfgs[1];
  let cache = sigCaches.get(cfg);
  if (!cache) {
    if (sigCaches.size > 1000) sigCaches.clear();
    sigCaches.set(cfg, (cache = new WeakMap()));
  }
  let k = cache.get(ls);
  if (k === undefined) {
    k = computeSignature(ls, names, on);
    cache.set(ls, k);
  }
  return k;
}

function computeSignature(ls: LabelSet, names: string[], on: boolean): string {
  let k = '';
  if (on) {
    for (const n of [...names].sort()) {
      const v = ls[n];
      if (v !== undefined && v !== '') k += n + SEP + v + SEP;
    }
    return k;
  }
  for (const n of Object.keys(ls).sort()) {
    if (n === '__name__' || names.includes(n)) continue;
    k += n + SEP + ls[n] + SEP;
  }
  return k;
}

export function withoutName(ls: LabelSet): LabelSet {
  if (!('__name__' in ls)) return ls;
  const out: LabelSet = {};
  for (const n in ls) if (n !== '__name__') out[n] = ls[n];
  return out;
}

/** Prometheus's text form of a label set: {a="b", c="d"} (sorted, __name__ first as a name). */
export function formatLabels(ls: LabelSet): string {
  const names = Object.keys(ls).sort();
  const parts = names.map((n) => `${n}=${JSON.stringify(ls[n])}`);
  return `{${parts.join(', ')}}`;
}

/** Compares label sets the way Prometheus sorts series (by sorted name/value pairs). */
export function compareLabels(a: LabelSet, b: LabelSet): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    if (an[i] !== bn[i]) return an[i] < bn[i] ? -1 : 1;
    const av = a[an[i]];
    const bv = b[bn[i]];
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return an.length - bn.length;
}
