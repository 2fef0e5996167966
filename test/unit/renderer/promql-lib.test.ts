import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareMessage, errorSpan, lineColumn } from '../../../renderer/src/lib/promql-check';
import {
  completionSelector,
  createPromQLClient,
  type PromQLMatcher,
} from '../../../renderer/src/lib/promql-client';
import type { MatchOp } from '../../../renderer/src/lib/selector';

const ops: Record<number, MatchOp> = { 1: '=', 2: '!=', 3: '=~', 4: '!~' };
const opOf = (t: number) => ops[t] ?? '=';
const m = (type: number, name: string, value: string) => ({ type, name, value }) as unknown as PromQLMatcher;

test('error spans are clamped and never empty', () => {
  assert.equal(errorSpan({ ok: true }, 5), null);
  assert.deepEqual(errorSpan({ ok: false, message: 'x', start: 5, end: 21 }, 21), { from: 5, to: 21 });
  assert.deepEqual(errorSpan({ ok: false, message: 'x', start: 3, end: 3 }, 10), { from: 3, to: 4 });
  assert.deepEqual(errorSpan({ ok: false, message: 'x', start: 10, end: 10 }, 10), { from: 9, to: 10 });
  assert.deepEqual(errorSpan({ ok: false, message: 'x', start: 40, end: 50 }, 10), { from: 9, to: 10 });
  assert.deepEqual(lineColumn('sum(\n  rate(x)', 9), { line: 2, column: 5 });
  assert.equal(bareMessage('1:6: parse error: bad'), 'parse error: bad');
});

test('completion selectors leave out the label being completed and empty matchers', () => {
  assert.equal(completionSelector('up', undefined, opOf), 'up');
  assert.equal(
    completionSelector(
      'up',
      [m(1, 'job', 'a'), m(3, 'instance', 'x.*'), m(2, 'le', ''), m(1, 'code', '2')],
      opOf,
      'code',
    ),
    'up{job="a",instance=~"x.*"}',
  );
  assert.equal(completionSelector('', [m(4, 'job', 'b"c')], opOf), '{job!~"b\\"c"}');
  assert.equal(completionSelector(undefined, [], opOf), '');
});

test('the completion client asks the Api with selectors, caches briefly, survives failures', async () => {
  const calls: string[] = [];
  let now = 0;
  let fail = false;
  const client = createPromQLClient(
    {
      labelNames: async (match) => {
        calls.push(`names ${match ?? ''}`);
        return ['__name__', 'job'];
      },
      labelValues: async (name, match) => {
        calls.push(`values ${name} ${match ?? ''}`);
        if (fail) throw new Error('down');
        return name === '__name__' ? ['up', 'x_total'] : ['a', 'b'];
      },
    },
    opOf,
    () => now,
  );
  assert.deepEqual(await client.metricNames(), ['up', 'x_total']);
  assert.deepEqual(await client.metricNames(), ['up', 'x_total']);
  assert.deepEqual(await client.labelNames('up'), ['job']);
  assert.deepEqual(await client.labelValues('job', 'up', [m(1, 'instance', 'i')]), ['a', 'b']);
  assert.deepEqual(calls, ['values __name__ ', 'names up', 'values job up{instance="i"}']);
  now = 20_000;
  fail = true;
  assert.deepEqual(await client.metricNames(), []);
  fail = false;
  assert.deepEqual(await client.metricNames(), ['up', 'x_total']);
});
