// The relabel debugger: each action's step (labels after it, added/changed/removed), the dropping
// rule, rules typed as YAML checked as prometheus.yml's (errors name rule, line and key), the final
// labels and scrape URL as populateLabels gives them, and each kind of request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RelabelDebugResult, TargetView } from '../../../shared/api';
import { defaultTargetInput } from '../../../shared/api';
import { parsePrometheusConfig } from '../../../electron/engine/config/prometheus-config';
import { debugRelabel } from '../../../electron/engine/relabel/debug-request';
import { debugSteps, rulesYaml } from '../../../electron/engine/relabel/debug-steps';
import { parseRelabelConfigs } from '../../../electron/engine/config/prometheus-config';
import {
  configTargets,
  freshRuntime,
  loadUiTargets,
  serializeUiTargets,
  uiTargetSpec,
  viewOf,
} from '../../../electron/engine/targets';

const none = { config: null, targets: [] as TargetView[] };
const typed = (labels: Record<string, string>, rules: string) => debugRelabel({ labels, rules }, none);
const step = (r: RelabelDebugResult, i: number) => {
  const s = r.steps[i];
  return { labels: s.labels, added: s.added, changed: s.changed, removed: s.removed };
};
/** A label set the typed debugger fills with the global defaults. */
const DEFAULTS = {
  __scheme__: 'http',
  __metrics_path__: '/metrics',
  __scrape_interval__: '1m',
  __scrape_timeout__: '10s',
};

test('every action: its step, what it added, changed and removed', () => {
  const rules = `
- {action: replace, source_labels: [host], regex: '(.+)\\.eu', target_label: region, replacement: eu-$1}
- {action: lowercase, source_labels: [Name], target_label: name}
- {action: uppercase, source_labels: [name], target_label: NAME}
- {action: hashmod, source_labels: [host], modulus: 8, target_label: shard}
- {action: labelmap, regex: '__meta_(.+)'}
- {action: labeldrop, regex: 'Name|NAME'}
- {action: labelkeep, regex: '__.*|host|region|name|shard|zone|keep_me'}
- {action: keepequal, source_labels: [zone], target_label: zone}
- {action: dropequal, source_labels: [zone], target_label: region}
- {action: keep, source_labels: [host], regex: 'web.*'}
- {action: replace, target_label: name, replacement: ''}
- {action: drop, source_labels: [shard], regex: '.*'}
- {action: replace, target_label: never, replacement: x}
`;
  const r = typed({ host: 'web.eu', Name: 'MiXed', __meta_zone: 'z1', other: 'o' }, rules);
  assert.equal(r.error, null);
  const start = { host: 'web.eu', Name: 'MiXed', __meta_zone: 'z1', other: 'o', ...DEFAULTS };
  assert.deepEqual(r.labels, start);
  assert.equal(r.steps.length, 12, 'stops after the dropping rule');
  assert.deepEqual(
    r.steps.map((s) => s.action),
    [
      'replace',
      'lowercase',
      'uppercase',
      'hashmod',
      'labelmap',
      'labeldrop',
      'labelkeep',
      'keepequal',
      'dropequal',
      'keep',
      'replace',
      'drop',
    ],
  );
  let cur: Record<string, string> = { ...start, region: 'eu-web' };
  assert.deepEqual(step(r, 0), { labels: cur, added: ['region'], changed: [], removed: [] });
  cur = { ...cur, name: 'mixed' };
  assert.deepEqual(step(r, 1), { labels: cur, added: ['name'], changed: [], removed: [] });
  cur = { ...cur, NAME: 'MIXED' };
  assert.deepEqual(step(r, 2).added, ['NAME']);
  const shard = r.steps[3].labels!.shard;
  assert.match(shard, /^[0-7]$/);
  cur = { ...cur, shard };
  assert.deepEqual(step(r, 3), { labels: cur, added: ['shard'], changed: [], removed: [] });
  cur = { ...cur, zone: 'z1' };
  assert.deepEqual(step(r, 4), { labels: cur, added: ['zone'], changed: [], removed: [] });
  const { Name: _n, NAME: _N, ...afterDrop } = cur;
  assert.deepEqual(step(r, 5), { labels: afterDrop, added: [], changed: [], removed: ['NAME', 'Name'] });
  // labelkeep: __.* keeps __meta_zone (the regex is anchored per name); "other" goes.
  const { other: _o, ...afterKeep } = afterDrop;
  assert.deepEqual(step(r, 6), { labels: afterKeep, added: [], changed: [], removed: ['other'] });
  assert.deepEqual(
    step(r, 7),
    { labels: step(r, 6).labels, added: [], changed: [], removed: [] },
    'keepequal kept',
  );
  assert.deepEqual(step(r, 8).removed, [], 'dropequal: zone differs from region, kept');
  assert.deepEqual(step(r, 9).added, [], 'keep: host matches');
  assert.deepEqual(step(r, 10).removed, ['name'], 'an empty replacement deletes');
  assert.deepEqual(step(r, 11), { labels: null, added: [], changed: [], removed: [] });
  assert.equal(r.droppedBy, 11);
  assert.deepEqual(r.outcome, { kind: 'dropped' });
  assert.equal(
    r.steps[0].rule,
    '{action: replace, source_labels: ["host"], regex: "(.+)\\\\.eu", target_label: "region", replacement: "eu-$1"}',
  );
});

