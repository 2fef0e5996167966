import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreviewSession } from '../../../renderer/src/lib/preview-analyze';
import { familyResolver } from '../../../renderer/src/lib/preview-families';
import { lintForPreview } from '../../../renderer/src/lib/preview-lint';
import {
  clampRefreshSeconds,
  fetchRequest,
  parseHeaderLines,
  resolveFormat,
  targetFromPreview,
  type PreviewFetchForm,
} from '../../../renderer/src/lib/preview-request';
import {
  formatLabels,
  formatSampleValue,
  isCounterSample,
  seriesKey,
} from '../../../renderer/src/lib/preview-series';
import { formatHash, parseHash } from '../../../renderer/src/lib/route';
import { defaultTargetInput } from '../../../shared/api';

const BODY = `# HELP jobs_done Jobs done.
# TYPE jobs_done counter
jobs_done{queue="a"} 10
jobs_done{queue="b"} 3
# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 4
latency_seconds_bucket{le="+Inf"} 5
latency_seconds_sum 0.7
latency_seconds_count 5
temperature_celsius 21.5
`;

test('series keys ignore label order; labels display as written', () => {
  assert.equal(seriesKey('a', ['y', '2', 'x', '1']), seriesKey('a', ['x', '1', 'y', '2']));
  assert.equal(seriesKey('a', []), 'a');
  assert.equal(seriesKey('m', ['a0', '1', 'a', '2']), 'm{a="2",a0="1"}');
  assert.equal(seriesKey('m', ['a', '2', 'a0', '1']), 'm{a="2",a0="1"}');
  assert.equal(formatLabels(['y', 'q"\\\n', 'x', '1']), '{y="q\\"\\\\\\n",x="1"}');
  assert.equal(formatLabels([]), '');
  assert.equal(formatSampleValue(Infinity), '+Inf');
  assert.equal(formatSampleValue(-Infinity), '-Inf');
  assert.equal(formatSampleValue(NaN), 'NaN');
  assert.equal(formatSampleValue(0.1), '0.1');
});

test('counters: TYPE counter or a _total name, not _created', () => {
  assert.ok(isCounterSample('x_total', null));
  assert.ok(isCounterSample('jobs_done', 'counter'));
  assert.ok(!isCounterSample('jobs_created', 'counter'));
  assert.ok(!isCounterSample('x', 'gauge'));
  assert.ok(!isCounterSample('x_count', 'histogram'));
});

test('family resolution: histogram suffixes belong to the declared family', () => {
  const r = familyResolver([
    { name: 'h', type: 'histogram', help: null, typeLine: 1, helpLine: null, unit: null, unitLine: null },
  ]);
  assert.equal(r('h_bucket'), 'h');
  assert.equal(r('h_sum'), 'h');
  assert.equal(r('other_sum'), 'other_sum');
});

test('a session analyses a body: families, series, findings, lines', () => {
  const s = new PreviewSession();
  const a = s.analyze({ body: BODY, format: 'auto', contentType: null, fetchedAtMs: 1000, reset: true });
  assert.equal(a.format, 'prometheus-text');
  const om = new PreviewSession().analyze({
    body: 'a_total 1\n# EOF\n',
    format: 'auto',
    contentType: null,
    fetchedAtMs: null,
    reset: true,
  });
  assert.equal(om.format, 'openmetrics');
  assert.equal(a.error, null);
  assert.deepEqual(
    a.families.map((f) => [f.name, f.type, f.series]),
    [
      ['jobs_done', 'counter', 2],
      ['latency_seconds', 'histogram', 4],
      ['temperature_celsius', null, 1],
    ],
  );
  assert.equal(a.lineStarts.length, 11);
  const counter = a.findings.find((f) => f.family === 'jobs_done' && f.line === 2);
  assert.ok(counter, 'the counter without _total is flagged on its TYPE line');
  assert.ok(a.families[0].warnings >= 1);
  assert.deepEqual(
    a.series.map((r) => [r.name + r.labels, r.counter, r.line]),
    [
      ['jobs_done{queue="a"}', true, 3],
      ['jobs_done{queue="b"}', true, 4],
      ['latency_seconds_bucket{le="0.1"}', false, 7],
      ['latency_seconds_bucket{le="+Inf"}', false, 8],
      ['latency_seconds_sum', false, 9],
      ['latency_seconds_count', false, 10],
      ['temperature_celsius', false, 11],
    ],
  );

  const next = BODY.replace('} 10', '} 16').replace('temperature_celsius 21.5\n', 'fresh_total 1\n');
  const b = s.analyze({ body: next, format: 'auto', contentType: null, fetchedAtMs: 3000, reset: false });
  const by = new Map(b.series.map((r) => [r.key, r]));
  assert.equal(by.get('jobs_done{queue="a"}')!.rate, 3);
  assert.equal(by.get('fresh_total')!.status, 'new');
  assert.equal(by.get('temperature_celsius')!.status, 'vanished');
  assert.equal(b.diff.intervalMs, 2000);

  const c = s.analyze({ body: BODY, format: 'auto', contentType: null, fetchedAtMs: 5000, reset: true });
  assert.equal(c.diff.compared, false, 'reset forgets the history');
});

