// Rule files as promtool 2.42 checks them: every rulefmt check in its words with file and
// line:column, unknown fields as yaml.v2 names them, and the duplicate-rules lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleFile } from '../../../electron/engine/rules/rule-file';
import { findDuplicateRules } from '../../../electron/engine/rules/duplicates';

test('a valid file gives its groups, rules, durations and limit', () => {
  const r = parseRuleFile(
    `groups:
- name: g
  interval: 30s
  limit: 3
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
    labels: {team: a}
  - alert: Down
    expr: up == 0
    for: 5m
    keep_firing_for: 1m
    labels: {severity: page}
    annotations: {summary: "{{ $labels.instance }} is down"}
`,
    'f.yml',
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.groups.length, 1);
  const g = r.groups[0];
  assert.equal(g.intervalMs, 30_000);
  assert.equal(g.limit, 3);
  assert.deepEqual(
    g.rules.map((x) => [x.kind, x.name, x.forMs, x.keepFiringForMs, x.line]),
    [
      ['record', 'job:up:sum', 0, 0, 6],
      ['alert', 'Down', 300_000, 60_000, 9],
    ],
  );
});

test('every rulefmt check, in promtool 2.42 words and positions', () => {
  const r = parseRuleFile(
    `groups:
- name: a
  rules:
  - record: x
    expr: up
    for: 1m
  - record: "bad name"
    alert: y
    expr: up
    labels: {"__name__": x, "a-b": c}
    annotations: {x: "{{"}
  - alert: z
    expr: sum(
- name: a
  rules: []
- name: ""
`,
    'f.yml',
  );
  assert.deepEqual(r.groups, []);
  assert.deepEqual(r.errors, [
    `f.yml: 4:13: group "a", rule 1, "x": invalid field 'for' in recording rule`,
    `f.yml: 7:13: 8:12: group "a", rule 2, "y": only one of 'record' and 'alert' must be set`,
    `f.yml: 7:13: group "a", rule 2, "y": invalid field 'annotations' in recording rule`,
    `f.yml: 7:13: group "a", rule 2, "y": invalid recording rule name: bad name`,
    `f.yml: group "a", rule 2, "y": invalid label name: __name__`,
    `f.yml: group "a", rule 2, "y": invalid label name: a-b`,
    `f.yml: group "a", rule 2, "y": annotation "x": template: __alert_y:1: unclosed action`,
    `f.yml: 13:11: group "a", rule 3, "z": could not parse expression: 1:5: parse error: unclosed left parenthesis`,
    `f.yml: 14:3: groupname: "a" is repeated in the same file`,
    `f.yml: 16:3: Groupname must not be empty`,
  ]);
});

test('unknown fields are yaml.v2 unmarshal errors with their lines', () => {
  const r = parseRuleFile(
    `groups:
- name: a
  namespace: x
  rules:
  - record: x
    expr: up
    keep: 1
`,
    'f.yml',
  );
  assert.deepEqual(r.errors, [
    'f.yml: yaml: unmarshal errors:\n  line 3: field namespace not found in type rulefmt.RuleGroup\n  line 7: field keep not found in type rulefmt.RuleNode',
  ]);
});

test('numbers stay their source text (a label 0x10 is "0x10"), bad YAML names its line', () => {
  const r = parseRuleFile(
    'groups:\n- name: a\n  rules:\n  - record: x\n    expr: up\n    labels: {v: 0x10}\n',
    'f.yml',
  );
  assert.equal(r.groups[0].rules[0].labels.v, '0x10');
  const bad = parseRuleFile('groups:\n- name: a\n  rules: [\n', 'f.yml');
  assert.match(bad.errors[0], /^f\.yml: yaml: line \d+: /);
  const dur = parseRuleFile('groups:\n- name: a\n  interval: 5 minutes\n', 'f.yml');
  assert.deepEqual(dur.errors, ['f.yml: not a valid duration string: "5 minutes"']);
});

test('duplicate rules: same name and labels across groups, each reported once', () => {
  const r = parseRuleFile(
    `groups:
- name: a
  rules:
  - {record: m, expr: up}
  - {record: m, expr: up}
  - {record: m, expr: up, labels: {x: "1"}}
- name: b
  rules:
  - {record: m, expr: up}
  - {alert: A, expr: up}
`,
    'f.yml',
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(findDuplicateRules(r.groups), [{ name: 'm', labels: {} }]);
});
