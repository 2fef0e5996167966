// A dashboard panel's live query (subscribe with stepMs/afterMs) against an in-process
// `promdesk serve` over its WebSocket: samples written with chosen timestamps (remote write) make
// the engine push the expression's points on the panel's grid, equal to what queryRange gives at
// that step; a commit of series the expression does not read pushes nothing; a step is pushed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import type { Api, ApiEvent, SamplesEvent } from '../../shared/api';
import { withServe } from '../helpers/in-process-serve';
import { encodeWriteRequest, type TestSeries } from '../helpers/proto-write';
import { snappyEncode } from '../helpers/snappy-encode';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const STEP = 10_000;
const QUERY = 'sum(rate(stepsub_total[1m]))';

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A counter rising by 2 per second, sampled every 5 s over [fromMs, toMs]. */
function counter(name: string, fromMs: number, toMs: number): TestSeries {
  const samples = [];
  for (let t = fromMs; t <= toMs; t += 5000) samples.push({ t, v: (t / 1000) * 2 });
  return {
    labels: [
      ['__name__', name],
      ['job', 'w'],
    ],
    samples,
  };
}

async function write(base: string, series: TestSeries[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/write`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
    body: snappyEncode(encodeWriteRequest(series)),
  });
  assert.equal(res.status, 204, await res.text());
}

async function withClient(fn: (api: Api, base: string, events: SamplesEvent[]) => Promise<void>) {
  await withServe({ uiHtml: '' }, async (base) => {
    const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
    const events: SamplesEvent[] = [];
    try {
      const api = client.api();
      api.onEvent((e: ApiEvent) => e.type === 'samples' && events.push(e));
      await fn(api, base, events);
    } finally {
      client.close();
    }
  });
}

const times = (evs: SamplesEvent[]) => evs.flatMap((e) => e.series.flatMap((s) => [...s.timestamps]));

test('an expression subscription pushes its points on the panel grid, as queryRange gives them', async () => {
  await withClient(async (api, base, events) => {
    const t0 = Math.floor((Date.now() - 600_000) / STEP) * STEP;
    await write(base, [counter('stepsub_total', t0, t0 + 120_000)]);
    await api.subscribe({ subscriptionId: 'p', query: QUERY, stepMs: STEP, afterMs: t0 + 120_000 });
    await api.subscribe({ subscriptionId: 'q', query: QUERY, stepMs: STEP, afterMs: t0 + 120_000 });

    // A commit of a series the expression does not read evaluates nothing (and uses no step).
    await write(base, [counter('other_total', t0 + 300_000, t0 + 300_000)]);
    // New samples up to t0+200s: the steps 130 s..200 s are pushed, each once.
    await write(base, [counter('stepsub_total', t0 + 125_000, t0 + 200_000)]);
    await until(() => events.length >= 2, 'the pushed steps of both subscriptions');
    const p = events.filter((e) => e.subscriptionId === 'p');
    assert.equal(p.length, 1);
    const want = await api.queryRange({
      query: QUERY,
      startMs: t0 + 130_000,
      endMs: t0 + 200_000,
      stepMs: STEP,
    });
    assert.equal(want.series.length, 1);
    assert.deepEqual([...p[0].series[0].timestamps], [...want.series[0].timestamps]);
    assert.deepEqual([...p[0].series[0].values], [...want.series[0].values]);
    assert.ok(
      p[0].series[0].values.every((v) => Math.abs(v - 2) < 1e-9),
      'the rate is 2/s',
    );
    // Both subscriptions of the same query and grid get the same points.
    assert.deepEqual(times(events.filter((e) => e.subscriptionId === 'q')), times(p));

    // Samples inside the step already pushed (201..209 s) push nothing; the next step does.
    await write(base, [counter('stepsub_total', t0 + 205_000, t0 + 205_000)]);
    await write(base, [counter('stepsub_total', t0 + 210_000, t0 + 215_000)]);
    await until(() => events.filter((e) => e.subscriptionId === 'p').length >= 2, 'the next step');
    const pushed = times(events.filter((e) => e.subscriptionId === 'p'));
    const grid = Array.from({ length: 9 }, (_, i) => t0 + 130_000 + i * STEP);
    assert.deepEqual(pushed, grid, 'every grid time after afterMs, once, in order');

    // Unsubscribed: the next commit pushes to nobody.
    await api.unsubscribe('p');
    await api.unsubscribe('q');
    const before = events.length;
    await write(base, [counter('stepsub_total', t0 + 220_000, t0 + 240_000)]);
    await api.info(); // a round trip after the commit: a push would have come before its answer
    assert.equal(events.length, before);
  });
});

test('a bad expression or grid is refused by subscribe with a message naming it', async () => {
  await withClient(async (api) => {
    await assert.rejects(
      api.subscribe({ subscriptionId: 'x', query: 'sum(', stepMs: STEP, afterMs: 0 }),
      /unexpected end of input|parse error/i,
    );
    await assert.rejects(
      api.subscribe({ subscriptionId: 'x', query: 'up', stepMs: STEP }),
      /afterMs.*stepMs and afterMs go together/,
    );
    await assert.rejects(
      api.subscribe({ subscriptionId: 'x', query: 'up', stepMs: 1, afterMs: 0 }),
      /step must be at least 100 ms/,
    );
  });
});
