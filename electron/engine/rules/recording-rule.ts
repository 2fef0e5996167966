// A recording rule (rules/recording.go): the expression's samples renamed to the record name, the
// rule's labels set on them (an empty value removes the label).
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import { RuleEvalError, type OutSample } from './alerting-rule';
import type { RuleDef, RuleEnv } from './types';

export class RecordingRule {
  constructor(readonly def: RuleDef) {}

  eval(tsMs: number, env: RuleEnv, limit: number): OutSample[] {
    const res = env.query(this.def.expr, tsMs);
    const out: OutSample[] = [];
    const seen = new Set<string>();
    for (const s of res) {
      const labels: LabelSet = { ...s.labels, __name__: this.def.name };
      for (const [k, v] of Object.entries(this.def.labels)) {
        if (v === '') delete labels[k];
        else labels[k] = v;
      }
      const key = labelsKey(labels);
      if (seen.has(key))
        throw new RuleEvalError('vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
      out.push({ labels, v: s.v });
    }
    if (limit > 0 && out.length > limit)
      throw new RuleEvalError(`exceeded limit of ${limit} with ${out.length} series`);
    return out;
  }
}
