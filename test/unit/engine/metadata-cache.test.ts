// The metadata cache's shortcut (a name's entry repeated from its last scrape is not keyed again)
// must list what a plain record of every unique entry per name lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MetadataCache, type MetadataEntry } from '../../../electron/engine/metadata';

const entryArb = fc.record({
  type: fc.constantFrom('counter', 'gauge', 'unknown'),
  help: fc.constantFrom('', 'Requests.', 'A much longer help text than thirteen characters.'),
  unit: fc.constantFrom('', 'seconds'),
});
const scrapeArb = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a_long_metric_name_total'), entryArb), {
  maxLength: 4,
});

test('entries repeated scrape after scrape are listed once, in first-seen order, as a plain record', () => {
  fc.assert(
    fc.property(fc.array(scrapeArb, { maxLength: 12 }), (scrapes) => {
      const cache = new MetadataCache();
      const plain = new Map<string, Map<string, MetadataEntry>>();
      for (const scrape of scrapes) {
        const sink = cache.sink();
        // One entry per family and scrape, the last lines of a family winning (as the sink does).
        const families = new Map<string, MetadataEntry>();
        for (const [name, e] of scrape) {
          sink.type(name, e.type);
          sink.help(name, e.help);
          if (e.unit !== '') sink.unit(name, e.unit);
          const f = families.get(name) ?? { type: 'unknown', help: '', unit: '' };
          families.set(name, { type: e.type, help: e.help, unit: e.unit === '' ? f.unit : e.unit });
        }
        sink.done();
        for (const [name, e] of families) {
          const m = plain.get(name) ?? new Map<string, MetadataEntry>();
          plain.set(name, m);
          const k = `${e.type}|${e.help}|${e.unit}`;
          if (!m.has(k)) m.set(k, e);
        }
      }
      const expected = [...plain.keys()].sort().map((n) => [n, [...plain.get(n)!.values()]]);
      assert.deepEqual(cache.list(), expected);
    }),
  );
});
