// The Alerts and Silences views' data: state counts and filters as Prometheus's /alerts page,
// the silence form's checks and the Api errors placed at their field, and the silences list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  AlertView,
  RuleGroupView,
  RuleView,
  RulesStatus,
  SilenceView,
} from '../../../shared/rules/model';
import {
  alertCounts,
  alertingRules,
  filterAlertRules,
  sortedLabels,
  stateCounts,
  ALERT_RULE_STATES,
} from '../../../renderer/src/views/alerts/alert-filters';
import {
  checkDraft,
  draftForLabels,
  emptyDraft,
  fieldOfError,
  matcherText,
  matchersFromParam,
  matchersParam,
} from '../../../renderer/src/views/alerts/silence-form';
import {
  activeMuteAll,
  isMuteAll,
  roundedSpanMs,
  silencesIn,
} from '../../../renderer/src/views/alerts/silence-list';
import { parseHash } from '../../../renderer/src/lib/route';

function alert(state: AlertView['state'], labels: Record<string, string>): AlertView {
  return { labels, annotations: {}, state, value: 1, activeAtMs: 0, keepFiringSinceMs: 0, silenced: false };
}

function rule(name: string, alerts: AlertView[], kind: RuleView['kind'] = 'alert'): RuleView {
  const state = alerts.some((a) => a.state === 'firing')
    ? 'firing'
    : alerts.some((a) => a.state === 'pending')
      ? 'pending'
      : 'inactive';
  return {
    kind,
    name,
    expr: 'up == 0',
    forMs: 0,
    keepFiringForMs: 0,
    labels: { severity: name === 'DiskFull' ? 'critical' : 'warning' },
    annotations: {},
    health: 'ok',
    lastError: '',
    lastEvaluationMs: 0,
    evaluationDurationMs: 0,
    state,
    alerts,
  };
}

function group(name: string, rules: RuleView[]): RuleGroupView {
  return {
    name,
    file: '/r.yml',
    source: 'config',
    intervalMs: 1000,
    limit: 0,
    lastEvaluationMs: 0,
    evaluationDurationMs: 0,
    rules,
  };
}

const status: RulesStatus = {
  loadError: null,
  groups: [
    group('a', [
      rule('TargetDown', [
        alert('firing', { alertname: 'TargetDown', instance: 'box:9100' }),
        alert('pending', { alertname: 'TargetDown', instance: 'nas:9100' }),
      ]),
      rule('job:up:sum', [], 'record'),
      rule('DiskFull', []),
    ]),
    group('b', [rule('ClockSkew', [alert('pending', { alertname: 'ClockSkew', instance: 'pi:9100' })])]),
  ],
};

test('alerting rules only, counted by state as the checkboxes show them', () => {
  const entries = alertingRules(status);
  assert.deepEqual(
    entries.map((e) => `${e.group.name}/${e.rule.name}`),
    ['a/TargetDown', 'a/DiskFull', 'b/ClockSkew'],
  );
  assert.deepEqual(stateCounts(entries), { inactive: 1, pending: 1, firing: 1 });
  assert.deepEqual(alertCounts(entries[0].rule.alerts), { pending: 1, firing: 1 });
});

test('filters by state and by a search over names and labels (case-insensitive)', () => {
  const entries = alertingRules(status);
  const names = (states: readonly string[], q: string) =>
    filterAlertRules(entries, new Set(states as typeof ALERT_RULE_STATES), q).map((e) => e.rule.name);
  assert.deepEqual(names(ALERT_RULE_STATES, ''), ['TargetDown', 'DiskFull', 'ClockSkew']);
  assert.deepEqual(names(['firing', 'pending'], ''), ['TargetDown', 'ClockSkew']);
  assert.deepEqual(names(['inactive'], ''), ['DiskFull']);
  assert.deepEqual(names([], ''), []);
  assert.deepEqual(names(ALERT_RULE_STATES, 'disk'), ['DiskFull']);
  assert.deepEqual(names(ALERT_RULE_STATES, '  NAS:9100 '), ['TargetDown'], "an alert's label value");
  assert.deepEqual(names(ALERT_RULE_STATES, 'critical'), ['DiskFull'], "the rule's label");
  assert.deepEqual(names(['inactive'], 'TargetDown'), [], 'both filters hold');
});

test('labels sort alertname first, then by name', () => {
  assert.deepEqual(sortedLabels({ b: '2', alertname: 'X', a: '1' }), [
    ['alertname', 'X'],
    ['a', '1'],
    ['b', '2'],
  ]);
});

test("an alert's Silence… link carries its labels to a prefilled form", () => {
  const labels = { alertname: 'TargetDown', instance: 'box:9100', path: 'C:\\ "x"' };
  const param = matchersParam(labels);
  const hash = `#/silences?matchers=${encodeURIComponent(param)}`;
  const route = parseHash(hash);
  assert.equal(route.view, 'silences');
  const matchers = matchersFromParam(route.params.get('matchers')!);
  assert.deepEqual(matchers, [
    { name: 'alertname', op: '=', value: 'TargetDown' },
    { name: 'instance', op: '=', value: 'box:9100' },
    { name: 'path', op: '=', value: 'C:\\ "x"' },
  ]);
  assert.deepEqual(draftForLabels(labels, 'me').matchers, matchers);
  assert.equal(matchersFromParam('up + 1'), null);
});

