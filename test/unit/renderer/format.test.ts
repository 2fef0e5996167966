import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatNumber,
  formatRatio,
  formatRelativeTime,
  formatSeconds,
  formatTimeTicks,
  formatValue,
  trimNumber,
} from '../../../renderer/src/lib/format';

test('trimNumber keeps significant digits without trailing zeros', () => {
  assert.equal(trimNumber(0), '0');
  assert.equal(trimNumber(1.5), '1.5');
  assert.equal(trimNumber(1.23456), '1.23');
  assert.equal(trimNumber(2.0), '2');
  assert.equal(trimNumber(12345), '12345');
});

test('formatNumber uses SI prefixes and exponents', () => {
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(999), '999');
  assert.equal(formatNumber(1500), '1.5k');
  assert.equal(formatNumber(2_500_000), '2.5M');
  assert.equal(formatNumber(-3e9), '-3G');
  assert.equal(formatNumber(0.25), '0.25');
  assert.equal(formatNumber(0.00012), '1.2e-4');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(Infinity), 'Infinity');
});

test('formatSeconds picks a readable unit', () => {
  assert.equal(formatSeconds(0), '0s');
  assert.equal(formatSeconds(0.00025), '250µs');
  assert.equal(formatSeconds(0.0123), '12.3ms');
  assert.equal(formatSeconds(4.5), '4.5s');
  assert.equal(formatSeconds(200), '3m 20s');
  assert.equal(formatSeconds(7500), '2h 5m');
  assert.equal(formatSeconds(3 * 86400 + 4 * 3600), '3d 4h');
  assert.equal(formatSeconds(-0.5), '-500ms');
  assert.equal(formatSeconds(5e-9), '5ns');
});

test('formatBytes uses IEC units', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(1024 ** 3), '1 GiB');
  assert.equal(formatBytes(3.25 * 1024 ** 4), '3.25 TiB');
  assert.equal(formatBytes(-2048), '-2 KiB');
});

test('formatRatio and formatValue by unit', () => {
  assert.equal(formatRatio(0.5), '50%');
  assert.equal(formatRatio(0.123), '12.3%');
  assert.equal(formatValue(0.5, 'ratio'), '50%');
  assert.equal(formatValue(0.002, 'seconds'), '2ms');
  assert.equal(formatValue(2048, 'bytes'), '2 KiB');
  assert.equal(formatValue(12345678, 'none'), '12.3M');
  assert.equal(formatValue(null, 'none'), '—');
  assert.equal(formatValue(NaN, 'bytes'), 'NaN');
  assert.equal(formatValue(42, 'percent'), '42%');
});

test('formatRelativeTime', () => {
  const now = 1_000_000_000;
  assert.equal(formatRelativeTime(now - 200, now), 'just now');
  assert.equal(formatRelativeTime(now - 12_000, now), '12s ago');
  assert.equal(formatRelativeTime(now - 125_000, now), '2m 5s ago');
  assert.equal(formatRelativeTime(now - 2 * 3_600_000 - 60_000, now), '2h 1m ago');
  assert.equal(formatRelativeTime(now - 2 * 86_400_000, now), '2d 0h ago');
  assert.equal(formatRelativeTime(now + 5_000, now), 'in 5s');
});

test('formatTimeTicks: clock per tick, date on the first tick and at day changes', () => {
  const t = (h: number, m: number, s = 0, day = 17) => new Date(2024, 4, day, h, m, s).getTime() / 1000;
  assert.deepEqual(formatTimeTicks([t(9, 0), t(9, 30), t(10, 0)], 1800), ['09:00\n05-17', '09:30', '10:00']);
  assert.deepEqual(formatTimeTicks([t(9, 0, 10), t(9, 0, 20)], 10), ['09:00:10\n05-17', '09:00:20']);
  assert.deepEqual(formatTimeTicks([t(23, 0), t(0, 0, 0, 18)], 3600), ['23:00\n05-17', '00:00\n05-18']);
  assert.deepEqual(formatTimeTicks([t(0, 0), t(0, 0, 0, 18)], 86400), ['05-17', '05-18']);
});
