// What live dashboard panels cost the engine: 12 panels × 50 series subscribed on a 1 s step grid
// (subscribe with stepMs/afterMs) over serve's WebSocket, then 60 "seconds" of samples written by
// remote write (timestamps in the past, so the run does not wait for the clock). Prints, per
// second of data, the time from sending the write to the last panel's push for that second, and
// the grid times any panel missed (dropped updates). Two panel sets: a selector and a rate() sum.
// Run: node --import tsx bench/live-push.bench.ts
import { WebSocket } from 'ws';
import { WsApiClient } from '../renderer/src/ws-api';
import type { SamplesEvent } from '../shared/api';
import { withServe } from '../test/helpers/in-process-serve';
import { encodeWriteRequest, type TestSeries } from '../test/helpers/proto-write';
import { snappyEncode } from '../test/helpers/snappy-encode';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const PANELS = 12;
const SERIES = 50;
const SECONDS = 60;
const STEP = 1000;

function batch(fromMs: number, toMs: number): TestSeries[] {
  const out: TestSeries[] = [];
  for (let p = 0; p < PANELS; p++)
    for (let i = 0; i < SERIES; i++) {
      const samples = [];
      for (let t = fromMs; t <= toMs; t += STEP) samples.push({ t, v: t / 1000 + i });
      out.push({
        labels: [
          ['__name__', 'live_bench_total'],
          ['panel', `p${p}`],
          ['i', String(i)],
        ],
        samples,
      });
    }
  return out;
}

async function write(base: string, series: TestSeries[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/write`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
    body: snappyEncode(encodeWriteRequest(series)),
  });
  if (res.status !== 204) throw new Error(`write: ${res.status} ${await res.text()}`);
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function run(label: string, expr: (panel: number) => string): Promise<void> {
  await withServe({ uiHtml: '' }, async (base) => {
    const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
    try {
      const api = client.api();
      const t0 = Math.floor((Date.now() - 20 * 60_000) / STEP) * STEP;
      await write(base, batch(t0, t0 + 120_000));
      const got = new Map<string, Set<number>>();
      let waiting: { t: number; resolve: () => void } | null = null;
      const complete = (t: number) => [...got.values()].every((s) => s.has(t));
      api.onEvent((e) => {
        if (e.type !== 'samples') return;
        const ev = e as SamplesEvent;
        const seen = got.get(ev.subscriptionId)!;
        for (const s of ev.series) for (const t of s.timestamps) seen.add(t);
        if (waiting && complete(waiting.t)) waiting.resolve();
      });
      for (let p = 0; p < PANELS; p++) {
        got.set(`p${p}`, new Set());
        await api.subscribe({ subscriptionId: `p${p}`, query: expr(p), stepMs: STEP, afterMs: t0 + 120_000 });
      }
      const latencies: number[] = [];
      for (let k = 1; k <= SECONDS; k++) {
        const t = t0 + 120_000 + k * STEP;
        // Scrapes land mid-step: the sample at t+0.5 s completes grid time t.
        const start = performance.now();
        await write(base, batch(t + 500, t + 500));
        await new Promise<void>((resolve) => {
          if (complete(t)) return resolve();
          waiting = { t, resolve };
          setTimeout(resolve, 5000); // a miss shows as a dropped update below
        });
        waiting = null;
        latencies.push(performance.now() - start);
      }
      let dropped = 0;
      for (const seen of got.values())
        for (let k = 1; k <= SECONDS; k++) if (!seen.has(t0 + 120_000 + k * STEP)) dropped++;
      console.log(
        `${label}: ${PANELS} panels × ${SERIES} series, ${SECONDS} steps: write to last push p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; dropped updates ${dropped} of ${PANELS * SECONDS}`,
      );
    } finally {
      client.close();
    }
  });
}

await run('selector', (p) => `live_bench_total{panel="p${p}"}`);
await run('rate', (p) => `sum by (i) (rate(live_bench_total{panel="p${p}"}[1m]))`);
