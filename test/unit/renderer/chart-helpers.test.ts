import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAxisTicks } from '../../../renderer/src/charts/axis-ticks';
import { applyLegendFormat, legendNames, legendOrder } from '../../../renderer/src/charts/legend-names';
import { legendCalcs } from '../../../renderer/src/charts/legend-calcs';
import { medianGap, nearestSample } from '../../../renderer/src/charts/nearest-sample';
import { fillColor, negateSeries, percentColumns } from '../../../renderer/src/charts/series-transform';
import { tooltipEntries } from '../../../renderer/src/charts/tooltip-entries';
import { chartFormat } from '../../../renderer/src/charts/value-format';
import { formatValue } from '../../../renderer/src/lib/format';
import { guessUnit } from '../../../renderer/src/lib/units';

const unique = (xs: string[]) => new Set(xs).size === xs.length;
const ticks = (from: number, step: number, n: number) =>
  Array.from({ length: n }, (_x, i) => from + i * step);

test('axis ticks: a narrow range gets the decimals its step needs, never repeated labels', () => {
  assert.deepEqual(formatAxisTicks([30.7, 30.702, 30.704, 30.706], 0.002, 'none'), [
    '30.700',
    '30.702',
    '30.704',
    '30.706',
  ]);
  assert.deepEqual(formatAxisTicks([0, 2.5, 5, 7.5], 2.5, 'none'), ['0.0', '2.5', '5.0', '7.5']);
  assert.deepEqual(formatAxisTicks([0, 20, 40], 20, 'none'), ['0', '20', '40']);
  assert.deepEqual(formatAxisTicks([1e6, 1.5e6, 2e6], 5e5, 'none'), ['1.0M', '1.5M', '2.0M']);
  // 22.9 GiB with 16 MiB steps: one scale (GiB), enough decimals to tell them apart.
  const gib = 1024 ** 3;
  const bytes = ticks(22.9 * gib, 16 * 1024 ** 2, 5);
  const b = formatAxisTicks(bytes, 16 * 1024 ** 2, 'bytes');
  assert.ok(unique(b), b.join(', '));
  assert.ok(
    b.every((s) => s.endsWith(' GiB')),
    b.join(', '),
  );
  assert.deepEqual(formatAxisTicks([0, 256 * 1024 ** 2, 512 * 1024 ** 2], 256 * 1024 ** 2, 'bytes'), [
    '0 MiB',
    '256 MiB',
    '512 MiB',
  ]);
  // Ratios print as percentages; a narrow band still reads apart.
  const r = formatAxisTicks([0.9901, 0.9902, 0.9903], 0.0001, 'ratio');
  assert.deepEqual(r, ['99.01%', '99.02%', '99.03%']);
  // Durations below a minute use one sub-unit; larger whole ones read as "1h 30m".
  assert.deepEqual(formatAxisTicks([0.0101, 0.0102, 0.0103], 0.0001, 'seconds'), [
    '10.1ms',
    '10.2ms',
    '10.3ms',
  ]);
  assert.deepEqual(formatAxisTicks([3600, 5400, 7200], 1800, 'seconds'), ['1h', '1h 30m', '2h']);
  const longNarrow = formatAxisTicks([3600, 3600.5, 3601], 0.5, 'seconds');
  assert.ok(unique(longNarrow), longNarrow.join(', '));
  // A panel's decimals are a floor, raised only where labels would repeat; no "-0".
  assert.deepEqual(formatAxisTicks([-1, 0, 1], 1, 'none', 2), ['-1.00', '0.00', '1.00']);
  assert.deepEqual(formatAxisTicks([30.7, 30.71, 30.72], 0.01, 'none', 0), ['30.70', '30.71', '30.72']);
  assert.deepEqual(formatAxisTicks([-0.0000001, 1], 1, 'none'), ['0', '1']);
  assert.deepEqual(formatAxisTicks([], 1, 'none'), []);
});

test('axis ticks: many random narrow ranges never repeat a label', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < 500; k++) {
    const unit = (['none', 'bytes', 'seconds', 'ratio', 'percent'] as const)[k % 5];
    const mag = 10 ** Math.floor(rnd() * 16 - 6);
    const step = [1, 2, 2.5, 5][k % 4] * mag * 10 ** -Math.floor(rnd() * 6);
    const from = Math.round((rnd() * mag * 100) / step) * step;
    const out = formatAxisTicks(ticks(from, step, 6), step, unit);
    assert.ok(unique(out), `${unit} from ${from} step ${step}: ${out.join(', ')}`);
  }
});