test('a draft becomes a SilenceInput: blank rows left out, the end from a duration or a time', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const d = {
    ...emptyDraft('ann'),
    matchers: [
      { name: 'alertname', op: '=' as const, value: 'DiskFull' },
      { name: '', op: '=' as const, value: '' },
      { name: 'mount', op: '!~' as const, value: '/boot.*' },
    ],
    duration: '1h30m',
    comment: ' replacing the disk ',
  };
  const r = checkDraft(d, now);
  assert.equal(r.errors, null);
  assert.deepEqual(r.input, {
    matchers: [
      { name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true },
      { name: 'mount', value: '/boot.*', isRegex: true, isEqual: false },
    ],
    startsAtMs: now,
    endsAtMs: now + 90 * 60_000,
    createdBy: 'ann',
    comment: 'replacing the disk',
  });
  assert.deepEqual(r.rows, [0, 2]);
  const end = new Date(2026, 0, 2, 8, 30).getTime();
  const at = checkDraft({ ...d, until: 'end', endsAt: '2026-01-02T08:30' }, now);
  assert.equal(at.input?.endsAtMs, end);
});

test("the form's checks name the field", () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const base = { ...emptyDraft('ann'), comment: 'c' };
  assert.deepEqual(checkDraft(base, now).errors, { matchers: 'at least one matcher is needed' });
  const bad = checkDraft(
    {
      ...base,
      matchers: [
        { name: 'ok', op: '=', value: 'x' },
        { name: '9bad', op: '=', value: 'x' },
        { name: '', op: '=', value: 'orphan' },
      ],
      duration: '5 minutes',
      createdBy: ' ',
      comment: '',
    },
    now,
  ).errors;
  assert.deepEqual(Object.keys(bad ?? {}).sort(), [
    'comment',
    'createdBy',
    'duration',
    'matcher.1',
    'matcher.2',
  ]);
  // Every matcher matches a missing label: Alertmanager refuses it, and so does the form.
  const empty = checkDraft({ ...base, matchers: [{ name: 'a', op: '=~', value: '.*' }] }, now).errors;
  assert.match(empty?.matchers ?? '', /empty string/);
  assert.equal(checkDraft({ ...base, matchers: [{ name: 'a', op: '=~', value: '.+' }] }, now).errors, null);
  assert.ok(
    checkDraft({ ...base, matchers: [{ name: 'a', op: '=', value: 'b' }], duration: '0' }, now).errors
      ?.duration,
  );
  const past = checkDraft(
    { ...base, matchers: [{ name: 'a', op: '=', value: 'b' }], until: 'end', endsAt: '2020-01-01T00:00' },
    now,
  );
  assert.equal(past.errors?.endsAt, 'the end time is in the past');
});

test("the Api's errors are placed at the field they name", () => {
  assert.deepEqual(fieldOfError('putSilence: matchers.1.value: missing closing ): `(`'), {
    field: 'matcher.1',
    text: 'missing closing ): `(`',
  });
  assert.deepEqual(fieldOfError('putSilence: matchers: a silence needs at least one matcher'), {
    field: 'matchers',
    text: 'a silence needs at least one matcher',
  });
  assert.deepEqual(fieldOfError('putSilence: endsAtMs: the silence would end in the past'), {
    field: 'duration',
    text: 'the silence would end in the past',
  });
  assert.deepEqual(fieldOfError('connection lost'), { field: null, text: 'connection lost' });
});

test('matchers read as Alertmanager shows them', () => {
  assert.equal(matcherText({ name: 'a', value: 'x"y', isRegex: false, isEqual: true }), 'a="x\\"y"');
  assert.equal(matcherText({ name: 'a', value: 'x', isRegex: false, isEqual: false }), 'a!="x"');
  assert.equal(matcherText({ name: 'a', value: 'x.*', isRegex: true, isEqual: true }), 'a=~"x.*"');
  assert.equal(matcherText({ name: 'a', value: 'x.*', isRegex: true, isEqual: false }), 'a!~"x.*"');
});

function silence(
  id: string,
  state: SilenceView['state'],
  endsAtMs: number,
  matchers = [{ name: 'a', value: 'b', isRegex: false, isEqual: true }],
  startsAtMs = 0,
): SilenceView {
  return {
    id,
    state,
    matchers,
    startsAtMs,
    endsAtMs,
    createdBy: 'x',
    comment: '',
  };
}

test('silences by state (expired latest first) and the active mute all', () => {
  const mute = [{ name: 'alertname', value: '.+', isRegex: true, isEqual: true }];
  const list = [
    silence('e1', 'expired', 10),
    silence('a1', 'active', 500),
    silence('e2', 'expired', 20),
    silence('m1', 'active', 300, mute),
    silence('m2', 'active', 900, mute),
    silence('p1', 'pending', 700),
    silence('m3', 'expired', 30, mute),
  ];
  assert.deepEqual(
    silencesIn(list, 'expired').map((s) => s.id),
    ['m3', 'e2', 'e1'],
  );
  assert.deepEqual(
    silencesIn(list, 'active').map((s) => s.id),
    ['m1', 'a1', 'm2'],
  );
  assert.equal(isMuteAll(list[3]), true);
  assert.equal(isMuteAll(list[1]), false);
  assert.equal(activeMuteAll(list)?.id, 'm2');
  assert.equal(activeMuteAll(list.filter((s) => !s.id.startsWith('m') || s.id === 'm3')), null);
});

test("a silence's span reads in whole seconds, or minutes past ten minutes", () => {
  const span = (ms: number) => roundedSpanMs(silence('x', 'active', 1_000_000 + ms, undefined, 1_000_000));
  assert.equal(span(2 * 3_600_000 - 4), 2 * 3_600_000);
  assert.equal(span(90_400), 90_000);
  assert.equal(span(12), 1000);
});