test("a changed label is marked changed; the final labels and URL are populateLabels's", () => {
  const r = typed(
    { __address__: 'example.com', __param_module: 'http_2xx' },
    `- source_labels: [__address__]
  target_label: __param_target
- source_labels: [__param_target]
  target_label: instance
- target_label: __address__
  replacement: 127.0.0.1:9115
- target_label: __metrics_path__
  replacement: /probe
`,
  );
  assert.equal(r.error, null);
  assert.deepEqual(step(r, 2).changed, ['__address__']);
  assert.deepEqual(step(r, 3).changed, ['__metrics_path__']);
  assert.deepEqual(r.outcome, {
    kind: 'active',
    labels: { instance: 'example.com' },
    scrapeUrl: 'http://127.0.0.1:9115/probe?module=http_2xx&target=example.com',
  });
});

test("unusable labels after the rules: failed, with populateLabels's error", () => {
  const r = typed({ __address__: 'a:1' }, '- {target_label: __address__, replacement: "a/b"}');
  assert.deepEqual(r.outcome, { kind: 'failed', error: '"a/b:80" is not a valid hostname' });
  assert.equal(r.droppedBy, null);
  const none = typed({ job: 'x' }, '');
  assert.deepEqual(none.steps, []);
  assert.deepEqual(none.outcome, { kind: 'failed', error: 'no address' });
});

test("typed rules are checked as prometheus.yml's: the error names the rule, the line and the key", () => {
  const bad = (rules: string) => typed({ __address__: 'a:1' }, rules).error;
  assert.deepEqual(bad('- action: keep\n- action: replace\n  regex: "a("\n'), {
    rule: 1,
    line: 3,
    key: '[1].regex',
    message: 'error parsing regexp: missing closing ): `a(`',
  });
  assert.deepEqual(bad('- action: nope\n'), {
    rule: 0,
    line: 1,
    key: '[0].action',
    message: 'unknown relabel action "nope"',
  });
  const e = bad('- action: hashmod\n  target_label: x\n');
  assert.equal(e?.rule, 0);
  assert.equal(e?.key, '[0].modulus');
  assert.match(e!.message, /non-zero modulus/);
  assert.equal(bad('- {sauce_labels: [a]}')?.key, '[0].sauce_labels');
  assert.equal(bad('- a: [')?.rule, null, 'bad YAML: no rule');
  assert.equal(bad('a: b')?.message, 'expected a list');
  assert.equal(bad('- ~')?.message, 'empty or null relabeling rule');
  const r = typed({ a: 'b' }, '- action: drop\n  regex: "("');
  assert.deepEqual(
    [r.steps, r.outcome, r.labels, r.rules],
    [[], null, { a: 'b' }, '- action: drop\n  regex: "("'],
  );
});

test('rules written back as YAML read back to the same steps', () => {
  const text = `- {action: hashmod, source_labels: [a, b], separator: "|", modulus: 18446744073709551615, target_label: h}
- {action: replace, source_labels: [a], regex: "(?i)X(.)", target_label: "$1_t", replacement: "\${1}\\"q"}
- {action: labelmap, regex: "(a)", replacement: "m_$1"}
- {action: keep, source_labels: [a], regex: ""}
`;
  const rules = parseRelabelConfigs(text, 't');
  const back = parseRelabelConfigs(rulesYaml(rules), 't');
  const labels = { a: 'xy', b: 'z' };
  assert.deepEqual(debugSteps(labels, back), debugSteps(labels, rules));
  assert.equal(debugSteps(labels, rules).droppedBy, 3, 'keep with an empty regex drops a non-empty value');
});

const CONFIG = `
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params: {module: [http_2xx]}
    static_configs:
      - targets: [https://example.com, http://drop.me]
    relabel_configs:
      - {source_labels: [__address__], regex: 'http://drop.*', action: drop}
      - {source_labels: [__address__], target_label: __param_target}
      - {source_labels: [__param_target], target_label: instance}
      - {target_label: __address__, replacement: '127.0.0.1:9115'}
`;

test("a config target and a dropped one: their discovered labels and their job's rules", () => {
  const config = parsePrometheusConfig(CONFIG, 'prometheus.yml');
  const { active, dropped } = configTargets(config);
  const targets = active.map(
    (s) =>
      ({ id: s.id, source: 'config', input: s.input, discoveredLabels: s.discoveredLabels }) as TargetView,
  );
  const src = { config, targets };
  const r = debugRelabel({ targetId: targets[0].id }, src);
  assert.deepEqual(r.labels, active[0].discoveredLabels);
  assert.equal(r.steps.length, 4);
  assert.deepEqual(r.outcome, {
    kind: 'active',
    labels: { instance: 'https://example.com', job: 'blackbox' },
    scrapeUrl: targets[0].input.url,
  });
  assert.deepEqual(
    parseRelabelConfigs(r.rules, 'x').map((x) => x.action),
    ['drop', 'replace', 'replace', 'replace'],
  );
  const d = debugRelabel({ job: dropped[0].scrapePool, labels: dropped[0].discoveredLabels }, src);
  assert.equal(d.droppedBy, 0);
  assert.deepEqual(
    d.steps.map((s) => s.labels),
    [null],
  );
  assert.throws(() => debugRelabel({ targetId: 'nope' }, src), /no target with id "nope"/);
  assert.throws(() => debugRelabel({ job: 'nope', labels: {} }, src), /no job "nope" in the config file/);
  assert.throws(() => debugRelabel({ job: 'x', labels: {} }, none), /no job "x"/);
});

