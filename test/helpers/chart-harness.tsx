// A page with only the chart, for end-to-end tests of what it draws from data it is given (a
// dashboard panel's way of using it): bundled by test/e2e/chart-panel.test.ts with esbuild and
// loaded into Chromium. The Api is never called on this path; a stub that says so stands in.
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import '../../renderer/src/styles/base.css';
import '../../renderer/src/styles/chart.css';
import type { Api, SeriesColumns } from '../../shared/api';
import { ApiContext } from '../../renderer/src/api-context';
import { LiveChart, type LiveChartProps, type SeriesStyle } from '../../renderer/src/charts/LiveChart';

type Spec = Omit<LiveChartProps, 'series' | 'seriesStyle'> & {
  series: { labels: Record<string, string>; timestamps: number[]; values: number[] }[];
  styles?: Record<string, SeriesStyle>;
};

const api = new Proxy({} as Api, {
  get: (_t, name) =>
    name === 'onEvent'
      ? () => () => undefined
      : () => Promise.reject(new Error(`the chart called the Api (${String(name)}) for given data`)),
});

(window as unknown as { renderChart: (spec: Spec) => void }).renderChart = (spec) => {
  const series: SeriesColumns[] = spec.series.map((s) => ({
    labels: s.labels,
    timestamps: Float64Array.from(s.timestamps),
    values: Float64Array.from(s.values),
  }));
  const { styles, ...props } = spec;
  createRoot(document.getElementById('root')!).render(
    <ApiContext.Provider value={api}>
      <LiveChart {...props} series={series} seriesStyle={(_l, name) => styles?.[name]} />
    </ApiContext.Provider>,
  );
};