test('a parse error: line and column, the entries before it kept, the history kept', () => {
  const s = new PreviewSession();
  s.analyze({ body: 'a 1\n', format: 'prometheus-text', contentType: null, fetchedAtMs: 0, reset: true });
  const bad = s.analyze({
    body: 'a 2\nb{x="1" 3\n',
    format: 'prometheus-text',
    contentType: null,
    fetchedAtMs: 1000,
    reset: false,
  });
  assert.equal(bad.error?.line, 2);
  assert.ok(bad.error!.column > 1);
  assert.equal(bad.series.length, 1);
  assert.equal(bad.series[0].delta, 1);
});

test('duplicate series get rows of their own', () => {
  const s = new PreviewSession();
  const a = s.analyze({ body: 'a 1\na 2\n', format: 'auto', contentType: null, fetchedAtMs: 0, reset: true });
  assert.equal(a.series.length, 2);
  assert.notEqual(a.series[0].key, a.series[1].key);
});

test('lintForPreview: findings, and on a parse error the entries before it', () => {
  const ok = lintForPreview('# TYPE jobs counter\njobs 1\n', 'prometheus-text');
  assert.equal(ok.error, null);
  assert.ok(ok.problems.some((p) => p.code === 'counter-without-total' && p.line === 1));
  const bad = lintForPreview('# TYPE jobs counter\njobs 1\nbroken{ 2\n', 'prometheus-text');
  assert.equal(bad.error?.line, 3);
  assert.equal(bad.samples.length, 1);
  assert.equal(bad.families[0].type, 'counter');
  assert.ok(bad.problems.some((p) => p.code === 'counter-without-total'));
  const om = lintForPreview(
    '# TYPE req_seconds histogram\n# UNIT req_seconds seconds\n# HELP req_seconds Latency.\n' +
      'req_seconds_bucket{le="1"} 2 # {trace_id="ab"} 0.5\nreq_seconds_bucket{le="+Inf"} 3\n' +
      'req_seconds_count 3\nreq_seconds_sum 1.5\n# EOF\n',
    'openmetrics',
  );
  assert.equal(om.error, null);
  assert.equal(om.families[0].unit, 'seconds');
  assert.deepEqual(om.samples[0].exemplar?.labels, ['trace_id', 'ab']);
});

test('request: headers, timeout, format, refresh period, target', () => {
  assert.deepEqual(parseHeaderLines('Accept: text/plain\n\nX-A:  b c '), {
    headers: { Accept: 'text/plain', 'X-A': 'b c' },
  });
  assert.ok('error' in parseHeaderLines('no colon here'));
  const form: PreviewFetchForm = {
    url: ' http://exporter.lan:9100/metrics ',
    auth: { type: 'bearer', token: 't' },
    headers: '',
    timeoutSeconds: 5,
    tlsInsecureSkipVerify: true,
  };
  const r = fetchRequest(form);
  assert.ok('req' in r);
  assert.equal(r.req.url, 'http://exporter.lan:9100/metrics');
  assert.equal(r.req.timeoutMs, 5000);
  assert.ok('error' in fetchRequest({ ...form, url: 'exporter:9100' }));
  assert.equal(resolveFormat('auto', 'application/openmetrics-text; version=1.0.0', ''), 'openmetrics');
  assert.equal(resolveFormat('auto', 'text/plain', 'a 1\n# EOF\n'), 'prometheus-text');
  assert.equal(resolveFormat('auto', null, 'a 1\n# EOF\n'), 'openmetrics');
  assert.equal(resolveFormat('prometheus-text', 'application/openmetrics-text', ''), 'prometheus-text');
  assert.equal(clampRefreshSeconds(0), 1);
  assert.equal(clampRefreshSeconds(30), 10);
  const t = targetFromPreview(form, '');
  assert.equal(t.job, 'exporter.lan');
  assert.equal(t.intervalMs, defaultTargetInput.intervalMs);
  assert.deepEqual(t.auth, form.auth);
  assert.equal(targetFromPreview(form, ' node ').job, 'node');
});

test('the Preview route keeps the URL', () => {
  const h = formatHash('preview', { url: 'http://127.0.0.1:9100/metrics' });
  assert.equal(h, '#/preview?url=http%3A%2F%2F127.0.0.1%3A9100%2Fmetrics');
  const r = parseHash(h);
  assert.equal(r.view, 'preview');
  assert.equal(r.params.get('url'), 'http://127.0.0.1:9100/metrics');
});
