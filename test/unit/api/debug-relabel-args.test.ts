// debugRelabel's argument: one of four shapes, told by its key, so that a bad one gets an error
// naming the field at fault rather than a union's "Invalid input".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTargetInput } from '../../../shared/api';
import { apiParamSchemas, describeInvalidArgs } from '../../../shared/api-schemas';

const check = (arg: unknown) => {
  const r = apiParamSchemas.debugRelabel.safeParse([arg]);
  return r.success ? r.data[0] : describeInvalidArgs('debugRelabel', r.error);
};

test('each shape is taken as it is', () => {
  const target = { ...defaultTargetInput, url: 'http://a:1/m', job: 'j', relabelConfigs: '- {}' };
  for (const arg of [
    { labels: { a: 'b' }, rules: '' },
    { target },
    { targetId: 't' },
    { job: 'j', labels: {} },
  ])
    assert.deepEqual(check(arg), arg);
});

test('a bad one is named by its field', () => {
  assert.equal(
    check({ labels: { a: 1 }, rules: '' }),
    'debugRelabel: labels.a: Invalid input: expected string, received number',
  );
  assert.equal(
    check({ labels: {}, rules: 'x'.repeat(100_001) }),
    'debugRelabel: rules: Too big: expected string to have <=100000 characters',
  );
  assert.match(
    String(
      check({ target: { ...defaultTargetInput, job: 'j', url: 'http://a:1', metricRelabelConfigs: 3 } }),
    ),
    /^debugRelabel: target\.metricRelabelConfigs: /,
  );
  assert.match(String(check({ targetId: 't', extra: 1 })), /^debugRelabel: .*extra/);
  const none = 'debugRelabel: argument 1: expected {labels, rules}, {target}, {targetId} or {job, labels}';
  for (const arg of [{}, null, 'x', [], JSON.parse('{"__proto__":{"rules":""}}')])
    assert.equal(check(arg), none);
});
