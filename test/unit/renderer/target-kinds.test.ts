import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTargetInput, type TargetInput } from '../../../shared/api';
import { formFromInput, inputFromForm, jobFromUrl } from '../../../renderer/src/lib/target-form';
import {
  jsonMappingFromForm,
  kindBadge,
  kindFieldsFromForm,
  kindFormFromInput,
  parseNumberList,
  parseRules,
  urlProblem,
} from '../../../renderer/src/lib/target-kinds';

const base: TargetInput = { ...defaultTargetInput, url: 'http://t.lan/tstat', job: 't' };

test('a Prometheus target keeps no kind fields', () => {
  const r = inputFromForm(formFromInput(base));
  assert.ok('input' in r);
  assert.deepEqual(r.input, base);
  assert.equal(kindFormFromInput(base).kind, 'prometheus');
});

test('JSON preset round trip', () => {
  const f = { ...formFromInput(base), kind: 'json' as const };
  assert.equal(f.jsonPreset, 'radio-thermostat', 'a new JSON target starts with the thermostat preset');
  const r = inputFromForm(f);
  assert.ok('input' in r);
  assert.equal(r.input.kind, 'json');
  assert.deepEqual(r.input.json, { preset: 'radio-thermostat' });
  const back = formFromInput(r.input);
  assert.equal(back.kind, 'json');
  assert.equal(back.jsonPreset, 'radio-thermostat');
});

test('all-numbers preset with a prefix, and custom rules after it', () => {
  const k = kindFormFromInput({ ...base, kind: 'json', json: { preset: 'all-numbers', prefix: 'tstat' } });
  assert.equal(k.jsonPrefix, 'tstat');
  const rules = '[{"name": "mode", "path": "$.mode", "transform": {"enum": {"off": 0, "heat": 1}}}]';
  const r = jsonMappingFromForm({ ...k, jsonRules: rules });
  assert.deepEqual(r, {
    json: {
      preset: 'all-numbers',
      prefix: 'tstat',
      metrics: [{ name: 'mode', path: '$.mode', transform: { enum: { off: 0, heat: 1 } } }],
    },
  });
  // The prefix only belongs to all-numbers.
  const t = jsonMappingFromForm({ ...k, jsonPreset: 'radio-thermostat' });
  assert.deepEqual(t, { json: { preset: 'radio-thermostat' } });
  // Rules shown again when editing.
  const again = kindFormFromInput({ ...base, kind: 'json', json: { metrics: [{ name: 'a', path: '$.a' }] } });
  assert.equal(again.jsonPreset, '');
  assert.deepEqual(JSON.parse(again.jsonRules), [{ name: 'a', path: '$.a' }]);
});

test('custom rules: syntax, shape and mapping errors are user-readable', () => {
  assert.deepEqual(parseRules('  '), { rules: [] });
  assert.match((parseRules('[{') as { error: string }).error, /not valid JSON/);
  assert.match((parseRules('{}') as { error: string }).error, /JSON list/);
  assert.match(
    (parseRules('[{"name": "a"}]') as { error: string }).error,
    /rule 1 needs a "name" and a "path"/,
  );
  const k = kindFormFromInput({ ...base, kind: 'json' });
  const bad = jsonMappingFromForm({ ...k, jsonPreset: '', jsonRules: '[{"name": "a", "path": "$.["}]' });
  assert.ok('errors' in bad);
  assert.match(bad.errors[0], /^JSON mapping: invalid JSON path/);
  const none = jsonMappingFromForm({ ...k, jsonPreset: '' });
  assert.ok('errors' in none);
  assert.match(none.errors[0], /no preset and no metrics/);
  const badLabel = jsonMappingFromForm({
    ...k,
    jsonRules: '[{"name": "a", "path": "$.a", "labels": {"bad-name": "x"}}]',
  });
  assert.ok('errors' in badLabel);
  assert.match(badLabel.errors[0], /not a valid label name/);
});

test('TCP stream: tcp://host:port, buckets or quantiles', () => {
  assert.equal(urlProblem('tcp-stream', 'tcp://127.0.0.1:5000'), null);
  assert.match(urlProblem('tcp-stream', 'http://127.0.0.1:5000') ?? '', /tcp:\/\/host:port/);
  assert.match(urlProblem('tcp-stream', 'tcp://host') ?? '', /tcp:\/\/host:port/);
  assert.match(urlProblem('json', 'tcp://h:1') ?? '', /http/);
  assert.equal(jobFromUrl('tcp://app.lan:5000'), 'app.lan');

  const k = { ...kindFormFromInput(base), kind: 'tcp-stream' as const };
  assert.deepEqual(kindFieldsFromForm(k), { fields: { kind: 'tcp-stream', tcp: { histogram: 'buckets' } } });
  assert.deepEqual(kindFieldsFromForm({ ...k, tcpBuckets: '0.1, 0.5 1' }), {
    fields: { kind: 'tcp-stream', tcp: { histogram: 'buckets', buckets: [0.1, 0.5, 1] } },
  });
  assert.deepEqual(kindFieldsFromForm({ ...k, tcpBuckets: '1, 0.5' }), {
    errors: ['Buckets: must be increasing'],
  });
  assert.deepEqual(kindFieldsFromForm({ ...k, tcpHistogram: 'summary', tcpQuantiles: '0.5,0.99' }), {
    fields: { kind: 'tcp-stream', tcp: { histogram: 'summary', quantiles: [0.5, 0.99] } },
  });
  const q = kindFieldsFromForm({ ...k, tcpHistogram: 'summary', tcpQuantiles: '0.5, 2' });
  assert.ok('errors' in q && /Quantiles/.test(q.errors[0]));

  const f = { ...formFromInput(base), ...k, url: 'tcp://127.0.0.1:5000', job: 'app', tcpBuckets: '0.1 1' };
  const r = inputFromForm(f);
  assert.ok('input' in r);
  assert.equal(r.input.job, 'app');
  assert.deepEqual(r.input.tcp, { histogram: 'buckets', buckets: [0.1, 1] });
  const back = formFromInput(r.input);
  assert.equal(back.kind, 'tcp-stream');
  assert.equal(back.tcpBuckets, '0.1, 1');
  const wrong = inputFromForm({ ...f, url: 'http://127.0.0.1:5000' });
  assert.ok('errors' in wrong && wrong.errors.includes('URL: must be tcp://host:port'));
});

test('number lists and the table badge', () => {
  assert.deepEqual(parseNumberList(' .005, 1e-2 ,  10 '), [0.005, 0.01, 10]);
  assert.equal(parseNumberList('1, x'), null);
  assert.deepEqual(parseNumberList(''), []);
  assert.equal(kindBadge(undefined), null);
  assert.equal(kindBadge('prometheus'), null);
  assert.equal(kindBadge('json'), 'JSON');
  assert.equal(kindBadge('tcp-stream'), 'TCP stream');
});
