// Variable interpolation matches Grafana's templateSrv with its Prometheus datasource: the four
// syntaxes, every named format, regex escaping for multi-value/All variables, custom All values,
// scoped built-ins and __field paths, and unknown variables left as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_VALUE,
  globDefault,
  interpolate,
  referencedVariables,
  type VariableValue,
} from '../../../shared/dashboards/templating/interpolate';
import { FORMAT_IDS, regexEscape, variableFormat } from '../../../shared/dashboards/templating/formats';

const vars = (...list: VariableValue[]) => new Map(list.map((v) => [v.name, v]));
const single: VariableValue = { name: 'job', value: 'node' };
const multi: VariableValue = { name: 'inst', value: ['a.b:9100', 'c:9100'], multi: true };

test('the four syntaxes replace a variable; unknown names stay as written', () => {
  const m = vars(single);
  assert.equal(
    interpolate('up{job="$job"} ${job} [[job]] ${job:raw} $nope ${nope}', { vars: m }),
    'up{job="node"} node node node $nope ${nope}',
  );
  assert.deepEqual(referencedVariables('a $x ${y:csv} [[z]] $x'), ['x', 'y', 'z']);
});

test('single-value variables get the Prometheus regular escape (backslash, single quote)', () => {
  const m = vars({ name: 'p', value: "C:\\it's" });
  assert.equal(interpolate('{path="$p"}', { vars: m }), '{path="C:\\\\it\\\\\'s"}');
});

test('multi-value variables are regex-escaped and joined as (a|b), one value without parentheses', () => {
  assert.equal(
    interpolate('{instance=~"$inst"}', { vars: vars(multi) }),
    '{instance=~"(a\\\\.b:9100|c:9100)"}',
  );
  const one: VariableValue = { name: 'inst', value: ['x.y'], multi: true };
  assert.equal(interpolate('$inst', { vars: vars(one) }), 'x\\\\.y');
  const str: VariableValue = { name: 'inst', value: 'a+b', includeAll: true };
  assert.equal(interpolate('$inst', { vars: vars(str) }), 'a\\\\+b');
});

test('All: every option, or the custom all value untouched', () => {
  const all: VariableValue = { name: 'i', value: ALL_VALUE, includeAll: true, options: ['a', 'b.c'] };
  assert.equal(interpolate('$i', { vars: vars(all) }), '(a|b\\\\.c)');
  assert.equal(interpolate('${i:csv}', { vars: vars(all) }), 'a,b.c');
  assert.equal(interpolate('${i:text}', { vars: vars(all) }), 'All');
  const custom: VariableValue = { ...all, allValue: '.*' };
  assert.equal(interpolate('{i=~"$i"}', { vars: vars(custom) }), '{i=~".*"}');
  assert.equal(interpolate('${i:csv}', { vars: vars(custom) }), '.*');
  assert.equal(interpolate('${i:text}', { vars: vars(custom) }), 'All');
});

test('named formats give what Grafana gives', () => {
  const m = vars(multi, single, { name: 'q', value: ["it's", 'a"b'], multi: true, text: ['T1', 'T2'] });
  const cases: [string, string][] = [
    ['${inst:regex}', '(a\\.b:9100|c:9100)'],
    ['${job:regex}', 'node'],
    ['${inst:pipe}', 'a.b:9100|c:9100'],
    ['${inst:csv}', 'a.b:9100,c:9100'],
    ['${inst:raw}', 'a.b:9100,c:9100'],
    ['${inst:json}', '["a.b:9100","c:9100"]'],
    ['${job:json}', '"node"'],
    ['${inst:glob}', '{a.b:9100,c:9100}'],
    ['${job:glob}', 'node'],
    ['${inst:distributed}', 'a.b:9100,inst=c:9100'],
    ['${q:text}', 'T1 + T2'],
    ['${q:singlequote}', "'it\\'s','a\"b'"],
    ['${q:doublequote}', '"it\'s","a\\"b"'],
    ['${q:sqlstring}', "'it''s','a\"b'"],
    ['${inst:percentencode}', '%7Ba.b%3A9100%2Cc%3A9100%7D'],
    ['${job:percentencode}', 'node'],
    ['${inst:queryparam}', 'var-inst=a.b%3A9100&var-inst=c%3A9100'],
    ['${inst:lucene}', '("a.b\\:9100" OR "c\\:9100")'],
    ['[[inst:pipe]]', 'a.b:9100|c:9100'],
    ['${job:nosuchformat}', 'node'],
  ];
  for (const [input, want] of cases) assert.equal(interpolate(input, { vars: m }), want, input);
  assert.ok(FORMAT_IDS.includes('queryparam') && variableFormat('nope') === undefined);
  assert.equal(regexEscape('a/b(c)'), 'a\\/b\\(c\\)');
});

test('scoped values (built-ins) go in as they are; objects are read by path', () => {
  const scoped = {
    __rate_interval: '20s',
    __field: { labels: { device: 'eth0' }, name: 'rx' },
    __from: '1000',
  };
  assert.equal(
    interpolate('rate(x[$__rate_interval]) ${__field.labels.device} ${__field.name} ${__field.labels.nope}', {
      vars: new Map(),
      scoped,
    }),
    'rate(x[20s]) eth0 rx ${__field.labels.nope}',
  );
  assert.equal(
    interpolate('${__from:date:seconds} ${__from:date:iso}', { vars: new Map(), scoped }),
    '1 1970-01-01T00:00:01.000Z',
  );
});

test('display text uses Grafana default formatting (glob for several values), or a named default', () => {
  assert.equal(interpolate('CPU $inst', { vars: vars(multi), format: globDefault }), 'CPU {a.b:9100,c:9100}');
  assert.equal(
    interpolate('CPU $inst', { vars: vars({ ...multi, text: ['A', 'C'] }), format: 'text' }),
    'CPU A + C',
  );
});
