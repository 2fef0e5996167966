// The UI's rule store: groups saved as a real rule file in the data directory (read back at start,
// accepted by Debian's promtool when installed), checked before saving with errors that name the
// group, rule and field, handed to the rule manager by source, and the starter set switched on and
// off (a UI alert of a starter's name replaces it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UiRuleStore } from '../../../electron/engine/rules/ui-rules';
import { RuleInputError } from '../../../electron/engine/rules/ui-rules-file';
import type { RuleGroupDef } from '../../../electron/engine/rules/types';
import type { RuleGroupInput, RuleInput, RuleSource } from '../../../shared/rules/model';
import { which } from '../../helpers/peers';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-ui-rules-'));
  const applied = new Map<RuleSource, RuleGroupDef[]>();
  const logs: string[] = [];
  const open = () => {
    const store = new UiRuleStore(
      dir,
      (source, groups) => applied.set(source, groups),
      (m) => logs.push(m),
    );
    store.load();
    return store;
  };
  return { dir, applied, logs, open, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const rule = (over: Partial<RuleInput> = {}): RuleInput => ({
  kind: 'alert',
  name: 'HighLoad',
  expr: 'node_load1 > 4',
  for: '5m',
  keepFiringFor: '',
  labels: { severity: 'warning' },
  annotations: { summary: '{{ $labels.instance }} is loaded: {{ $value | humanize }}' },
  ...over,
});
const group = (over: Partial<RuleGroupInput> = {}): RuleGroupInput => ({
  name: 'lab',
  interval: '30s',
  rules: [rule()],
  ...over,
});

test('a saved group is a rule file read back at start and handed to the manager as source ui', () => {
  const t = setup();
  try {
    const store = t.open();
    assert.deepEqual(t.applied.get('ui'), []);
    const record = rule({
      kind: 'record',
      name: 'job:up:sum',
      expr: 'sum by (job) (up)',
      for: '',
      labels: {},
      annotations: {},
    });
    const quoted = rule({
      name: 'Odd',
      labels: { v: 'true', n: '1e3', t: '{{ $value }}' },
      keepFiringFor: '10m',
    });
    const state = store.put(group({ rules: [rule(), record, quoted] }));
    assert.equal(state.groups.length, 1);
    const ui = t.applied.get('ui')!;
    assert.equal(ui[0].name, 'lab');
    assert.equal(ui[0].intervalMs, 30_000);
    assert.deepEqual(
      ui[0].rules.map((r) => [r.kind, r.name, r.forMs, r.keepFiringForMs]),
      [
        ['alert', 'HighLoad', 300_000, 0],
        ['record', 'job:up:sum', 0, 0],
        ['alert', 'Odd', 300_000, 600_000],
      ],
    );
    assert.equal(ui[0].file, '');
    assert.deepEqual(
      readdirSync(join(t.dir, 'rules')).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary left',
    );

    // Start again: the same groups, as entered (strings that look like numbers or booleans too).
    t.applied.clear();
    const again = t.open();
    assert.deepEqual(again.state().groups, state.groups);
    assert.deepEqual(again.state().groups[0].rules[2].labels, { v: 'true', n: '1e3', t: '{{ $value }}' });
    assert.equal(t.applied.get('ui')![0].rules.length, 3);

    again.delete('lab');
    assert.deepEqual(t.applied.get('ui'), []);
    assert.throws(() => again.delete('lab'), /no rule group "lab" made in the UI/);
  } finally {
    t.done();
  }
});

test(
  'Debian promtool checks the file the UI writes',
  { skip: which('promtool') ? false : 'promtool is not installed' },
  () => {
    const t = setup();
    try {
      const store = t.open();
      store.put(group());
      store.put(
        group({
          name: 'multi-line: "quoted"',
          interval: '',
          rules: [
            rule({
              name: 'Down',
              expr: 'up == 0\n  and on (job) vector(1)',
              annotations: { d: "it's {{ $labels.job }}: #1" },
            }),
          ],
        }),
      );
      const r = spawnSync('promtool', ['check', 'rules', store.file], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /SUCCESS: 2 rules found/);
    } finally {
      t.done();
    }
  },
);

test('a group that does not check is refused with the group, rule and field named, and nothing saved', () => {
  const t = setup();
  try {
    const store = t.open();
    const fails = (g: RuleGroupInput, re: RegExp) =>
      assert.throws(
        () => store.put(g),
        (e: unknown) => e instanceof RuleInputError && re.test(e.message),
      );
    fails(
      group({ rules: [rule(), rule({ name: 'Bad', expr: 'rate(x[5m' })] }),
      /^group "lab", rule 2, "Bad": could not parse expression: /,
    );
    fails(
      group({ rules: [rule({ for: '5 minutes' })] }),
      /^group "lab", rule 1, "HighLoad": for: not a valid duration string: "5 minutes"$/,
    );
    fails(group({ interval: 'soon' }), /^group "lab": interval: not a valid duration string: "soon"$/);
    fails(
      group({ rules: [rule({ labels: { 'bad-name': 'x' } })] }),
      /rule 1, "HighLoad": invalid label name: bad-name/,
    );
    fails(
      group({ rules: [rule({ annotations: { summary: '{{ .Foo' } })] }),
      /rule 1, "HighLoad": annotation "summary": template: /,
    );
    fails(
      group({ rules: [rule({ kind: 'record', name: 'not a metric', for: '', annotations: {} })] }),
      /invalid recording rule name: not a metric/,
    );
    fails(group({ name: '' }), /Groupname must not be empty/);
    assert.deepEqual(store.problems(group({ rules: [rule(), rule({ name: 'E', expr: '' })] })), [
      `group "lab", rule 2, "E": field 'expr' must be set in rule`,
    ]);
    assert.deepEqual(store.problems(group()), []);
    assert.deepEqual(store.state().groups, []);
    assert.deepEqual(t.applied.get('ui'), []);
  } finally {
    t.done();
  }
});

test('starter rules: on and off in one call, kept across a start, a UI alert of the same name replaces one', () => {
  const t = setup();
  try {
    const store = t.open();
    assert.deepEqual(t.applied.get('starter'), []);
    const on = store.setStarters(true);
    assert.equal(on.startersEnabled, true);
    const names = () => t.applied.get('starter')!.flatMap((g) => g.rules.map((r) => r.name));
    assert.ok(names().includes('TargetDown') && names().includes('DiskAlmostFull'));
    const n = names().length;

    // Editing a starter rule: a copy in a UI group, which the starter set then leaves out.
    const targetDown = on.starters.flatMap((g) => g.rules).find((r) => r.name === 'TargetDown')!;
    assert.equal(targetDown.for, '5m');
    store.put(group({ name: 'mine', rules: [{ ...targetDown, for: '2m' }] }));
    assert.ok(!names().includes('TargetDown'));
    assert.equal(names().length, n - 1);

    t.applied.clear();
    t.open();
    assert.equal(names().length, n - 1, 'still on after a start');
    t.open().setStarters(false);
    assert.deepEqual(t.applied.get('starter'), []);
  } finally {
    t.done();
  }
});

test('a UI rule file broken by hand: logged, its rules not run, saving refused so that it is not overwritten', () => {
  const t = setup();
  try {
    mkdirSync(join(t.dir, 'rules'));
    const file = join(t.dir, 'rules', 'promdesk-ui.yml');
    writeFileSync(file, 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up ==\n');
    const store = t.open();
    assert.match(
      t.logs.join('\n'),
      /rules made in the UI not loaded: .*promdesk-ui.yml: 5:15: group "x", rule 1, "A": could not parse expression/,
    );
    assert.match(store.state().loadError ?? '', /could not parse expression/);
    assert.deepEqual(t.applied.get('ui'), []);
    assert.throws(() => store.put(group()), /could not be read, and saving would overwrite it/);
    assert.match(readFileSync(file, 'utf8'), /expr: up ==/);
    store.setStarters(true);
    assert.ok(t.applied.get('starter')!.length > 0, 'the starters still work');
  } finally {
    t.done();
  }
});

test('a load again (a config reload) takes a hand edit of the file; a broken edit keeps the rules in force', () => {
  const t = setup();
  try {
    const store = t.open();
    store.put(group());
    const file = store.file;
    const names = () => t.applied.get('ui')!.flatMap((g) => g.rules.map((r) => r.name));

    writeFileSync(file, readFileSync(file, 'utf8').replace('alert: HighLoad', 'alert: EditedByHand'));
    store.load();
    assert.deepEqual(names(), ['EditedByHand']);
    assert.equal(store.state().loadError, null);

    writeFileSync(file, 'groups: [oops');
    store.load();
    assert.deepEqual(names(), ['EditedByHand'], 'the rules in force stay');
    assert.match(store.state().loadError ?? '', /yaml/);
    assert.throws(() => store.put(group()), /could not be read, and saving would overwrite it/);

    rmSync(file);
    store.load();
    assert.deepEqual(names(), [], 'a removed file: no UI rules');
    assert.equal(store.state().loadError, null);
    store.put(group());
    assert.deepEqual(names(), ['HighLoad']);
  } finally {
    t.done();
  }
});
