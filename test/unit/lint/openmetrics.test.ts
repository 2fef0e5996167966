// OpenMetrics-specific rules: counters' _total samples, info and stateset values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../shared/exposition/lint';
import { assertLines, assertNone, lint } from './helpers';

test('OpenMetrics counter family without _total in the name is clean', () => {
  const f = lint('# TYPE a counter\n# HELP a A.\na_total 1\na_created 1.5\n# EOF\n', 'openmetrics');
  assert.deepEqual(f, []);
});

test('info-value-not-one (OpenMetrics info type)', () => {
  const ok = '# TYPE build info\n# HELP build B.\nbuild_info{version="1"} 1\n# EOF\n';
  assertNone(lint(ok, 'openmetrics'), 'info-value-not-one');
  const r = lintText('# TYPE build info\n# HELP build B.\nbuild_info{version="1"} 2\n# EOF\n', {
    format: 'openmetrics',
  });
  // A strict OpenMetrics parser may already reject it; otherwise the linter must.
  if (r.parsed) assertLines(r.problems, 'info-value-not-one', [3]);
});

test('info-value-not-one (text-format gauge named _info) is a warning', () => {
  const f = lint('# HELP a_info A.\n# TYPE a_info gauge\na_info{v="1"} 2\n');
  assertLines(f, 'info-value-not-one', [3]);
  assert.equal(f.find((x) => x.code === 'info-value-not-one')?.severity, 'warning');
});

test('stateset: clean when values are 0/1 with the state label', () => {
  const ok = '# TYPE s stateset\n# HELP s S.\ns{s="a"} 1\ns{s="b"} 0\n# EOF\n';
  assert.deepEqual(lint(ok, 'openmetrics'), []);
  const r = lintText('# TYPE s stateset\n# HELP s S.\ns{s="a"} 2\ns{x="b"} 0\n# EOF\n', {
    format: 'openmetrics',
  });
  if (r.parsed) {
    assertLines(r.problems, 'stateset-value-not-boolean', [3]);
    assertLines(r.problems, 'stateset-missing-state-label', [4]);
  }
});

test('OpenMetrics histogram without _sum: missing _count is only info', () => {
  const f = lint('# TYPE h histogram\n# HELP h H.\nh_bucket{le="+Inf"} 1\n# EOF\n', 'openmetrics');
  assert.equal(f.find((x) => x.code === 'histogram-missing-count')?.severity, 'info');
});

test('gaugehistogram: _gcount must equal +Inf', () => {
  const r = lintText(
    '# TYPE g gaugehistogram\n# HELP g G.\ng_bucket{le="+Inf"} 3\ng_gcount 2\ng_gsum 1\n# EOF\n',
    { format: 'openmetrics' },
  );
  if (r.parsed) assertLines(r.problems, 'histogram-count-mismatch', [4]);
});