test('units: buckets and counts are counts; Unix times are dates, not durations', () => {
  assert.equal(guessUnit('prometheus_http_request_duration_seconds_bucket'), 'none');
  assert.equal(guessUnit('prometheus_http_request_duration_seconds_count'), 'none');
  assert.equal(guessUnit('node_boot_time_seconds'), 'date');
  assert.equal(guessUnit('process_start_time_seconds'), 'date');
  assert.equal(guessUnit('node_time_seconds'), 'date');
  assert.equal(guessUnit('prometheus_config_last_reload_success_timestamp_seconds'), 'date');
  assert.equal(guessUnit('http_requests_created'), 'date');
  // Counters of time spent are durations.
  assert.equal(guessUnit('node_disk_io_time_seconds_total'), 'seconds');
  assert.equal(guessUnit('prometheus_http_request_duration_seconds_sum'), 'seconds');
  assert.equal(guessUnit('scrape_duration_seconds'), 'seconds');
  // A date shows as a date, not "17361d 2h".
  const boot = Date.UTC(2017, 6, 14, 12) / 1000;
  assert.match(formatValue(boot, 'date'), /^2017-07-1[45] \d\d:00:00$/);
  assert.match(formatAxisTicks([boot], 60, 'date')[0], /^2017-07-1[45] /);
});

test('legend names: {{label}} format, else only the labels that differ', () => {
  assert.equal(applyLegendFormat('{{ device }} read', { device: 'sda' }), 'sda read');
  assert.equal(applyLegendFormat('{{mode}}/{{missing}}', { mode: 'idle' }), 'idle/');
  const cpu = [
    { __name__: 'node_cpu_seconds_total', job: 'node', instance: 'h:9100', cpu: '0', mode: 'idle' },
    { __name__: 'node_cpu_seconds_total', job: 'node', instance: 'h:9100', cpu: '0', mode: 'user' },
  ];
  assert.deepEqual(legendNames(cpu), ['{mode="idle"}', '{mode="user"}']);
  assert.deepEqual(legendNames(cpu, '{{cpu}} {{mode}}'), ['0 idle', '0 user']);
  assert.deepEqual(legendNames(cpu, '__auto'), ['{mode="idle"}', '{mode="user"}']);
  // The metric name stays where it is what differs.
  assert.deepEqual(
    legendNames([
      { __name__: 'a', job: 'x' },
      { __name__: 'b', job: 'x' },
    ]),
    ['a', 'b'],
  );
  assert.deepEqual(
    legendNames([
      { __name__: 'a', job: 'x' },
      { __name__: 'b', job: 'y' },
    ]),
    ['a{job="x"}', 'b{job="y"}'],
  );
  // One series: its whole label set.
  assert.deepEqual(legendNames([{ __name__: 'up', job: 'x' }]), ['up{job="x"}']);
  // A label present on only some series differs too.
  assert.deepEqual(legendNames([{ job: 'x' }, { job: 'x', le: '1' }]), ['{}', '{le="1"}']);
});

test('legend order: le buckets sort numerically with +Inf last', () => {
  const les = ['+Inf', '0.1', '120', '20', '3', '1e-3'];
  const series = les.map((le) => ({ __name__: 'x_bucket', le }));
  assert.deepEqual(
    legendOrder(series).map((i) => les[i]),
    ['1e-3', '0.1', '3', '20', '120', '+Inf'],
  );
  // Without le on every series, the order is left alone.
  assert.deepEqual(legendOrder([{ le: '5' }, { job: 'x' }, { le: '1' }]), [0, 1, 2]);
});

test('nearest sample: the closest present one within the tolerance, else none', () => {
  const xs = [0, 10, 20, 30, 40, 300];
  const ys = [1, null, 3, undefined, 5, 6];
  assert.equal(nearestSample(xs, ys, 11, 15), 2); // 10 has no value: 20 is the nearest present
  assert.equal(nearestSample(xs, ys, 9, 15), 0);
  assert.equal(nearestSample(xs, ys, 31, 15), 4);
  assert.equal(nearestSample(xs, ys, 150, 15), null); // minutes from any sample
  assert.equal(nearestSample(xs, ys, 305, 15), 5);
  assert.equal(nearestSample(xs, [NaN, null, null, null, null, null], 1, 100), null);
  assert.equal(nearestSample([], [], 1, 100), null);
  assert.equal(medianGap([0, 15, 30, 45, 1000]), 15);
  assert.equal(medianGap([5]), 0);
});

