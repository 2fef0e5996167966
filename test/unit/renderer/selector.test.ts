import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSelector,
  formatSeriesLabels,
  parseSelector,
  quoteLabelValue,
} from '../../../renderer/src/lib/selector';

test('quoteLabelValue escapes backslash, quote and newline', () => {
  assert.equal(quoteLabelValue('plain'), '"plain"');
  assert.equal(quoteLabelValue('a"b'), '"a\\"b"');
  assert.equal(quoteLabelValue('C:\\x'), '"C:\\\\x"');
  assert.equal(quoteLabelValue('l1\nl2'), '"l1\\nl2"');
});

test('buildSelector', () => {
  assert.equal(buildSelector({ metric: 'up', matchers: [] }), 'up');
  assert.equal(
    buildSelector({ metric: 'node_load1', matchers: [{ name: 'job', op: '=', value: 'node' }] }),
    'node_load1{job="node"}',
  );
  assert.equal(
    buildSelector({
      metric: '',
      matchers: [
        { name: 'job', op: '!=', value: 'a"b' },
        { name: 'instance', op: '=~', value: 'host.*' },
        { name: '', op: '=', value: 'ignored' },
      ],
    }),
    '{job!="a\\"b",instance=~"host.*"}',
  );
  assert.equal(buildSelector({ metric: 'my.metric', matchers: [] }), '{__name__="my.metric"}');
  assert.equal(buildSelector({ metric: '  ', matchers: [] }), '');
});

test('parseSelector inverts buildSelector', () => {
  const cases = [
    { metric: 'up', matchers: [] },
    {
      metric: 'node_load1',
      matchers: [
        { name: 'job', op: '=' as const, value: 'no"de' },
        { name: 'i', op: '!~' as const, value: 'a\\b\nc' },
      ],
    },
    { metric: '', matchers: [{ name: 'job', op: '=~' as const, value: '.+' }] },
    { metric: 'my.metric', matchers: [{ name: 'a', op: '=' as const, value: '1' }] },
  ];
  for (const c of cases) assert.deepEqual(parseSelector(buildSelector(c)), c);
});

test('parseSelector accepts hand-typed forms and rejects expressions', () => {
  assert.deepEqual(parseSelector(' up { job = "x" , } '), {
    metric: 'up',
    matchers: [{ name: 'job', op: '=', value: 'x' }],
  });
  assert.deepEqual(parseSelector("x{a='b'}"), {
    metric: 'x',
    matchers: [{ name: 'a', op: '=', value: 'b' }],
  });
  assert.deepEqual(parseSelector('{"my.metric", a="b"}'), {
    metric: 'my.metric',
    matchers: [{ name: 'a', op: '=', value: 'b' }],
  });
  assert.equal(parseSelector('rate(x[5m])'), null);
  assert.equal(parseSelector('x[5m]'), null);
  assert.equal(parseSelector('x + y'), null);
  assert.equal(parseSelector('x{a="b"'), null);
  assert.equal(parseSelector('{}'), null);
  assert.equal(parseSelector(''), null);
});

test('formatSeriesLabels and seriesKey', () => {
  const l = { __name__: 'up', job: 'node', instance: 'h:1' };
  assert.equal(formatSeriesLabels(l), 'up{instance="h:1", job="node"}');
  assert.equal(formatSeriesLabels(l, true), '{instance="h:1", job="node"}');
  assert.equal(formatSeriesLabels({ __name__: 'up' }), 'up');
  assert.equal(formatSeriesLabels({}), '{}');
});
