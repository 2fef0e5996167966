// A panel's queries as Grafana's query runner builds them, on Node Exporter Full's own panels:
// variables and built-ins substituted, the step from width or maxDataPoints and the true scrape
// interval, instant vs range, step-aligned ranges; timeFrom/timeShift; hidden targets skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Dashboard, Panel } from '../../../shared/dashboards/model';
import type { VariableValue } from '../../../shared/dashboards/templating/interpolate';
import {
  isRunnableTarget,
  panelQueries,
  panelRange,
  panelTitle,
} from '../../../shared/dashboards/templating/panel-queries';
import { scrapeIntervalFor } from '../../../shared/dashboards/templating/scrape-interval';
import type { TargetView } from '../../../shared/api';

const NEF = JSON.parse(readFileSync('../shared/dashboards/node-exporter-full.json', 'utf8')) as Dashboard;
const all: Panel[] = [];
const walk = (ps: Panel[]) =>
  ps.forEach((p) => (all.push(p), walk((p as { panels?: Panel[] }).panels ?? [])));
walk(NEF.panels);
const panel = (title: string) => all.find((p) => p.title === title)!;

const vars = new Map<string, VariableValue>([
  ['job', { name: 'job', value: 'node' }],
  ['node', { name: 'node', value: 'host:9100' }],
]);
const now = 1_765_000_000_000;
const last15m = { fromMs: now - 900_000, toMs: now };

test('CPU Busy (gauge, instant): $__rate_interval 20s from the 5 s scrape, an instant query at the end', () => {
  const { queries } = panelQueries({
    panel: panel('CPU Busy'),
    range: last15m,
    vars,
    widthPx: 175,
    scrapeIntervalS: 5,
  });
  assert.equal(queries.length, 1);
  const q = queries[0];
  assert.equal(
    q.expr,
    '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle",instance="host:9100",job="node"}[20s])))',
  );
  assert.equal(q.instant, true);
  assert.equal(q.range, false);
  assert.equal(q.timeS, now / 1000);
  assert.equal(q.stepS, 5);
});

test('Uptime (stat, maxDataPoints 100): the step comes from maxDataPoints', () => {
  const { queries } = panelQueries({
    panel: panel('Uptime'),
    range: last15m,
    vars,
    widthPx: 233,
    scrapeIntervalS: 5,
  });
  assert.equal(queries[0].stepS, 10);
  assert.equal(queries[0].builtins.__interval, '10s');
  assert.equal(queries[0].builtins.__rate_interval, '20s');
});

test('CPU Basic over 24 h at 700 px: 5m step, aligned range, rate interval = step + scrape', () => {
  const day = { fromMs: now - 86_400_000, toMs: now };
  const { queries } = panelQueries({
    panel: panel('CPU Basic'),
    range: day,
    vars,
    widthPx: 700,
    scrapeIntervalS: 5,
  });
  assert.deepEqual(
    queries.map((q) => [q.refId, q.legendFormat, q.range, q.instant]),
    [
      ['A', 'Busy System', true, false],
      ['B', 'Busy User', true, false],
      ['C', 'Busy Iowait', true, false],
      ['D', 'Busy IRQs', true, false],
      ['E', 'Busy Other', true, false],
      ['F', 'Idle', true, false],
    ],
  );
  const q = queries[0];
  assert.equal(q.stepS, 300);
  assert.match(q.expr, /\[305s\]\)\)$/);
  assert.equal(q.startS % 300, 0);
  assert.equal(q.endS % 300, 0);
  assert.ok(q.endS <= now / 1000 && q.endS > now / 1000 - 300);
});

test('timeFrom and timeShift, with variables; unreadable ones are named and ignored', () => {
  const withVar = new Map([...vars, ['shift', { name: 'shift', value: '1d' }]]);
  assert.deepEqual(panelRange({ timeFrom: '1h', timeShift: '$shift' }, last15m, { vars: withVar }), {
    fromMs: now - 3_600_000 - 86_400_000,
    toMs: now - 86_400_000,
    info: 'Last 1h timeshift -1d',
  });
  assert.deepEqual(panelRange({ timeFrom: 'now-30m' }, last15m), {
    fromMs: now - 1_800_000,
    toMs: now,
    info: 'Last 30m',
  });
  const bad = panelRange({ timeFrom: 'yesterday' }, last15m);
  assert.equal(bad.fromMs, last15m.fromMs);
  assert.equal(bad.error, 'timeFrom "yesterday" is not a duration such as "1h"');
});

test('hidden and empty targets are not run; both range and instant; panel interval and titles', () => {
  const p: Pick<Panel, 'targets' | 'interval'> = {
    interval: '1m',
    targets: [
      { refId: 'A', expr: 'up{job="$job"}', hide: true },
      { refId: 'B', expr: '  ' },
      {
        refId: 'C',
        expr: 'rate(x[$__interval])',
        instant: true,
        range: true,
        legendFormat: '{{instance}} $job',
      },
    ],
  };
  assert.deepEqual(p.targets!.map(isRunnableTarget), [false, false, true]);
  const { queries } = panelQueries({ panel: p, range: last15m, vars, widthPx: 1400, scrapeIntervalS: 5 });
  assert.equal(queries.length, 1);
  assert.equal(queries[0].expr, 'rate(x[1m])');
  assert.equal(queries[0].legendFormat, '{{instance}} node');
  assert.ok(queries[0].range && queries[0].instant);
  const multi = new Map([['host', { name: 'host', value: ['a', 'b'], text: ['a', 'b'], multi: true }]]);
  assert.equal(panelTitle('CPU on $host', multi), 'CPU on a + b');
});

test("each query's scrape interval can come from the targets it reads", () => {
  const targets = [
    {
      input: { intervalMs: 2000 } as TargetView['input'],
      targetLabels: { job: 'node', instance: 'host:9100' },
    },
    { input: { intervalMs: 60_000 } as TargetView['input'], targetLabels: { job: 'slow', instance: 's:1' } },
  ];
  const { queries } = panelQueries({
    panel: panel('CPU Busy'),
    range: last15m,
    vars,
    widthPx: 175,
    scrapeIntervalS: (expr) => scrapeIntervalFor(expr, targets),
  });
  assert.equal(queries[0].stepS, 5, '15 min over 175 px rounds to 5 s, above the 2 s scrape');
  assert.equal(queries[0].builtins.__rate_interval, '8s');
});
