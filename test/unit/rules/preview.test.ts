// The rule editor's preview (shared/rules/preview.ts) against the real alerting rule
// (electron/engine/rules/alerting-rule.ts): for random series present or absent at each step and
// random `for` / `keep_firing_for`, the preview's state at each step is the state the rule's
// ALERTS output has when evaluated at the same times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { previewAlert, type PreviewInputSeries } from '../../../shared/rules/preview';
import { AlertingRule } from '../../../electron/engine/rules/alerting-rule';
import type { RuleSample } from '../../../electron/engine/rules/types';
import { labelsKey } from '../../../shared/labels-key';

const M = 60_000;

/** The real rule over the same steps: each series' state from ALERTS after each evaluation. */
function ruleStates(series: PreviewInputSeries[], times: number[], forMs: number, keepMs: number) {
  const rule = new AlertingRule({
    kind: 'alert',
    name: 'Preview',
    expr: 'x',
    forMs,
    keepFiringForMs: keepMs,
    labels: {},
    annotations: {},
    line: 0,
  });
  const query = (_: string, t: number): RuleSample[] =>
    series.flatMap((s) => {
      const j = Array.from(s.timestamps).indexOf(t);
      return j < 0 ? [] : [{ labels: s.labels, v: s.values[j] }];
    });
  const out = new Map<string, string[]>();
  times.forEach((t, i) => {
    for (const s of rule.eval(t, { query, externalLabels: {}, externalURL: '' }, 0)) {
      if (s.labels.__name__ !== 'ALERTS') continue;
      const { alertname: _a, alertstate, __name__: _n, ...labels } = s.labels;
      const key = labelsKey(labels);
      if (!out.has(key))
        out.set(
          key,
          times.map(() => 'inactive'),
        );
      out.get(key)![i] = alertstate;
    }
  });
  return out;
}

const presence = (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n });

test('the preview follows the alerting rule state machine step by step (random series, for, keep_firing_for)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          present: fc.array(presence(n), { minLength: 1, maxLength: 4 }),
          forSteps: fc.integer({ min: 0, max: 6 }),
          keepSteps: fc.integer({ min: 0, max: 6 }),
          stepMs: fc.constantFrom(15_000, M, 5 * M),
        }),
      ),
      ({ n, present, forSteps, keepSteps, stepMs }) => {
        const start = 1_700_000_000_000;
        const grid = { startMs: start, endMs: start + (n - 1) * stepMs, stepMs };
        const series: PreviewInputSeries[] = present.map((p, k) => {
          const ts = p.flatMap((on, i) => (on ? [start + i * stepMs] : []));
          return {
            labels: { __name__: 'x', instance: `h${k}` },
            timestamps: ts,
            values: ts.map((_, i) => i),
          };
        });
        const forMs = forSteps * stepMs;
        const keepMs = keepSteps * stepMs;
        const preview = previewAlert(series, grid, forMs, keepMs);
        const expected = ruleStates(series, preview.timesMs, forMs, keepMs);
        assert.equal(preview.error, '');
        assert.deepEqual(
          new Map(preview.series.map((s) => [labelsKey(s.labels), s.states])),
          expected,
          JSON.stringify({ present, forSteps, keepSteps }),
        );
      },
    ),
    { numRuns: 400 },
  );
});

test('bands: pending then firing, held by keep_firing_for, the overall bands take the most severe state', () => {
  const grid = { startMs: 0 + M, endMs: 12 * M, stepMs: M };
  const at = (...mins: number[]) => mins.map((m) => m * M);
  const series: PreviewInputSeries[] = [
    { labels: { __name__: 'up', instance: 'a' }, timestamps: at(2, 3, 4, 5), values: [0, 0, 0, 0] },
    { labels: { __name__: 'up', instance: 'b' }, timestamps: at(4, 5, 6, 7, 8), values: [0, 0, 0, 0, 0] },
  ];
  const p = previewAlert(series, grid, 2 * M, 3 * M);
  assert.deepEqual(p.series[0].bands, [
    { state: 'pending', startMs: 2 * M, endMs: 4 * M },
    { state: 'firing', startMs: 4 * M, endMs: 9 * M },
  ]);
  assert.deepEqual(p.series[1].bands, [
    { state: 'pending', startMs: 4 * M, endMs: 6 * M },
    { state: 'firing', startMs: 6 * M, endMs: 12 * M },
  ]);
  assert.deepEqual(p.bands, [
    { state: 'pending', startMs: 2 * M, endMs: 4 * M },
    { state: 'firing', startMs: 4 * M, endMs: 12 * M },
  ]);
  assert.deepEqual(p.series[0].labels, { instance: 'a' }, 'the alert labels drop __name__');
});

test('series that are one alert without __name__ give the rule error; a grid too long is refused', () => {
  const grid = { startMs: M, endMs: 3 * M, stepMs: M };
  const p = previewAlert(
    [
      { labels: { __name__: 'a', job: 'j' }, timestamps: [2 * M], values: [1] },
      { labels: { __name__: 'b', job: 'j' }, timestamps: [2 * M], values: [1] },
    ],
    grid,
    0,
    0,
  );
  assert.equal(p.error, 'vector contains metrics with the same labelset after applying alert labels');
  assert.throws(
    () => previewAlert([], { startMs: 0, endMs: 86_400_000, stepMs: 1000 }, 0, 0),
    /more than 11000/,
  );
  assert.throws(() => previewAlert([], { startMs: 0, endMs: 1, stepMs: 0 }, 0, 0), /step must be positive/);
});
