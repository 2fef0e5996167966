// The relabel debugger's core: each rule's step on a label set (the labels after it and what it
// added, changed or removed), the rule that dropped the set, and the rules written back as YAML so
// a job's compiled rules can be shown and edited as text.
import type { LabelSet, RelabelDebugStep } from '../../../shared/api';
import { relabelSteps } from './apply';
import { RELABEL_DEFAULTS, type RelabelRule } from './rule';

export interface DebugSteps {
  steps: RelabelDebugStep[];
  /** The index of the rule that dropped the set, or null. */
  droppedBy: number | null;
  /** The labels after the last rule (null: dropped). */
  final: LabelSet | null;
}

export function debugSteps(start: Readonly<LabelSet>, rules: readonly RelabelRule[]): DebugSteps {
  const steps: RelabelDebugStep[] = [];
  let before: Readonly<LabelSet> = start;
  for (const { rule, labels } of relabelSteps(start, rules)) {
    const r = rules[rule];
    if (labels === null) {
      // The set is gone as a whole: no label is marked.
      steps.push({ rule: ruleFlowYaml(r), action: r.action, labels, added: [], changed: [], removed: [] });
      return { steps, droppedBy: rule, final: null };
    }
    steps.push({ rule: ruleFlowYaml(r), action: r.action, labels, ...labelDiff(before, labels) });
    before = labels;
  }
  return { steps, droppedBy: null, final: { ...before } };
}

/** Label names added, changed (value differs) and removed from `a` to `b`, each sorted. */
function labelDiff(
  a: Readonly<LabelSet>,
  b: Readonly<LabelSet>,
): { added: string[]; changed: string[]; removed: string[] } {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [n, v] of Object.entries(b)) {
    if (!Object.hasOwn(a, n)) added.push(n);
    else if (a[n] !== v) changed.push(n);
  }
  for (const n of Object.keys(a)) if (!Object.hasOwn(b, n)) removed.push(n);
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

/** A rule's written fields (defaults left out), strings quoted as JSON, which YAML reads alike. */
function ruleFields(r: RelabelRule): [string, string][] {
  const q = (s: string) => JSON.stringify(s);
  const out: [string, string][] = [['action', r.action]];
  if (r.sourceLabels.length > 0) out.push(['source_labels', `[${r.sourceLabels.map(q).join(', ')}]`]);
  if (r.separator !== RELABEL_DEFAULTS.separator) out.push(['separator', q(r.separator)]);
  if (!r.regexIsDefault) out.push(['regex', q(r.regex.source)]);
  if (r.modulus !== 0n) out.push(['modulus', r.modulus.toString()]);
  if (r.targetLabel !== '') out.push(['target_label', q(r.targetLabel)]);
  if (r.replacement !== RELABEL_DEFAULTS.replacement) out.push(['replacement', q(r.replacement)]);
  return out;
}

/** One rule on one line: `{action: drop, source_labels: ["a"], regex: "x"}`. */
function ruleFlowYaml(r: RelabelRule): string {
  return `{${ruleFields(r)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}`;
}

/** Rules as a YAML list that reads back to the same rules. */
export function rulesYaml(rules: readonly RelabelRule[]): string {
  return rules
    .map((r) =>
      ruleFields(r)
        .map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${v}\n`)
        .join(''),
    )
    .join('');
}
