// Chart colours come from CSS custom properties, so one stylesheet themes both the page and the
// canvas (which CSS cannot reach). Read at draw time: a theme switch only needs a redraw.
export interface ChartTheme {
  axis: string;
  grid: string;
  tick: string;
}

export function readChartTheme(): ChartTheme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    axis: v('--chart-axis', '#6b7280'),
    grid: v('--chart-grid', 'rgba(127,127,127,0.15)'),
    tick: v('--chart-tick', 'rgba(127,127,127,0.3)'),
  };
}