test('legend calcs: min, mean, max, last and total over the points, gaps skipped', () => {
  assert.deepEqual(legendCalcs([3, NaN, 1, 5, NaN], ['min', 'mean', 'max', 'last', 'total']), {
    min: 1,
    mean: 3,
    max: 5,
    last: 5,
    total: 9,
  });
  assert.deepEqual(legendCalcs([NaN], ['min', 'last']), { min: null, last: null });
  assert.deepEqual(legendCalcs([2], ['max']), { max: 2 });
});

test('tooltip entries: nearest samples within the tolerance, sorted by value, at the sample time', () => {
  const xs = [0, 15, 30, 45, 60, 300];
  const a = [1, 2, 3, 4, 5, 6];
  const b = [9, 8, null, null, null, 7]; // stops after 15 s, back at 300
  // The cursor at 20 s: a's sample at 15 s is nearest (b's too): the tooltip says 15 s.
  assert.deepEqual(tooltipEntries(xs, [xs, a, b], 20, 15), {
    x: 15,
    entries: [
      { series: 2, value: 8, x: 15, idx: 1 },
      { series: 1, value: 2, x: 15, idx: 1 },
    ],
  });
  // At 50 s b's nearest sample is 35 s away (more than the tolerance): only a is listed.
  assert.deepEqual(tooltipEntries(xs, [xs, a, b], 50, 15), {
    x: 45,
    entries: [{ series: 1, value: 4, x: 45, idx: 3 }],
  });
  // Hidden series and the shown value (stacked: raw, not drawn).
  assert.deepEqual(
    tooltipEntries(xs, [xs, a, b], 300, 15, {
      shown: (i) => i === 2,
      value: (i, idx) => (i === 2 ? -b[idx]! : null),
    }),
    { x: 300, entries: [{ series: 2, value: -7, x: 300, idx: 5 }] },
  );
  assert.equal(tooltipEntries(xs, [xs, a, b], 180, 15), null);
  assert.equal(tooltipEntries([], [[]], 0, 15), null);
});

test('series transforms: negative-Y, percent shares, fill colours', () => {
  const data: [number[], ...(number | null | undefined)[][]] = [
    [1, 2, 3],
    [1, null, 3],
    [3, 4, undefined],
  ];
  assert.deepEqual(
    negateSeries(data, (i) => i === 2),
    [
      [1, 2, 3],
      [1, null, 3],
      [-3, -4, undefined],
    ],
  );
  assert.deepEqual(percentColumns(data), [
    [1, 2, 3],
    [0.25, null, 1],
    [0.75, 1, undefined],
  ]);
  // A hidden series does not count towards the total.
  assert.deepEqual(percentColumns(data, (i) => i === 1)[1], [1, null, 1]);
  assert.equal(fillColor('#3b82f6', 100), '#3b82f6ff');
  assert.equal(fillColor('#3b82f6', 0), '#3b82f600');
  assert.equal(fillColor('#3b82f6', 33), '#3b82f654');
  assert.equal(fillColor('rgb(1,2,3)', 50), 'rgb(1,2,3)');
});

test("chart format: a panel's Grafana unit for values and ticks; the guessed kinds as before", () => {
  const s = chartFormat('s');
  assert.equal(s.value(150), '2.50 min');
  assert.deepEqual(s.ticks([2.5, 5, 7.5, 10], 2.5), ['2.5 s', '5.0 s', '7.5 s', '10.0 s']);
  const short = chartFormat('short');
  assert.deepEqual(short.ticks([30.7, 30.702, 30.704], 0.002), ['30.700', '30.702', '30.704']);
  const gib = 1024 ** 3;
  const b = chartFormat('bytes').ticks(ticks(22.9 * gib, 16 * 1024 ** 2, 5), 16 * 1024 ** 2);
  assert.ok(unique(b), b.join(', '));
  assert.ok(
    b.every((l) => l.endsWith(' GiB')),
    b.join(', '),
  );
  // A panel's decimals are kept where the labels stay apart.
  assert.deepEqual(chartFormat('percentunit', 1).ticks([0, 0.5, 1], 0.5), ['0.0%', '50.0%', '100.0%']);
  assert.equal(chartFormat('percentunit', 1).value(0.25), '25.0%');
  // A scale change inside the axis (MiB → GiB) is not an uneven step.
  const mixed = chartFormat('bytes').ticks([512 * 1024 ** 2, gib, 1.5 * gib], 512 * 1024 ** 2);
  assert.ok(unique(mixed), mixed.join(', '));
  // Guessed kinds keep their own formatting.
  assert.equal(chartFormat('seconds').value(90), '1m 30s');
  assert.deepEqual(chartFormat('none').ticks([30.7, 30.702], 0.002), ['30.700', '30.702']);
  assert.equal(chartFormat('none', 2).value(1), '1.00');
});
