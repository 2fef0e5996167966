// Quit waits for the host's shutdown, within a bound, and kills it otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quitGate, shutdownWithin } from '../../../electron/desktop/quit';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a shutdown within the bound is waited for and nothing is killed', async () => {
  let killed = 0;
  const r = await shutdownWithin({ shutdown: () => sleep(30), kill: () => killed++, boundMs: 1000 });
  assert.equal(r.outcome, 'closed');
  assert.ok(r.ms >= 25 && r.ms < 900, String(r.ms));
  assert.equal(killed, 0);
});

test('a shutdown that hangs is killed at the bound', async () => {
  let killed = 0;
  const started = Date.now();
  const r = await shutdownWithin({
    shutdown: () => new Promise(() => {}),
    kill: () => killed++,
    boundMs: 100,
  });
  assert.equal(r.outcome, 'timed-out');
  assert.ok(Date.now() - started >= 95 && Date.now() - started < 1000);
  assert.equal(killed, 1);
});

test('a shutdown that fails (the host already gone) kills at once', async () => {
  let killed = 0;
  const r = await shutdownWithin({
    shutdown: () => Promise.reject(new Error('the engine host closed')),
    kill: () => killed++,
    boundMs: 10_000,
  });
  assert.deepEqual({ ...r, ms: 0 }, { outcome: 'failed', ms: 0, error: 'the engine host closed' });
  assert.ok(r.ms < 1000);
  assert.equal(killed, 1);
});

test('the quit gate holds every quit until the stop settles, then lets the next one through', async () => {
  let stops = 0;
  let quits = 0;
  let finish!: () => void;
  const gate = quitGate(
    () => {
      stops++;
      return new Promise<void>((r) => (finish = r));
    },
    () => quits++,
  );
  const ev = () => ({
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  });
  const first = ev();
  gate(first);
  const second = ev();
  gate(second);
  assert.equal(first.prevented && second.prevented, true);
  assert.equal(stops, 1, 'one shutdown, however many quits');
  assert.equal(quits, 0);
  finish();
  await sleep(0);
  assert.equal(quits, 1);
  const last = ev();
  gate(last);
  assert.equal(last.prevented, false);

  // A stop that fails still quits.
  let quit2 = 0;
  const g2 = quitGate(
    () => Promise.reject(new Error('x')),
    () => quit2++,
  );
  g2(ev());
  await sleep(0);
  assert.equal(quit2, 1);
});
