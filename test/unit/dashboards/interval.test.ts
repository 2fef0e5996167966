// $__interval, $__rate_interval and the range built-ins follow Grafana's formulas, with the true
// scrape interval as the low limit and rate floor; the rounding table and secondsToHms as Grafana's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alignRange,
  calculateInterval,
  intervalToMs,
  queryTiming,
  roundInterval,
  secondsToHms,
} from '../../../shared/dashboards/templating/interval';

test('roundInterval follows Grafana rounding table', () => {
  const cases: [number, number][] = [
    [1, 10],
    [14, 10],
    [15, 20],
    [643, 500],
    [1000, 1000],
    [1499, 1000],
    [1500, 2000],
    [12_000, 10_000],
    [13_000, 15_000],
    [61_714, 60_000],
    [100_000, 300_000],
    [86_400_000, 86_400_000],
    [5e10, 31_536_000_000],
  ];
  for (const [ms, want] of cases) assert.equal(roundInterval(ms), want, String(ms));
  assert.equal(calculateInterval(900_000, 1400, 5000), 5000);
  assert.equal(calculateInterval(86_400_000, 1400, 5000), 60_000);
});

test('secondsToHms and intervalToMs read and write Grafana interval text', () => {
  assert.deepEqual([60, 3600, 0.5, 20, 86400 * 2, 31536000].map(secondsToHms), [
    '1m',
    '1h',
    '500ms',
    '20s',
    '2d',
    '1y',
  ]);
  assert.equal(intervalToMs('>10s'), 10_000);
  assert.equal(intervalToMs('1.5h'), 5_400_000);
  assert.equal(intervalToMs('250ms'), 250);
  assert.equal(intervalToMs('30'), 30_000);
  assert.equal(intervalToMs('$interval'), undefined);
  assert.equal(intervalToMs(''), undefined);
});

const now = 1_765_000_000_000;

test('15 minutes on a 1400 px panel with a 5 s scrape: step 5 s, $__rate_interval 20s', () => {
  const t = queryTiming({ fromMs: now - 900_000, toMs: now, widthPx: 1400, scrapeIntervalS: 5 });
  assert.equal(t.stepS, 5);
  assert.deepEqual(t.builtins, {
    __interval: '5s',
    __interval_ms: '5000',
    __rate_interval: '20s',
    __rate_interval_ms: '20000',
    __range: '900s',
    __range_s: '900',
    __range_ms: '900000',
    __from: String(now - 900_000),
    __to: String(now),
  });
});

test('24 hours: the rounded interval wins and the rate interval is interval + scrape', () => {
  const t = queryTiming({ fromMs: now - 86_400_000, toMs: now, widthPx: 700, scrapeIntervalS: 15 });
  assert.equal(t.stepS, 300);
  assert.equal(t.builtins.__interval, '5m');
  assert.equal(t.builtins.__rate_interval, '315s');
  const dp = queryTiming({
    fromMs: now - 86_400_000,
    toMs: now,
    maxDataPoints: 100,
    widthPx: 700,
    scrapeIntervalS: 15,
  });
  assert.equal(dp.stepS, 900);
});

test('min interval, target interval and intervalFactor as Grafana applies them', () => {
  const base = { fromMs: now - 900_000, toMs: now, widthPx: 1400, scrapeIntervalS: 5 };
  const panelMin = queryTiming({ ...base, panelInterval: '>30s' });
  assert.equal(panelMin.stepS, 30);
  assert.equal(panelMin.builtins.__rate_interval, '35s');
  const target = queryTiming({ ...base, targetInterval: '1m' });
  assert.equal(target.stepS, 60);
  assert.equal(target.builtins.__interval, '1m');
  assert.equal(target.builtins.__rate_interval, '240s');
  const factor = queryTiming({ ...base, intervalFactor: 3 });
  assert.equal(factor.stepS, 15);
  assert.equal(factor.builtins.__interval, '15s');
  // A 90 s scrape: Grafana's secondsToHms would say "1m"; the exact seconds are kept.
  const slow = queryTiming({ ...base, scrapeIntervalS: 90 });
  assert.equal(slow.builtins.__interval, '90s');
  assert.equal(slow.builtins.__rate_interval, '360s');
  // A year at 1 px: the safe interval (range / 11000) bounds the step.
  const safe = queryTiming({
    fromMs: now - 31_536_000_000,
    toMs: now,
    maxDataPoints: 1e9,
    scrapeIntervalS: 1,
  });
  assert.equal(safe.stepS, 2867);
});

test('alignRange floors both ends to the step', () => {
  assert.deepEqual(alignRange(1003, 1999, 10), { start: 1000, end: 1990 });
  assert.deepEqual(alignRange(1003, 1004, 10), { start: 1000, end: 1000 });
});
