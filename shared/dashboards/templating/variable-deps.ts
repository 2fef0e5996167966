// What changes when a variable does: the variables after it whose query (or regex) uses it,
// transitively, in templating.list order — Grafana re-runs those and keeps the others. And the
// values a repeated panel or row is made for: one per selected value (every option for All).
import type { Variable } from '../model';
import { ALL_VALUE, referencedVariables, type VariableValue } from './interpolate';
import { variableQueryText } from './variable-query';

/** Names of the variables that depend on `name`, directly or through others, in list order. */
export function dependentVariables(list: readonly Variable[], name: string): string[] {
  const changed = new Set([name]);
  const out: string[] = [];
  for (const v of list) {
    if (v.name === name) continue;
    const text = `${variableQueryText(v.query)} ${v.regex ?? ''} ${typeof v.datasource?.uid === 'string' ? v.datasource.uid : ''}`;
    if (referencedVariables(text).some((r) => changed.has(r))) {
      changed.add(v.name);
      out.push(v.name);
    }
  }
  return out;
}

/**
 * One variable value per repeat of a panel or row: the variable narrowed to a single selected
 * value (its multi/includeAll flags kept, so queries escape it as Grafana does in repeats).
 */
export function repeatValues(v: VariableValue): VariableValue[] {
  const selected = Array.isArray(v.value) ? v.value : [v.value];
  const values = selected.includes(ALL_VALUE) ? [...(v.options ?? [])] : selected;
  const texts = Array.isArray(v.text) ? v.text : v.text !== undefined ? [v.text] : [];
  return values.map((value) => {
    const i = selected.indexOf(value);
    const text = i >= 0 && texts[i] !== undefined && texts[i] !== 'All' ? texts[i] : value;
    return { ...v, value, text, allValue: null };
  });
}
