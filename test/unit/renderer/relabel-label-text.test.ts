// The relabel debugger's label set as text: Prometheus's {a="b"} form with Go's escapes, an
// optional metric name as __name__, and errors that say at which character the text went wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabelSet, parseLabelSet } from '../../../renderer/src/views/relabel/label-text';

test('parses and formats label sets, escapes and a metric name included', () => {
  assert.deepEqual(parseLabelSet('{a="b", c = "d\\"e\\\\f\\ng",}'), { labels: { a: 'b', c: 'd"e\\f\ng' } });
  assert.deepEqual(parseLabelSet('up{job="x"}'), { labels: { __name__: 'up', job: 'x' } });
  assert.deepEqual(parseLabelSet('node_load1'), { labels: { __name__: 'node_load1' } });
  assert.deepEqual(parseLabelSet('  '), { labels: {} });
  assert.deepEqual(parseLabelSet('{}'), { labels: {} });
  const odd = parseLabelSet('{__proto__="x"}');
  assert.ok('labels' in odd && Object.hasOwn(odd.labels, '__proto__'), 'a label like any other');
  const labels = { z: '1', a: 'q"\\\n', __address__: 'h:1' };
  assert.equal(formatLabelSet(labels), '{__address__="h:1", a="q\\"\\\\\\n", z="1"}');
  assert.deepEqual(parseLabelSet(formatLabelSet(labels)), { labels });
});

test('errors name the character', () => {
  assert.deepEqual(parseLabelSet('{a="b"'), { error: 'expected "," or "}" at character 7 (the end)' });
  assert.deepEqual(parseLabelSet('{a=b}'), { error: 'expected a quoted value at character 4 ("b")' });
  assert.deepEqual(parseLabelSet('{1a="b"}'), { error: 'expected a label name at character 2 ("1")' });
  assert.deepEqual(parseLabelSet('{a="b", a="c"}'), {
    error: 'label "a" is set twice at character 14 ("}")',
  });
  assert.deepEqual(parseLabelSet('{a="\\x"}'), { error: 'unknown escape at character 6 ("x")' });
  assert.deepEqual(parseLabelSet('{a="b"} x'), { error: 'unexpected text after "}" at character 9 ("x")' });
  assert.deepEqual(parseLabelSet('{a="b'), { error: 'unterminated value at character 6 (the end)' });
  assert.deepEqual(parseLabelSet('a b'), { error: 'expected "{" at character 3 ("b")' });
});
