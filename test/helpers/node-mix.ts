// A node_exporter-like data set for store benchmarks: many constant series, integer counters,
// float counters (2–3 decimals, as /proc gives them), decimal gauges and a few full-precision
// floats, all scraped every 15 s with a few ms of timestamp jitter. Deterministic (seeded).
import type { LabelSet } from '../../shared/api';

export interface MixSeries {
  labels: LabelSet;
  next: () => number;
}

export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** `count` series: 30% constant, 25% integer counters, 20% float counters, 20% gauges, 5% raw floats. */
export function nodeMix(count: number, seed = 1): MixSeries[] {
  const rnd = prng(seed);
  const out: MixSeries[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 20;
    const inst = `host${Math.floor(i / 200)}:9100`;
    const base = { instance: inst, job: 'node' };
    if (kind < 6) {
      const c = [1, 4096, 16_777_216_000, 3.6e9, 1000, 0][kind];
      out.push({ labels: { __name__: `node_const_${kind}`, idx: String(i), ...base }, next: () => c });
    } else if (kind < 11) {
      let c = Math.floor(rnd() * 1e9);
      const rate = [40, 2_000, 150_000, 3, 900][kind - 6];
      out.push({
        labels: { __name__: `node_counter_${kind}_total`, idx: String(i), ...base },
        next: () => (c += Math.floor(rate * (0.5 + rnd()))),
      });
    } else if (kind < 15) {
      let c = round(rnd() * 1e5, 2);
      const rate = [14.9, 0.8, 0.05, 2.3][kind - 11];
      const digits = kind === 13 ? 3 : 2;
      out.push({
        labels: { __name__: 'node_cpu_seconds_total', cpu: String(i), mode: `m${kind}`, ...base },
        next: () => (c = round(c + rate * (0.9 + rnd() * 0.2), digits)),
      });
    } else if (kind < 19) {
      let g = [8e9, 0.5, 45, 120][kind - 15];
      out.push({
        labels: { __name__: `node_gauge_${kind}`, idx: String(i), ...base },
        next: () => {
          if (kind === 15) return (g = Math.max(0, g + 4096 * Math.round((rnd() - 0.5) * 2000)));
          if (kind === 16) return (g = round(Math.max(0, g + (rnd() - 0.5) * 0.1), 2));
          if (kind === 17) return (g = round(g + (rnd() - 0.5), 1));
          return (g = Math.max(0, g + Math.round((rnd() - 0.5) * 6)));
        },
      });
    } else {
      out.push({
        labels: { __name__: 'scrape_duration_seconds', idx: String(i), ...base },
        next: () => 0.002 + rnd() * 0.01,
      });
    }
  }
  return out;
}

/** Scrape timestamps: a 15 s grid plus 0–9 ms jitter, with an occasional slow scrape (10–60 ms). */
export function scrapeTimes(t0: number, n: number, stepMs = 15_000, seed = 2): Float64Array {
  const rnd = prng(seed);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    t[i] = t0 + i * stepMs + (r < 0.02 ? 10 + Math.floor(rnd() * 50) : Math.floor(rnd() * 10));
  }
  return t;
}
