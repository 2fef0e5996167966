// labelsKey is the series key the store persists: its form must stay JSON.stringify of the sorted
// non-empty [name, value] pairs, whatever the characters, or stored series stop being found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { labelsKey } from '../../../shared/labels-key';

const reference = (labels: Record<string, string>) =>
  JSON.stringify(
    Object.keys(labels)
      .filter((n) => labels[n] !== '')
      .sort()
      .map((n) => [n, labels[n]]),
  );

test('labelsKey is the JSON of the sorted non-empty pairs', () => {
  assert.equal(labelsKey({}), '[]');
  assert.equal(labelsKey({ a: '' }), '[]');
  assert.equal(labelsKey({ job: 'a', __name__: 'up', x: '' }), '[["__name__","up"],["job","a"]]');
  assert.equal(
    labelsKey({ 'q"': 'a\\b\n\u0001', s: '\ud800😀é' }),
    reference({ 'q"': 'a\\b\n\u0001', s: '\ud800😀é' }),
  );
  fc.assert(
    fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (labels) => {
      assert.equal(labelsKey(labels), reference(labels));
    }),
    { numRuns: 2000 },
  );
});
