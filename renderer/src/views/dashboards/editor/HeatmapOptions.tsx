// A heatmap panel's options in the editor (Grafana's current heatmap model): colour mode and
// scheme, the y axis' bucket scale and unit, cell gap and hiding empty cells.
import type { Panel } from '../../../../../shared/dashboards/model';
import { NumberField, Select, str, type Setter } from './fields';
import { getIn } from './panel-edit';
import { UnitPicker } from './UnitPicker';

/** Grafana's most used heatmap schemes (d3-scale-chromatic names, as shared/dashboards/heatmap reads them). */
export const HEATMAP_SCHEMES = [
  'Oranges',
  'Blues',
  'Greens',
  'Reds',
  'Purples',
  'Greys',
  'YlOrRd',
  'RdYlBu',
  'RdYlGn',
  'Spectral',
  'Viridis',
  'Magma',
  'Inferno',
  'Plasma',
  'Turbo',
] as const;

/** The y bucket scale as the editor shows it, from rowsFrame.yBucketScale. */
export function yScaleChoice(scale: unknown): 'auto' | 'linear' | 'log2' | 'log10' {
  const s = scale as { type?: unknown; log?: unknown } | undefined;
  if (s?.type === 'linear') return 'linear';
  if (s?.type === 'log') return s.log === 2 ? 'log2' : 'log10';
  return 'auto';
}

const SCALES: Record<string, unknown> = {
  auto: undefined,
  linear: { type: 'linear' },
  log2: { type: 'log', log: 2 },
  log10: { type: 'log', log: 10 },
};

export function HeatmapOptions({ panel, set }: { panel: Panel; set: Setter }) {
  const o = panel.options;
  const hideEmpty =
    getIn(o, ['filterValues']) === undefined || getIn(o, ['filterValues', 'le']) !== undefined;
  return (
    <fieldset>
      <legend>Heatmap</legend>
      <Select
        label="Colour mode"
        value={getIn(o, ['color', 'mode']) === 'opacity' ? 'opacity' : 'scheme'}
        choices={[
          ['scheme', 'Scheme'],
          ['opacity', 'Opacity'],
        ]}
        onChange={(v) => set(['options', 'color', 'mode'], v)}
      />
      <Select
        label="Scheme"
        value={str(getIn(o, ['color', 'scheme']), 'Oranges')}
        choices={HEATMAP_SCHEMES.map((s) => [s, s] as const)}
        onChange={(v) => set(['options', 'color', 'scheme'], v)}
      />
      <Select
        label="Y bucket scale"
        value={yScaleChoice(getIn(o, ['rowsFrame', 'yBucketScale']))}
        choices={[
          ['auto', 'Auto (even rows)'],
          ['linear', 'Linear'],
          ['log2', 'Log (base 2)'],
          ['log10', 'Log (base 10)'],
        ]}
        onChange={(v) => set(['options', 'rowsFrame', 'yBucketScale'], SCALES[v])}
      />
      <div className="pe-field">
        <span>Y axis unit</span>
        <UnitPicker
          label="Y axis unit"
          value={str(getIn(o, ['yAxis', 'unit']), '') || undefined}
          onChange={(u) => set(['options', 'yAxis', 'unit'], u)}
        />
      </div>
      <NumberField
        label="Cell gap"
        value={getIn(o, ['cellGap'])}
        onChange={(n) => set(['options', 'cellGap'], n)}
      />
      <label className="pe-inline">
        <input
          type="checkbox"
          checked={hideEmpty}
          onChange={(e) => set(['options', 'filterValues'], e.target.checked ? { le: 1e-9 } : {})}
        />
        Hide empty cells
      </label>
    </fieldset>
  );
}
