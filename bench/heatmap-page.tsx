// A page with only the heatmap, for bench/heatmap-draw.bench.ts: renders HeatmapViz from the
// synthetic bucket series it is given, so its draw time can be measured in Chromium.
import { createRoot, type Root } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import '../renderer/src/styles/base.css';
import '../renderer/src/styles/chart.css';
import { heatmapOptions } from '../shared/dashboards/heatmap/options';
import { HeatmapViz } from '../renderer/src/views/dashboards/viz/HeatmapViz';

interface Spec {
  les: string[];
  startMs: number;
  stepMs: number;
  steps: number;
  /** Shifts the synthetic counts, so a second render draws different cells. */
  phase: number;
}

let root: Root | null = null;

(window as unknown as { renderHeatmap: (spec: Spec) => void }).renderHeatmap = (spec) => {
  // Cumulative counts per le: a bump that moves a bucket up every 40 steps (wide enough to see).
  const series = spec.les.map((le, b) => {
    const timestamps = new Float64Array(spec.steps);
    const values = new Float64Array(spec.steps);
    for (let i = 0; i < spec.steps; i++) timestamps[i] = spec.startMs + (i + 1) * spec.stepMs;
    for (let i = 0; i < spec.steps; i++) {
      let acc = 0;
      for (let k = 0; k <= b; k++)
        acc += 1 + 10 * Math.exp(-(((k - ((Math.floor(i / 40) + spec.phase) % spec.les.length)) / 2) ** 2));
      values[i] = acc;
    }
    return { labels: { le }, timestamps, values };
  });
  root ??= createRoot(document.getElementById('root')!);
  root.render(
    <div style={{ height: 400 }}>
      <HeatmapViz
        series={series}
        options={heatmapOptions({ color: { scheme: 'Spectral' } })}
        startMs={spec.startMs}
        endMs={spec.startMs + spec.steps * spec.stepMs}
        stepMs={spec.stepMs}
      />
    </div>,
  );
};
