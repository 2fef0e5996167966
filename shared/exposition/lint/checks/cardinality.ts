// Label cardinality: one label with many values in a family multiplies series (and memory,
// and query cost); ids, paths and timestamps in labels are the usual cause.
import { finding } from '../finding';
import type { LintFinding } from '../types';
import type { Check } from './check';

/** Labels whose values are bounded by design (buckets, quantiles). */
const EXEMPT = new Set(['le', 'quantile']);

export const checkCardinality: Check = ({ model, cardinalityLimit }) => {
  const out: LintFinding[] = [];
  if (!(cardinalityLimit > 0)) return out;
  for (const fam of model.families) {
    const values = new Map<string, Set<string>>();
    const overAt = new Map<string, number>();
    for (const { sample } of fam.samples) {
      const labels = sample.labels;
      for (let i = 0; i < labels.length; i += 2) {
        const name = labels[i];
        if (EXEMPT.has(name)) continue;
        let set = values.get(name);
        if (set === undefined) values.set(name, (set = new Set()));
        set.add(labels[i + 1]);
        if (set.size > cardinalityLimit && !overAt.has(name)) overAt.set(name, sample.line);
      }
    }
    for (const [name, line] of overAt) {
      const n = values.get(name)?.size ?? 0;
      out.push(
        finding(
          'high-cardinality-label',
          'warning',
          line,
          fam.name,
          `${fam.name}: label "${name}" has ${n} distinct values (more than ${cardinalityLimit})`,
          'keep unbounded values (ids, paths, emails, timestamps) out of labels; aggregate or bucket them',
        ),
      );
    }
  }
  return out;
};
