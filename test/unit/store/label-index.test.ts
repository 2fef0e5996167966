// The label index's sorted postings must select exactly what testing every series against every
// matcher selects (Prometheus's rule: a missing label compares as ""), for random label sets,
// ids added in any order, and every kind of matcher, empty-matching ones included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LabelIndex, type IndexedSeries } from '../../../electron/engine/store/label-index';
import { compileMatcher } from '../../../electron/engine/store/matcher';
import { Postings } from '../../../electron/engine/store/postings';
import type { Matcher, MatchType } from '../../../electron/engine/store/types';
import type { LabelSet } from '../../../shared/api';

const NAMES = ['__name__', 'job', 'instance', 'path', 'code'];
const VALUES = ['a', 'b', 'ab', 'c', '200', '500'];

const labelsArb = fc
  .array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { maxLength: 5 })
  .map((pairs) => Object.fromEntries(pairs) as LabelSet);

const matcherArb: fc.Arbitrary<Matcher> = fc.record({
  name: fc.constantFrom(...NAMES, 'absent'),
  type: fc.constantFrom<MatchType>('=', '!=', '=~', '!~'),
  value: fc.constantFrom('', ...VALUES, 'a|b', 'a.*', '.*', '.+', '2..'),
});

function plainSelect(series: IndexedSeries[], matchers: Matcher[]): number[] {
  const tests = matchers.map((m) => ({ name: m.name, test: compileMatcher(m) }));
  return series
    .filter((s) => tests.every((t) => t.test(s.labels[t.name] ?? '')))
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

test('select answers as a plain filter over every series, for ids added in any order', () => {
  fc.assert(
    fc.property(
      fc.array(labelsArb, { maxLength: 40 }),
      fc.array(fc.array(matcherArb, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      (sets, matcherLists, shuffled) => {
        const series: IndexedSeries[] = sets.map((labels, i) => ({ id: i + 1, labels, minT: 0, maxT: 0 }));
        const index = new LabelIndex();
        const order = shuffled ? [...series].reverse() : series;
        for (const s of order) index.add(s);
        // Adding a series again changes nothing.
        if (series.length > 0) index.add(series[0]);
        for (const ms of matcherLists) assert.deepEqual(index.select(ms), plainSelect(series, ms));
      },
    ),
    { numRuns: 300 },
  );
});

test('postings stay sorted and free of duplicates however ids arrive', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 200 }), (ids) => {
      const p = new Postings();
      for (const id of ids) p.add(id);
      assert.deepEqual(
        [...p.view()],
        [...new Set(ids)].sort((a, b) => a - b),
      );
    }),
  );
});
