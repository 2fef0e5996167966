// The rule editor's draft: where it opens (a new rule, a UI rule by group and index, a starter's
// copy), and the group it saves (the rule replaced in place or appended, empty rows dropped, a
// recording rule without alert fields) or leaves after a delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleGroupView, RuleInput, RuleView, UiRulesState } from '../../../shared/rules/model';
import {
  DEFAULT_GROUP,
  groupWithDraft,
  groupWithoutRule,
  initialDraft,
  ruleEditLink,
  ruleEditorHash,
  type RuleDraft,
} from '../../../renderer/src/views/alerts/editor/rule-draft';

const rule = (name: string, over: Partial<RuleInput> = {}): RuleInput => ({
  kind: 'alert',
  name,
  expr: 'up == 0',
  for: '5m',
  keepFiringFor: '',
  labels: {},
  annotations: {},
  ...over,
});
const state: UiRulesState = {
  file: '/d/rules/promdesk-ui.yml',
  groups: [{ name: 'lab', interval: '30s', rules: [rule('A'), rule('B')] }],
  loadError: null,
  startersEnabled: false,
  starters: [{ name: 'home-lab-targets', interval: '', rules: [rule('TargetDown')] }],
};
const params = (hash: string) => new URLSearchParams(hash.split('?')[1] ?? '');

test('the editor opens on a UI rule, a starter copy or a new rule, named by its hash', () => {
  assert.equal(ruleEditorHash(), '#/rules/edit');
  const edit = initialDraft(state, params(ruleEditorHash({ group: 'lab', rule: 1 }))) as RuleDraft;
  assert.deepEqual(
    [edit.group, edit.interval, edit.editing, edit.rule.name],
    ['lab', '30s', { group: 'lab', index: 1 }, 'B'],
  );
  const copy = initialDraft(state, params(ruleEditorHash({ starter: 'TargetDown' }))) as RuleDraft;
  assert.deepEqual([copy.group, copy.editing, copy.rule.name], [DEFAULT_GROUP, null, 'TargetDown']);
  const fresh = initialDraft(state, params(ruleEditorHash())) as RuleDraft;
  assert.deepEqual(
    [fresh.group, fresh.editing, fresh.rule.name, fresh.rule.kind],
    ['lab', null, '', 'alert'],
  );
  assert.deepEqual(initialDraft(state, params('#/rules/edit?group=lab&rule=7')), {
    error: 'no rule 8 in the group "lab" made here',
  });
  assert.deepEqual(initialDraft(state, params('#/rules/edit?starter=Nope')), {
    error: 'no starter rule "Nope"',
  });
});

test('saving replaces the rule edited in place, appends a new one, or makes a new group', () => {
  const edited: RuleDraft = {
    group: 'lab',
    interval: '',
    editing: { group: 'lab', index: 0 },
    rule: rule(' A2 ', {
      labels: { severity: 'page', '': '' },
      annotations: { summary: 's', description: '' },
    }),
  };
  assert.deepEqual(groupWithDraft(state, edited), {
    name: 'lab',
    interval: '30s',
    rules: [rule('A2', { labels: { severity: 'page' }, annotations: { summary: 's' } }), rule('B')],
  });
  const added = groupWithDraft(state, { ...edited, editing: null });
  assert.deepEqual(
    added.rules.map((r) => r.name),
    ['A', 'B', 'A2'],
  );
  const recording = groupWithDraft(state, {
    group: 'new',
    interval: '1m',
    editing: null,
    rule: rule('job:up:sum', { kind: 'record', annotations: { summary: 'x' }, keepFiringFor: '1h' }),
  });
  assert.deepEqual(recording, {
    name: 'new',
    interval: '1m',
    rules: [rule('job:up:sum', { kind: 'record', for: '', keepFiringFor: '', annotations: {} })],
  });
});

test('deleting a rule leaves the rest of its group, or no group when it was the last', () => {
  assert.deepEqual(groupWithoutRule(state, { group: 'lab', index: 0 })?.rules, [rule('B')]);
  const one: UiRulesState = { ...state, groups: [{ name: 'solo', interval: '', rules: [rule('S')] }] };
  assert.equal(groupWithoutRule(one, { group: 'solo', index: 0 }), null);
});

test('the views link a rule made here to Edit, a starter alert to Edit a copy, a config rule to nothing', () => {
  const view = (source: RuleGroupView['source']): RuleGroupView => ({
    name: 'g',
    file: source === 'config' ? '/etc/rules.yml' : '',
    source,
    intervalMs: 60_000,
    limit: 0,
    lastEvaluationMs: 0,
    evaluationDurationMs: 0,
    rules: [],
  });
  const r = { kind: 'alert', name: 'TargetDown' } as RuleView;
  assert.deepEqual(ruleEditLink(view('ui'), r, 2), { href: '#/rules/edit?group=g&rule=2', label: 'Edit' });
  assert.deepEqual(ruleEditLink(view('starter'), r, 0), {
    href: '#/rules/edit?starter=TargetDown',
    label: 'Edit a copy',
  });
  assert.equal(ruleEditLink(view('starter'), { ...r, kind: 'record' }, 0), undefined);
  assert.equal(ruleEditLink(view('config'), r, 0), undefined);
});
