// The short version of bench/fuzz.bench.ts: a few seconds over the frame decoder, the Api's
// request schemas, the PromQL parser and the exposition parsers, with a fixed seed. Any input
// that throws something other than the parser's own error, or takes longer than a bound linear
// in its size, is a failure printed with its input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, runFuzz } from '../../helpers/fuzz-run';

test('a short fuzz run over every parser of outside input finds nothing', () => {
  const report = runFuzz({ durationMs: 8000, seed: 12 });
  const text = formatReport(report);
  for (const t of report.targets) assert.ok(t.runs >= 20, `${t.name} ran only ${t.runs} inputs\n${text}`);
  assert.deepEqual(report.findings, [], text);
});