const blackboxInput = {
  ...defaultTargetInput,
  url: 'https://example.com/?module=http_2xx',
  job: 'probe',
  relabelConfigs: `- {source_labels: [__scheme__, __address__], separator: "://", target_label: __param_target}
- {source_labels: [__param_target], target_label: instance}
- {target_label: __address__, replacement: "127.0.0.1:9115"}
- {target_label: __scheme__, replacement: http}
- {target_label: __metrics_path__, replacement: /probe}
`,
};

test('a UI target with relabelConfigs: scraped where its rules say, labelled as they leave it', () => {
  const spec = uiTargetSpec(blackboxInput, 'ui-1');
  assert.equal(
    spec.input.url,
    'http://127.0.0.1:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com',
  );
  assert.deepEqual(spec.labels, { instance: 'https://example.com', job: 'probe' });
  assert.equal(spec.uiInput, blackboxInput, 'the input as entered is kept (shown and stored)');
  assert.equal(spec.discoveredLabels?.__address__, 'example.com');
  const r = debugRelabel({ target: blackboxInput }, none);
  assert.deepEqual(r.outcome, { kind: 'active', labels: spec.labels, scrapeUrl: spec.input.url });
  const shown = viewOf(spec, freshRuntime());
  assert.deepEqual(
    [shown.input, shown.scrapeUrl],
    [blackboxInput, spec.input.url],
    'shown as entered, and where scraped',
  );
  assert.equal(viewOf(uiTargetSpec(defaultTargetInput), freshRuntime()).scrapeUrl, undefined);
  const view = { id: 'ui-1', source: 'ui', input: blackboxInput } as TargetView;
  assert.deepEqual(debugRelabel({ targetId: 'ui-1' }, { config: null, targets: [view] }), r);
  assert.equal(r.rules, blackboxInput.relabelConfigs);
});

test('a UI target its rules drop, or whose rules do not check, is refused, saying why', () => {
  const drop = { ...blackboxInput, relabelConfigs: '- {action: keep, regex: nope, source_labels: [job]}' };
  assert.throws(
    () => uiTargetSpec(drop),
    /^Error: relabelConfigs: rule 1 \(keep\) drops this target, so it would never be scraped$/,
  );
  assert.throws(
    () => uiTargetSpec({ ...blackboxInput, metricRelabelConfigs: '- regex: "("' }),
    /metricRelabelConfigs:1: \[0\]\.regex: error parsing regexp/,
  );
  assert.throws(
    () =>
      uiTargetSpec({
        ...blackboxInput,
        relabelConfigs: '- {target_label: __scrape_timeout__, replacement: 2m}',
      }),
    /relabelConfigs: the labels the rules leave are unusable: scrape timeout cannot be greater than scrape interval/,
  );
  const plain = uiTargetSpec({
    ...defaultTargetInput,
    url: 'http://a:1/m',
    job: 'j',
    relabelConfigs: ' ',
    metricRelabelConfigs: '- {action: drop, source_labels: [__name__], regex: x_.*}',
  });
  assert.equal(plain.labels, undefined, 'blank relabelConfigs: the target as before');
  assert.equal(plain.metricRelabel?.length, 1);
});

test('a UI target with rules is stored as entered and loads back the same; a stored one its rules now drop is skipped', () => {
  const spec = uiTargetSpec(blackboxInput, 'ui-1');
  const raw = serializeUiTargets([spec]);
  assert.deepEqual(JSON.parse(raw), [{ id: 'ui-1', paused: false, input: blackboxInput }]);
  const warnings: string[] = [];
  const [back] = loadUiTargets(raw, (m) => warnings.push(m));
  assert.deepEqual(back, spec);
  const { relabelConfigs: _r, metricRelabelConfigs: _m, ...old } = blackboxInput;
  const [before] = loadUiTargets(JSON.stringify([{ id: 'o', paused: false, input: old }]), assert.fail);
  assert.deepEqual(
    [before.input, before.labels, before.metricRelabel],
    [old, undefined, undefined],
    'a target saved before rules loads as before',
  );
  const dropped = {
    ...blackboxInput,
    relabelConfigs: '- {action: drop, source_labels: [job], regex: probe}',
  };
  assert.deepEqual(
    loadUiTargets(JSON.stringify([{ id: 'd', paused: false, input: dropped }]), (m) => warnings.push(m)),
    [],
  );
  assert.deepEqual(warnings, [
    'stored target d was skipped: relabelConfigs: rule 1 (drop) drops this target, so it would never be scraped',
  ]);
});
