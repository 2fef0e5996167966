// Applies relabel rules to a label set as Prometheus 2.42's relabel.Process does: rules in order,
// each seeing the labels the last one left; a keep/drop/keepequal/dropequal that fails drops the
// set (null); setting a label to "" deletes it; labelmap, labeldrop and labelkeep walk the labels
// in name order, so of two labels mapped onto one name the later wins.
import type { LabelSet } from '../../../shared/api';
import { goToLower, goToUpper } from './go-case';
import { hashMod } from './hashmod';
import type { RelabelRule } from './rule';
import { expandTemplate, hasTemplateVariable } from './template';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The relabelled labels (a new object), or null when a rule dropped them. */
export function relabel(labels: Readonly<LabelSet>, rules: readonly RelabelRule[]): LabelSet | null {
  let cur: LabelSet = { ...labels };
  for (const rule of rules) {
    const next = applyRule(cur, rule);
    if (next === null) return null;
    cur = next;
  }
  return cur;
}

/** Each rule's result in turn (the relabel debugger); stops after the rule that dropped the set. */
export function relabelSteps(
  labels: Readonly<LabelSet>,
  rules: readonly RelabelRule[],
): { rule: number; labels: LabelSet | null }[] {
  const steps: { rule: number; labels: LabelSet | null }[] = [];
  let cur: LabelSet = { ...labels };
  for (let i = 0; i < rules.length; i++) {
    const next = applyRule(cur, rules[i]);
    steps.push({ rule: i, labels: next === null ? null : { ...next } });
    if (next === null) break;
    cur = next;
  }
  return steps;
}

/** One rule on `lset` (which it may change in place); null: dropped. */
function applyRule(lset: LabelSet, rule: RelabelRule): LabelSet | null {
  const val = sourceValue(lset, rule);
  switch (rule.action) {
    case 'drop':
      return rule.regex.test(val) ? null : lset;
    case 'keep':
      return rule.regex.test(val) ? lset : null;
    case 'dropequal':
      return (lset[rule.targetLabel] ?? '') === val ? null : lset;
    case 'keepequal':
      return (lset[rule.targetLabel] ?? '') === val ? lset : null;
    case 'replace': {
      const groups = rule.regex.exec(val);
      if (groups === null) return lset;
      const target = hasTemplateVariable(rule.targetLabel)
        ? expandTemplate(rule.targetLabel, groups, rule.regex.names)
        : rule.targetLabel;
      // 2.42 deletes the label as written (not as expanded) for an invalid name or empty value.
      if (!LABEL_NAME.test(target)) {
        delete lset[rule.targetLabel];
        return lset;
      }
      const res = expandTemplate(rule.replacement, groups, rule.regex.names);
      if (res === '') delete lset[rule.targetLabel];
      else lset[target] = res;
      return lset;
    }
    case 'lowercase':
      set(lset, rule.targetLabel, goToLower(val));
      return lset;
    case 'uppercase':
      set(lset, rule.targetLabel, goToUpper(val));
      return lset;
    case 'hashmod':
      set(lset, rule.targetLabel, hashMod(val, rule.modulus));
      return lset;
    case 'labelmap': {
      const before = { ...lset };
      for (const name of sortedNames(before)) {
        const groups = rule.regex.exec(name);
        if (groups !== null)
          set(lset, expandTemplate(rule.replacement, groups, rule.regex.names), before[name]);
      }
      return lset;
    }
    case 'labeldrop':
      for (const name of sortedNames(lset)) if (rule.regex.test(name)) delete lset[name];
      return lset;
    case 'labelkeep':
      for (const name of sortedNames(lset)) if (!rule.regex.test(name)) delete lset[name];
      return lset;
  }
}

/** The source labels' values joined (a missing label is ""). */
function sourceValue(lset: LabelSet, rule: RelabelRule): string {
  const names = rule.sourceLabels;
  if (names.length === 1) return lset[names[0]] ?? '';
  let val = '';
  for (let i = 0; i < names.length; i++) val += (i > 0 ? rule.separator : '') + (lset[names[i]] ?? '');
  return val;
}

/** Sets a label; "" deletes it, as labels.Builder does. */
function set(lset: LabelSet, name: string, value: string): void {
  if (value === '') delete lset[name];
  else lset[name] = value;
}

function sortedNames(l: LabelSet): string[] {
  return Object.keys(l).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
