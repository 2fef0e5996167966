import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseStepMs,
  formatDurationShort,
  fromDatetimeLocal,
  parseDuration,
  rangeFromParam,
  rangeToParam,
  resolveRange,
  toDatetimeLocal,
} from '../../../renderer/src/lib/time-range';

test('parseDuration reads Prometheus durations', () => {
  assert.equal(parseDuration('15s'), 15_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration(''), null);
  assert.equal(parseDuration('5'), null);
  assert.equal(parseDuration('5x'), null);
  assert.equal(parseDuration('1h abc'), null);
  assert.equal(parseDuration('0s'), null);
});

test('formatDurationShort round-trips', () => {
  assert.equal(formatDurationShort(300_000), '5m');
  assert.equal(formatDurationShort(5_400_000), '1h30m');
  assert.equal(formatDurationShort(15_000), '15s');
  assert.equal(formatDurationShort(1500), '1s500ms');
  for (const ms of [1000, 60_000, 3_600_000, 86_400_000, 90_061_001]) {
    assert.equal(parseDuration(formatDurationShort(ms)), ms);
  }
});

test('chooseStepMs keeps points under the cap, at least 1s, on nice values', () => {
  assert.equal(chooseStepMs(5 * 60_000), 1000);
  assert.equal(chooseStepMs(3_600_000), 5000); // 2.4s raw → 5s
  assert.equal(chooseStepMs(86_400_000), 60_000); // 57.6s raw → 60s
  assert.equal(chooseStepMs(60_000, 1500), 1000);
  for (const r of [60_000, 3_600_000, 6 * 3_600_000, 7 * 86_400_000, 400 * 86_400_000]) {
    const s = chooseStepMs(r);
    assert.ok(s >= 1000);
    assert.ok(r / s <= 1500, `range ${r} step ${s}`);
  }
});

test('resolveRange: relative follows now, absolute is fixed', () => {
  assert.deepEqual(resolveRange({ kind: 'relative', durationMs: 1000 }, 5000), {
    startMs: 4000,
    endMs: 5000,
  });
  assert.deepEqual(resolveRange({ kind: 'absolute', startMs: 1, endMs: 2 }, 5000), { startMs: 1, endMs: 2 });
});

test('range URL params round-trip', () => {
  assert.equal(rangeToParam({ kind: 'relative', durationMs: 3_600_000 }), '1h');
  assert.equal(rangeToParam({ kind: 'absolute', startMs: 1000, endMs: 2000 }), '1000-2000');
  assert.deepEqual(rangeFromParam('6h'), { kind: 'relative', durationMs: 6 * 3_600_000 });
  assert.deepEqual(rangeFromParam('1000-2000'), { kind: 'absolute', startMs: 1000, endMs: 2000 });
  assert.equal(rangeFromParam('2000-1000'), null);
  assert.equal(rangeFromParam('bogus'), null);
  assert.equal(rangeFromParam(null), null);
});

test('datetime-local conversion round-trips (seconds precision)', () => {
  const ms = new Date(2024, 4, 17, 9, 5, 7).getTime();
  assert.equal(toDatetimeLocal(ms), '2024-05-17T09:05:07');
  assert.equal(fromDatetimeLocal('2024-05-17T09:05:07'), ms);
  assert.equal(fromDatetimeLocal('2024-05-17T09:05'), ms - 7000);
  assert.equal(fromDatetimeLocal('nope'), null);
});
