// The scrape cache's positional fast path must not change what a scrape stores: bodies whose
// lines come and go, move, repeat and change values are ingested exactly as a cache-less parse
// plus Prometheus's target labelling would store them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TargetSeriesState, mutateSampleLabels } from '../../../electron/engine/scrape/ingest';
import { labelsKey } from '../../../shared/labels-key';
import type { Appender, AppendOutcome, CommitResult, SeriesRef } from '../../../electron/engine/store/types';
import { parseExposition } from '../../../shared/exposition';
import type { LabelSet } from '../../../shared/api';

/** Records the (series key, value) of every sample appended with a SeriesRef. */
class RecordingAppender implements Appender {
  rows: [string, number][] = [];
  appendRef(ref: SeriesRef, _t: number, v: number, stale: boolean): AppendOutcome {
    if (!stale) this.rows.push([ref.key, v]);
    return 'ok';
  }
  append(): AppendOutcome {
    return 'ok';
  }
  appendStale(): AppendOutcome {
    return 'ok';
  }
  commit(): CommitResult {
    throw new Error('not used');
  }
  rollback(): void {
    this.rows = [];
  }
}

const target: LabelSet = { job: 'j', instance: 'i:1' };
const opts = { targetLabels: target, honorLabels: false, honorTimestamps: true, sampleLimit: 0 };

const pool = [
  'a',
  'a_total{x="1"}',
  'a_total{x="2"}',
  'a_total {x="3"}',
  'b{job="clash",y="1"}',
  'b{y="1",job="clash"}',
  'c{v="a}b"}',
  'c{v="esc\\"q"}',
  'd{}',
  'd',
  'e{x="1",}',
];

const bodyArb = fc.array(fc.tuple(fc.constantFrom(...pool), fc.integer({ min: -5, max: 5 })), {
  maxLength: 14,
});

function expected(body: string): [string, number][] {
  return parseExposition(body, { utf8Names: false }).samples.map((s) => [
    labelsKey(mutateSampleLabels(s.name, s.labels, opts)),
    s.value,
  ]);
}

test('the positional series-text cache stores exactly what a full parse would', () => {
  fc.assert(
    fc.property(fc.array(bodyArb, { minLength: 1, maxLength: 6 }), (bodies) => {
      const state = new TargetSeriesState();
      bodies.forEach((lines, n) => {
        const body = lines.map(([series, v]) => `${series} ${v}\n`).join('');
        const app = new RecordingAppender();
        const r = state.ingest(app, new TextEncoder().encode(body), 'text/plain', 1000 * (n + 1), opts);
        assert.equal(r.error, null);
        assert.deepEqual(app.rows, expected(body));
      });
    }),
    { numRuns: 2000, seed: 11 },
  );
});
