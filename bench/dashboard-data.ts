// A data directory holding `hours` of a real node_exporter at a 15 s scrape interval, for the
// dashboard-render bench: one scrape body (a file, or the live exporter's /metrics) is parsed once
// with the scraper's parser and replayed at every timestamp through the store's own import path
// (openStore + appender, batched commits, as `promdesk import` writes). Counters grow, gauges move
// around their scraped value, node_time_seconds is the time: rate() and the gauges draw real lines.
import { openStore } from '../electron/engine/store/open-store';
import { forEachSample } from '../electron/engine/scrape/parse-body';
import { seriesLabels } from '../shared/exposition';
import type { LabelSet } from '../shared/api';

export interface NodeDataOptions {
  dataDir: string;
  body: Uint8Array;
  hours: number;
  /** The newest sample's time (ms); the data ends here. */
  endMs: number;
  stepMs?: number;
  job?: string;
  instance?: string;
}

export interface NodeDataSummary {
  series: number;
  timestamps: number;
  samples: number;
  ms: number;
}

interface Replayed {
  labels: LabelSet;
  base: number;
  counter: boolean;
  /** A per-series phase, so series do not move in lockstep. */
  phase: number;
}

const COMMIT_EVERY = 100_000;

export function buildNodeData(o: NodeDataOptions): NodeDataSummary {
  const started = performance.now();
  const stepMs = o.stepMs ?? 15_000;
  const steps = Math.max(2, Math.round((o.hours * 3600_000) / stepMs));
  const firstMs = Math.floor(o.endMs / stepMs) * stepMs - (steps - 1) * stepMs;
  const types = new Map<string, string>();
  const series: Replayed[] = [];
  forEachSample(
    o.body,
    'text/plain; version=0.0.4',
    (name, flat, value) => {
      const sorted = seriesLabels(name, [
        ...flat,
        'job',
        o.job ?? 'node',
        'instance',
        o.instance ?? 'localhost:9100',
      ]);
      const labels: LabelSet = {};
      for (let i = 0; i < sorted.length; i += 2) labels[sorted[i]] = sorted[i + 1];
      const family = name.replace(/_(total|sum|count|bucket)$/, '');
      const counter =
        types.get(name) === 'counter' ||
        types.get(family) === 'counter' ||
        ((types.get(family) === 'summary' || types.get(family) === 'histogram') && name !== family);
      series.push({ labels, base: value, counter, phase: series.length * 0.7 });
    },
    { type: (name, type) => types.set(name, type), help: () => undefined, unit: () => undefined },
  );
  const store = openStore(o.dataDir);
  let samples = 0;
  try {
    let app = store.appender();
    let pending = 0;
    for (let k = 0; k < steps; k++) {
      const t = firstMs + k * stepMs;
      for (const s of series) {
        const v = valueAt(s, k, t, stepMs);
        if (app.append(s.labels, t, v) === 'ok') samples++;
        if (++pending >= COMMIT_EVERY) {
          app.commit();
          app = store.appender();
          pending = 0;
        }
      }
    }
    app.commit();
  } finally {
    store.close();
  }
  return { series: series.length, timestamps: steps, samples, ms: performance.now() - started };
}

/** The replayed value of `s` at step k (time t): counters grow at a wavering rate, gauges wave. */
function valueAt(s: Replayed, k: number, t: number, stepMs: number): number {
  if (s.labels.__name__ === 'node_time_seconds') return t / 1000;
  if (!Number.isFinite(s.base)) return s.base;
  const wave = Math.sin(k / 97 + s.phase);
  if (s.counter) {
    // Integral of a rate of |base|/86400 per second, times (1 + 0.5 sin): never decreasing.
    const perStep = ((Math.abs(s.base) || 1) / 86_400) * (stepMs / 1000);
    return s.base + perStep * (k + 0.5 * 97 * (Math.cos(s.phase) - Math.cos(k / 97 + s.phase)));
  }
  return s.base === 0 ? 0 : s.base * (1 + 0.1 * wave);
}
