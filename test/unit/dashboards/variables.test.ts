// Variable resolution as Grafana does it: Node Exporter Full's four chained variables in order,
// each query interpolated with the values before it; URL values, saved selections, All; regex
// captures and named groups; Grafana's sort modes; custom/constant/interval/textbox/datasource
// variables; query_result; and a failing query that leaves its error on its own variable only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Dashboard, Variable } from '../../../shared/dashboards/model';
import type { LabelSet } from '../../../shared/api';
import { interpolate } from '../../../shared/dashboards/templating/interpolate';
import {
  resolveVariables,
  variableMap,
  variableUrlParams,
} from '../../../shared/dashboards/templating/resolve';
import {
  applyVariableRegex,
  parseVariableRegex,
  sortVariableOptions,
} from '../../../shared/dashboards/templating/variable-options';
import { parseVariableQuery, variableQueryText } from '../../../shared/dashboards/templating/variable-query';
import { fakeTemplateClient } from '../../helpers/fake-template-client';

const NEF = JSON.parse(readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8')) as Dashboard;
const range = { fromMs: 1_765_000_000_000 - 86_400_000, toMs: 1_765_000_000_000 };

const unames: LabelSet[] = [
  { __name__: 'node_uname_info', job: 'node', nodename: 'web-2', instance: 'web-2:9100' },
  { __name__: 'node_uname_info', job: 'node', nodename: 'db', instance: 'db:9100' },
  { __name__: 'node_uname_info', job: 'node', nodename: 'db', instance: 'db-b:9100' },
  { __name__: 'node_uname_info', job: 'edge', nodename: 'gw', instance: 'gw:9100' },
  { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
];

test("Node Exporter Full's chained variables resolve in order, each from the ones before", async () => {
  const client = fakeTemplateClient(unames);
  const r = await resolveVariables(NEF.templating.list, {
    ...range,
    client,
    datasources: [{ uid: 'local', name: 'Promdesk', type: 'prometheus', isDefault: true }],
  });
  assert.deepEqual(
    r.map((v) => [v.name, v.value, v.error]),
    [
      ['ds_prometheus', 'local', undefined],
      ['job', 'edge', undefined],
      ['nodename', 'gw', undefined],
      ['node', 'gw:9100', undefined],
    ],
  );
  assert.deepEqual(client.calls, [
    'values job node_uname_info',
    'values nodename node_uname_info{job="edge"}',
    'values instance node_uname_info{job="edge", nodename="gw"}',
  ]);
  assert.deepEqual(
    r[1].choices.map((c) => c.value),
    ['edge', 'node'],
  );
  assert.deepEqual(variableUrlParams(r), [
    ['var-job', 'edge'],
    ['var-nodename', 'gw'],
    ['var-node', 'gw:9100'],
  ]);
  const expr = 'node_load1{instance="$node",job="$job"}';
  assert.equal(interpolate(expr, { vars: variableMap(r) }), 'node_load1{instance="gw:9100",job="edge"}');
});

test('URL values win and feed the chain; a saved current value is kept while it is an option', async () => {
  const client = fakeTemplateClient(unames);
  const r = await resolveVariables(NEF.templating.list, {
    ...range,
    client,
    urlValues: { job: ['node'], nodename: ['db'] },
  });
  assert.deepEqual(
    r.slice(1).map((v) => v.value),
    ['node', 'db', 'db-b:9100'],
  );
  const saved: Variable[] = [{ ...NEF.templating.list[1], current: { text: 'node', value: 'node' } }];
  const r2 = await resolveVariables(saved, { ...range, client });
  assert.equal(r2[0].value, 'node');
  const gone: Variable[] = [{ ...NEF.templating.list[1], current: { text: 'old', value: 'old' } }];
  assert.equal((await resolveVariables(gone, { ...range, client }))[0].value, 'edge');
});

test('multi and All: All is the default, URL "$__all" or several values select as Grafana', async () => {
  const client = fakeTemplateClient(unames);
  const inst: Variable = {
    name: 'instance',
    type: 'query',
    query: { query: 'label_values(node_uname_info{job="node"}, instance)', refId: 'A' },
    multi: true,
    includeAll: true,
    sort: 1,
  };
  const [all] = await resolveVariables([inst], { ...range, client });
  assert.deepEqual(all.value, ['$__all']);
  assert.deepEqual(
    all.choices.map((c) => c.text),
    ['All', 'db-b:9100', 'db:9100', 'web-2:9100'],
  );
  assert.equal(
    interpolate('{instance=~"$instance"}', { vars: variableMap([all]) }),
    '{instance=~"(db-b:9100|db:9100|web-2:9100)"}',
  );
  const [two] = await resolveVariables([inst], {
    ...range,
    client,
    urlValues: { instance: ['db:9100', 'web-2:9100'] },
  });
  assert.deepEqual(two.value, ['db:9100', 'web-2:9100']);
  assert.equal(interpolate('$instance', { vars: variableMap([two]) }), '(db:9100|web-2:9100)');
  const [custom] = await resolveVariables([{ ...inst, allValue: '.+' }], { ...range, client });
  assert.equal(interpolate('{instance=~"$instance"}', { vars: variableMap([custom]) }), '{instance=~".+"}');
});

test('regex keeps a capture, or named groups text and value; duplicates go', () => {
  assert.deepEqual(applyVariableRegex(['web-2:9100', 'db:9100', 'db:9200', 'x'], '/(.*):\\d+/'), [
    { text: 'web-2', value: 'web-2' },
    { text: 'db', value: 'db' },
  ]);
  assert.deepEqual(applyVariableRegex(['a=1', 'b=2'], '/(?<text>\\w)=(?<value>\\d)/'), [
    { text: 'a', value: '1' },
    { text: 'b', value: '2' },
  ]);
  assert.deepEqual(applyVariableRegex(['a=1'], '/(?<value>\\d)/'), [{ text: '1', value: '1' }]);
  assert.throws(() => parseVariableRegex('/(/'), /regex "\/\(\/" is not a valid regular expression/);
});

test('sort modes: alphabetical, numerical (first number), case-insensitive and natural, each reversible', () => {
  const o = ['b10', 'B2', 'a1', 'b2', 'x'].map((v) => ({ text: v, value: v }));
  const s = (mode: number) => sortVariableOptions(o, mode).map((x) => x.text);
  assert.deepEqual(s(0), ['b10', 'B2', 'a1', 'b2', 'x']);
  assert.deepEqual(s(1), ['B2', 'a1', 'b10', 'b2', 'x']);
  assert.deepEqual(s(2), ['x', 'b2', 'b10', 'a1', 'B2']);
  assert.deepEqual(s(3), ['x', 'a1', 'B2', 'b2', 'b10']);
  assert.deepEqual(s(4), ['b10', 'b2', 'B2', 'a1', 'x']);
  assert.deepEqual(s(5), ['a1', 'b10', 'B2', 'b2', 'x']);
  assert.deepEqual(s(7), ['a1', 'B2', 'b2', 'b10', 'x']);
  assert.deepEqual(s(8), ['x', 'b10', 'b2', 'B2', 'a1']);
});

test('custom, constant, interval (with auto), textbox and datasource variables', async () => {
  const client = fakeTemplateClient([]);
  const list: Variable[] = [
    { name: 'env', type: 'custom', query: 'prod : p\\,1, dev', current: { text: 'dev', value: 'dev' } },
    { name: 'c', type: 'constant', query: 'k8s' },
    { name: 'iv', type: 'interval', query: '1m,10m,1h', auto: true, auto_count: 30, auto_min: '10s' },
    { name: 'iv2', type: 'interval', query: '1m,10m,1h', current: { text: '10m', value: '10m' } },
    { name: 'tb', type: 'textbox', query: 'default text' },
    { name: 'ds', type: 'datasource', query: 'prometheus', regex: '/^remote/' },
  ];
  const r = await resolveVariables(list, {
    ...range,
    client,
    urlValues: { tb: ['typed'] },
    datasources: [
      { uid: 'local', name: 'Promdesk', type: 'prometheus', isDefault: true },
      { uid: 'r1', name: 'remote-a', type: 'prometheus' },
      { uid: 'l1', name: 'loki', type: 'loki' },
    ],
  });
  assert.deepEqual(r[0].choices, [
    { text: 'prod', value: 'p,1' },
    { text: 'dev', value: 'dev' },
  ]);
  assert.equal(r[0].value, 'dev');
  assert.equal(r[1].value, 'k8s');
  assert.equal(r[2].value, '1h'); // auto: 24 h / 30 → 48 min → rounded to 1 h
  assert.equal(r[2].text, 'auto');
  assert.equal(r[3].value, '10m');
  assert.equal(r[4].value, 'typed');
  assert.equal(r[5].value, 'r1');
  assert.deepEqual(
    variableUrlParams(r).map(([k]) => k),
    ['var-env', 'var-iv', 'var-iv2', 'var-tb'],
  );
});

test('query_result, label_names and metrics(re) variables', async () => {
  const client = fakeTemplateClient(unames, () => ({
    resultType: 'vector',
    result: [{ metric: { __name__: 'up', job: 'a', instance: 'h:1' }, value: [1700000000.5, '1'] }],
  }));
  const list: Variable[] = [
    { name: 'qr', type: 'query', query: 'query_result(up{job="$job"})', regex: '/instance="([^"]+)"/' },
    { name: 'job', type: 'constant', query: 'a' },
    { name: 'ln', type: 'query', query: 'label_names()', sort: 1 },
    { name: 'm', type: 'query', query: 'metrics(^node_)' },
    { name: 'raw', type: 'query', query: 'query_result(up)' },
  ];
  const r = await resolveVariables(list, { ...range, client });
  assert.equal(r[0].value, 'h:1');
  assert.deepEqual(r[2].options, ['__name__', 'instance', 'job', 'nodename']);
  assert.deepEqual(r[3].options, ['node_uname_info']);
  assert.deepEqual(r[4].options, ['up{job="a",instance="h:1"} 1 1700000000500']);
  // $job was not yet resolved when qr ran: it is left as written, in order, as Grafana does.
  assert.equal(client.calls[0], 'query up{job="$job"}');
});

test('a failing or unreadable query leaves its error on that variable; the rest resolve', async () => {
  const client = fakeTemplateClient(unames);
  client.labelValues = async () => {
    throw new Error('HTTP 503 from the store');
  };
  const list: Variable[] = [
    { name: 'bad', type: 'query', query: 'label_values(up, job)' },
    { name: 'weird', type: 'query', query: 'series(up)' },
    { name: 'none', type: 'query', query: '' },
    { name: 'nope', type: 'mystery' },
    { name: 'ok', type: 'custom', query: 'a,b' },
  ];
  const r = await resolveVariables(list, { ...range, client });
  assert.equal(r[0].error, 'HTTP 503 from the store');
  assert.equal(r[0].value, '');
  assert.match(r[1].error ?? '', /variable query "series\(up\)" is not one of label_values/);
  assert.equal(r[2].error, 'the variable has no query');
  assert.equal(r[3].error, 'variable type "mystery" is not supported');
  assert.equal(r[4].value, 'a');
  assert.equal(r[4].error, undefined);
});

test('saved options are used without a query when refresh is 0 (never)', async () => {
  const client = fakeTemplateClient(unames);
  const v: Variable = {
    name: 'x',
    type: 'query',
    query: 'label_values(job)',
    refresh: 0,
    options: [
      { text: 's1', value: 's1' },
      { text: 's2', value: 's2' },
    ],
  };
  const [r] = await resolveVariables([v], { ...range, client });
  assert.deepEqual(r.options, ['s1', 's2']);
  assert.deepEqual(client.calls, []);
});

test('variable query text and parsing', () => {
  assert.equal(variableQueryText({ query: 'label_values(job)', refId: 'A' }), 'label_values(job)');
  assert.equal(variableQueryText({ qryType: 1 }), 'label_names()');
  assert.equal(variableQueryText({ qryType: 2, label: 'job', metric: 'up' }), 'label_values(up, job)');
  assert.equal(variableQueryText({ qryType: 3, metric: 'node_.*' }), 'metrics(node_.*)');
  assert.equal(variableQueryText(42), '');
  assert.deepEqual(parseVariableQuery(' label_values( up{a="b,c"} , job ) '), {
    kind: 'label_values',
    label: 'job',
    match: 'up{a="b,c"}',
  });
  assert.deepEqual(parseVariableQuery('label_names(up)'), { kind: 'label_names', match: 'up' });
});

test('an interval variable selected as "auto" (by URL or saved as $__auto_interval_<name>) gets the computed interval', async () => {
  const client = fakeTemplateClient([]);
  const iv: Variable = {
    name: 'iv',
    type: 'interval',
    query: '1m,10m',
    auto: true,
    auto_count: 10,
    auto_min: '10s',
  };
  const [byUrl] = await resolveVariables([iv], { ...range, client, urlValues: { iv: ['auto'] } });
  assert.deepEqual([byUrl.value, byUrl.text], ['2h', 'auto']); // 24 h / 10 = 2.4 h, which Grafana rounds to 2 h
  const saved = { ...iv, current: { text: 'auto', value: '$__auto_interval_iv' } };
  const [bySaved] = await resolveVariables([saved], { ...range, client });
  assert.equal(bySaved.value, '2h');
  const [picked] = await resolveVariables([iv], { ...range, client, urlValues: { iv: ['10m'] } });
  assert.equal(picked.value, '10m');
});
