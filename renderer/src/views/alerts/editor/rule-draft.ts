// The rule editor's draft and what saving or deleting it does to the UI's rule groups. A rule is
// addressed by its group and its index there (names may repeat in a group, as in Prometheus); a
// starter rule is edited as a copy saved into a UI group, which then replaces the starter.
import type {
  RuleGroupInput,
  RuleGroupView,
  RuleInput,
  RuleView,
  UiRulesState,
} from '../../../../../shared/rules/model';
import { formatHash } from '../../../lib/route';

/** The group new rules go into unless another is chosen. */
export const DEFAULT_GROUP = 'promdesk';

export interface RuleDraft {
  /** The group saved into (a new or an existing UI group). */
  group: string;
  /** The group's interval, for a new group ('' = the global evaluation interval). */
  interval: string;
  /** The rule being edited: its group and index; null for a new rule or a starter's copy. */
  editing: { group: string; index: number } | null;
  rule: RuleInput;
}

const emptyRule = (): RuleInput => ({
  kind: 'alert',
  name: '',
  expr: '',
  for: '5m',
  keepFiringFor: '',
  labels: { severity: 'warning' },
  annotations: { summary: '', description: '' },
});

/** Where the editor opens: `group` + `rule` (index) edits a UI rule, `starter` copies one, else a new rule. */
export function ruleEditorHash(target?: { group: string; rule: number } | { starter: string }): string {
  if (!target) return formatHash('rule-editor');
  if ('starter' in target) return formatHash('rule-editor', { starter: target.starter });
  return formatHash('rule-editor', { group: target.group, rule: String(target.rule) });
}

/** Rules made here open in the editor; a starter alert opens as a copy; config rules are read-only. */
export function ruleEditLink(
  group: RuleGroupView,
  rule: RuleView,
  index: number,
): { href: string; label: string } | undefined {
  if (group.source === 'ui')
    return { href: ruleEditorHash({ group: group.name, rule: index }), label: 'Edit' };
  if (group.source === 'starter' && rule.kind === 'alert')
    return { href: ruleEditorHash({ starter: rule.name }), label: 'Edit a copy' };
  return undefined;
}

/** The draft the editor opens with, or an error when the rule it names is not there. */
export function initialDraft(state: UiRulesState, params: URLSearchParams): RuleDraft | { error: string } {
  const starter = params.get('starter');
  if (starter !== null) {
    for (const g of state.starters) {
      const r = g.rules.find((x) => x.name === starter);
      if (r) return { group: DEFAULT_GROUP, interval: g.interval, editing: null, rule: structuredClone(r) };
    }
    return { error: `no starter rule "${starter}"` };
  }
  const group = params.get('group');
  if (group !== null) {
    const g = state.groups.find((x) => x.name === group);
    const index = Number(params.get('rule') ?? '0');
    const r = g?.rules[index];
    if (!g || !r) return { error: `no rule ${index + 1} in the group "${group}" made here` };
    return { group, interval: g.interval, editing: { group, index }, rule: structuredClone(r) };
  }
  const first = state.groups[0];
  return {
    group: first?.name ?? DEFAULT_GROUP,
    interval: first?.interval ?? '',
    editing: null,
    rule: emptyRule(),
  };
}

/** The draft's interval: its group's when the group exists, else the one typed for a new group. */
export function draftInterval(state: UiRulesState, draft: RuleDraft): string {
  return state.groups.find((g) => g.name === draft.group)?.interval ?? draft.interval;
}

/** Empty label and annotation rows are not saved. */
function cleaned(rule: RuleInput): RuleInput {
  const keep = (m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).filter(([k, v]) => k.trim() !== '' || v !== ''));
  const r = {
    ...rule,
    name: rule.name.trim(),
    labels: keep(rule.labels),
    annotations: keep(rule.annotations),
  };
  if (r.kind === 'record') return { ...r, for: '', keepFiringFor: '', annotations: {} };
  return {
    ...r,
    annotations: Object.fromEntries(Object.entries(r.annotations).filter(([, v]) => v !== '')),
  };
}

/** The group as it is saved with the draft in it (replacing the rule edited, or appended). */
export function groupWithDraft(state: UiRulesState, draft: RuleDraft): RuleGroupInput {
  const rule = cleaned(draft.rule);
  const existing = state.groups.find((g) => g.name === draft.group);
  if (!existing) return { name: draft.group, interval: draft.interval, rules: [rule] };
  const rules = [...existing.rules];
  if (draft.editing && draft.editing.group === draft.group) rules[draft.editing.index] = rule;
  else rules.push(rule);
  return { ...existing, rules };
}

/** The edited rule's group without it: null when the group would be empty (it is deleted). */
export function groupWithoutRule(
  state: UiRulesState,
  at: { group: string; index: number },
): RuleGroupInput | null {
  const g = state.groups.find((x) => x.name === at.group);
  if (!g) return null;
  const rules = g.rules.filter((_, i) => i !== at.index);
  return rules.length > 0 ? { ...g, rules } : null;
}
