// promtool's input_series: a series in PromQL's selector syntax (equality matchers only) and its
// values in the expanding notation of Prometheus's test language: `1+1x10` (11 values),
// `0x5` (6), `1-1x5`, `_` (no sample), `_x3` (3 gaps), `stale`, `Inf`, `NaN`.
import type { LabelSet } from '../../../shared/api';
import { parseSeriesSelector } from '../query/parser';

/** One step of a sequence: a value, a stale marker, or nothing (omitted). */
export type SeqValue = { kind: 'value'; v: number } | { kind: 'stale' } | { kind: 'omitted' };

export class SeriesNotationError extends Error {
  override name = 'SeriesNotationError';
}

const NUM = String.raw`(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+\.)`;
const VALUE = String.raw`[-+]?(?:${NUM}|[Ii]nf|NaN)|stale`;
const ITEM = new RegExp(String.raw`^(?:(_)(?:x([0-9]+))?|(${VALUE})(?:([-+]${NUM}|[-+][Ii]nf)?x([0-9]+))?)$`);

function num(text: string): number {
  if (text === 'stale') return NaN;
  const t = text.replace(/^\+/, '');
  if (/^-?[Ii]nf$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?NaN$/.test(text)) return NaN;
  return Number(t);
}

/** Expands a values string; throws SeriesNotationError naming the item. */
export function parseSeriesValues(text: string): SeqValue[] {
  const out: SeqValue[] = [];
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue;
    const m = ITEM.exec(item);
    if (!m) throw new SeriesNotationError(`unexpected "${item}" in series values`);
    if (m[1] !== undefined) {
      const n = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < n; i++) out.push({ kind: 'omitted' });
      continue;
    }
    const first = m[3];
    if (first === 'stale') {
      if (m[4] !== undefined) throw new SeriesNotationError(`unexpected "${item}": stale takes no step`);
      const n = m[5] === undefined ? 0 : Number(m[5]);
      for (let i = 0; i <= n; i++) out.push({ kind: 'stale' });
      continue;
    }
    let v = num(first);
    if (m[5] === undefined) {
      out.push({ kind: 'value', v });
      continue;
    }
    const times = Number(m[5]);
    const step = m[4] === undefined ? 0 : num(m[4]);
    out.push({ kind: 'value', v });
    for (let i = 1; i <= times; i++) {
      if (m[4] !== undefined) v += step;
      out.push({ kind: 'value', v });
    }
  }
  return out;
}

/** The labels of an input series (`up{job="a"}`, `{__name__="x"}`); only `=` matchers. */
export function parseSeriesLabels(text: string): LabelSet {
  const labels: LabelSet = {};
  for (const m of parseSeriesSelector(text)) {
    if (m.type !== '=') throw new SeriesNotationError(`series ${text}: only = matchers describe a series`);
    if (m.value !== '') labels[m.name] = m.value;
  }
  return labels;
}
