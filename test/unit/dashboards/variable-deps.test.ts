// When a variable changes, the ones that use it (transitively) are re-run, as Grafana does; a
// repeated panel gets one value per selection, or per option under All, escaped as in Grafana.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Dashboard, Variable } from '../../../shared/dashboards/model';
import { interpolate } from '../../../shared/dashboards/templating/interpolate';
import { dependentVariables, repeatValues } from '../../../shared/dashboards/templating/variable-deps';

const NEF = JSON.parse(readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8')) as Dashboard;

test('Node Exporter Full: job drives nodename and node; nodename drives node; node drives none', () => {
  const list = NEF.templating.list;
  assert.deepEqual(dependentVariables(list, 'job'), ['nodename', 'node']);
  assert.deepEqual(dependentVariables(list, 'nodename'), ['node']);
  assert.deepEqual(dependentVariables(list, 'node'), []);
  // Every query variable names its datasource as ${ds_prometheus}: changing it re-runs them all.
  assert.deepEqual(dependentVariables(list, 'ds_prometheus'), ['job', 'nodename', 'node']);
});

test('dependencies through regex and transitive chains, in list order', () => {
  const list: Variable[] = [
    { name: 'a', type: 'custom', query: 'x,y' },
    { name: 'b', type: 'query', query: 'label_values(up, job)', regex: '/$a.*/' },
    { name: 'c', type: 'query', query: 'label_values(up{job="${b}"}, instance)' },
    { name: 'd', type: 'query', query: 'label_values(up, instance)' },
  ];
  assert.deepEqual(dependentVariables(list, 'a'), ['b', 'c']);
});

test('repeat values: each selected value, every option under All, text kept, escaped as multi', () => {
  const multi = { name: 'dev', value: ['sda', 'sd.b'], text: ['sda', 'sd.b'], multi: true };
  const reps = repeatValues(multi);
  assert.deepEqual(
    reps.map((r) => [r.value, r.text]),
    [
      ['sda', 'sda'],
      ['sd.b', 'sd.b'],
    ],
  );
  assert.equal(interpolate('{device="$dev"}', { vars: new Map([['dev', reps[1]]]) }), '{device="sd\\\\.b"}');
  const all = {
    name: 'dev',
    value: ['$__all'],
    text: ['All'],
    multi: true,
    includeAll: true,
    allValue: '.*',
    options: ['a', 'b'],
  };
  assert.deepEqual(
    repeatValues(all).map((r) => [r.value, r.text, r.allValue]),
    [
      ['a', 'a', null],
      ['b', 'b', null],
    ],
  );
  assert.deepEqual(
    repeatValues({ name: 'x', value: 'one' }).map((r) => r.value),
    ['one'],
  );
});
