// promtool 2.42's unit-test runner: its messages (a failing alert test names its group, expected
// and got as promtool prints them), 2.42's defaults (a group without interval loads every sample
// at 0), closed range windows, rule_files globbed beside the test file, strict YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runUnitTestFile } from '../../../electron/engine/rules/unit-test-runner';
import { tempDir } from '../../helpers/tmp';

const RULES = `groups:
- name: alerts
  rules:
  - alert: InstanceDown
    expr: up == 0
    for: 5m
    labels: {severity: page}
    annotations: {summary: "Instance {{ $labels.instance }} down"}
`;

async function run(
  files: Record<string, string>,
  main = 'test.yml',
): Promise<{ errs: string[]; warnings: string[] }> {
  const dir = tempDir('promdesk-rules-');
  try {
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir.path, name, '..'), { recursive: true });
      writeFileSync(join(dir.path, name), body);
    }
    const warnings: string[] = [];
    const errs = await runUnitTestFile(join(dir.path, main), { warn: (l) => warnings.push(l) });
    return {
      errs: errs.map((e) => e.split(dir.path).join('DIR')),
      warnings: warnings.map((w) => w.split(dir.path).join('DIR')),
    };
  } finally {
    dir.remove();
  }
}

test('a failing alert test: promtool 2.42 text, group named; passing ones say nothing', async () => {
  const { errs } = await run({
    'rules/a.yml': RULES,
    'test.yml': `rule_files: [rules/*.yml]
tests:
- interval: 1m
  name: down
  input_series:
  - series: 'up{job="j"}'
    values: 0x10
  alert_rule_test:
  - eval_time: 4m
    alertname: InstanceDown
  - eval_time: 5m
    alertname: InstanceDown
    exp_alerts:
    - exp_labels: {severity: page, job: j}
      exp_annotations: {summary: "Instance  down"}
  - eval_time: 10m
    alertname: InstanceDown
`,
  });
  assert.deepEqual(errs, [
    `    name: down,
    alertname: InstanceDown, time: 10m, 
        exp:[], 
        got:[
            0:
              Labels:{alertname="InstanceDown", job="j", severity="page"}
              Annotations:{summary="Instance  down"}
            ]`,
  ]);
});

test('2.42: a group without interval loads all samples at 0 (the first wins); range windows are closed', async () => {
  const { errs } = await run({
    'test.yml': `tests:
- input_series:
  - series: a
    values: 0 1
  promql_expr_test:
  - expr: a
    eval_time: 1m
    exp_samples: [{labels: a, value: 1}]
- interval: 1m
  input_series:
  - series: b
    values: 1 2 3
  promql_expr_test:
  - expr: count_over_time(b[1m])
    eval_time: 2m
    exp_samples: [{labels: '{}', value: 2}]
`,
  });
  assert.deepEqual(errs, [
    `    expr: "a", time: 1m,
        exp: {__name__="a"} 1E+00
        got: {__name__="a"} 0E+00`,
  ]);
});

test('a rule that fails stops its group in promtool words; recording rules feed expressions', async () => {
  const { errs } = await run({
    'r.yml': `groups:
- name: g
  rules:
  - record: x:sum
    expr: sum(x)
  - record: bad
    expr: y + on() group_left x
`,
    'test.yml': `rule_files: [r.yml, missing.yml]
tests:
- interval: 1m
  input_series:
  - {series: 'x{i="1"}', values: '1 2'}
  - {series: 'x{i="2"}', values: '1 2'}
  - {series: 'y', values: '1 1'}
  promql_expr_test:
  - expr: x:sum
    eval_time: 1m
    exp_samples: [{labels: 'x:sum', value: 4}]
`,
  });
  assert.equal(errs.length, 1);
  assert.match(
    errs[0],
    /^ {4}rule: bad, time: 0s, err: found duplicate series for the match group \{\} on the right hand-side/,
  );
});

test('bad files: an unknown field, a bad series, a missing alertname, a missing rule file', async () => {
  const unknown = await run({ 'test.yml': 'tests:\n- interval: 1m\n  inputs: []\n' });
  assert.deepEqual(unknown.errs, [
    'yaml: unmarshal errors:\n  line 3: field inputs not found in type main.testGroup',
  ]);
  const series = await run({
    'test.yml': "tests:\n- input_series:\n  - {series: 'up{a=\"b\"', values: '1'}\n",
  });
  assert.match(series.errs[0], /input series "up\{a=\\"b\\"": .*parse error/);
  const alert = await run({ 'test.yml': 'tests:\n- name: g\n  alert_rule_test:\n  - eval_time: 1m\n' });
  assert.deepEqual(alert.errs, [
    'an item under alert_rule_test misses required attribute alertname at eval_time 1m (in TestGroup g)',
  ]);
  const missing = await run({ 'test.yml': 'rule_files: [nope/*.yml]\ntests: []\n' });
  assert.deepEqual(missing.errs, []);
  assert.deepEqual(missing.warnings, ['  WARNING: no file match pattern DIR/nope/*.yml']);
});
