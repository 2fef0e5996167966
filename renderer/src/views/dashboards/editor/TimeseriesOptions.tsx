// A time series panel's options in the editor, by Grafana's names: legend (mode, placement,
// values), tooltip (mode, sort), graph styles (fieldConfig.defaults.custom: draw style, line
// width and interpolation, fill, gradient, points, stacking, thresholds' style, nulls) and the
// axis (placement, label, linear or log scale, soft min/max).
import type { Panel } from '../../../../../shared/dashboards/model';
import { CommitInput } from './CommitInput';
import { NumberField, Select, str, type Setter } from './fields';
import { getIn } from './panel-edit';

const LEGEND_CALCS = ['min', 'max', 'mean', 'last', 'lastNotNull', 'sum'];
const CUSTOM = ['fieldConfig', 'defaults', 'custom'];

/** The y scale as the editor shows it, from custom.scaleDistribution. */
export function scaleChoice(scale: unknown): 'linear' | 'log2' | 'log10' {
  const s = scale as { type?: unknown; log?: unknown } | undefined;
  if (s?.type !== 'log') return 'linear';
  return s.log === 2 ? 'log2' : 'log10';
}

export function TimeseriesOptions({ panel, set }: { panel: Panel; set: Setter }) {
  const o = panel.options;
  const custom = panel.fieldConfig?.defaults.custom;
  const calcs = (getIn(o, ['legend', 'calcs']) as unknown[] | undefined) ?? [];
  return (
    <>
      <fieldset>
        <legend>Legend</legend>
        <Select
          label="Legend mode"
          value={
            getIn(o, ['legend', 'showLegend']) === false
              ? 'hidden'
              : str(getIn(o, ['legend', 'displayMode']), 'list')
          }
          choices={[
            ['list', 'List'],
            ['table', 'Table'],
            ['hidden', 'Hidden'],
          ]}
          onChange={(v) =>
            set(['options', 'legend', 'displayMode'], v, [
              ['options', 'legend', 'showLegend'],
              v !== 'hidden',
            ])
          }
        />
        <Select
          label="Legend placement"
          value={str(getIn(o, ['legend', 'placement']), 'bottom')}
          choices={[
            ['bottom', 'Bottom'],
            ['right', 'Right'],
          ]}
          onChange={(v) => set(['options', 'legend', 'placement'], v)}
        />
        <div className="pe-checks" role="group" aria-label="Legend values">
          {LEGEND_CALCS.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={calcs.includes(c)}
                onChange={(e) =>
                  set(
                    ['options', 'legend', 'calcs'],
                    e.target.checked ? [...calcs, c] : calcs.filter((x) => x !== c),
                  )
                }
              />
              {c}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Tooltip</legend>
        <Select
          label="Tooltip mode"
          value={str(getIn(o, ['tooltip', 'mode']), 'single')}
          choices={[
            ['single', 'Single'],
            ['multi', 'All'],
            ['none', 'Hidden'],
          ]}
          onChange={(v) => set(['options', 'tooltip', 'mode'], v)}
        />
        <Select
          label="Tooltip sort"
          value={str(getIn(o, ['tooltip', 'sort']), 'none')}
          choices={[
            ['none', 'None'],
            ['asc', 'Ascending'],
            ['desc', 'Descending'],
          ]}
          onChange={(v) => set(['options', 'tooltip', 'sort'], v)}
        />
      </fieldset>
      <fieldset>
        <legend>Graph styles</legend>
        <Select
          label="Style"
          value={str(custom?.drawStyle, 'line')}
          choices={[
            ['line', 'Lines'],
            ['bars', 'Bars'],
            ['points', 'Points'],
          ]}
          onChange={(v) => set([...CUSTOM, 'drawStyle'], v)}
        />
        <NumberField
          label="Line width"
          value={custom?.lineWidth}
          onChange={(n) => set([...CUSTOM, 'lineWidth'], n)}
        />
        <NumberField
          label="Fill opacity"
          value={custom?.fillOpacity}
          onChange={(n) =>
            set([...CUSTOM, 'fillOpacity'], n === undefined ? n : Math.max(0, Math.min(100, n)))
          }
        />
        <Select
          label="Show points"
          value={str(custom?.showPoints, 'auto')}
          choices={[
            ['auto', 'Auto'],
            ['always', 'Always'],
            ['never', 'Never'],
          ]}
          onChange={(v) => set([...CUSTOM, 'showPoints'], v)}
        />
        <Select
          label="Stack series"
          value={str(getIn(custom, ['stacking', 'mode']), 'none')}
          choices={[
            ['none', 'Off'],
            ['normal', 'Normal'],
            ['percent', '100%'],
          ]}
          onChange={(v) => set([...CUSTOM, 'stacking'], { mode: v, group: 'A' })}
        />
        <Select
          label="Line interpolation"
          value={str(custom?.lineInterpolation, 'linear')}
          choices={[
            ['linear', 'Linear'],
            ['smooth', 'Smooth'],
            ['stepBefore', 'Step before'],
            ['stepAfter', 'Step after'],
          ]}
          onChange={(v) => set([...CUSTOM, 'lineInterpolation'], v)}
        />
        <Select
          label="Gradient mode"
          value={str(custom?.gradientMode, 'none')}
          choices={[
            ['none', 'None'],
            ['opacity', 'Opacity'],
            ['hue', 'Hue'],
            ['scheme', 'Scheme'],
          ]}
          onChange={(v) => set([...CUSTOM, 'gradientMode'], v)}
        />
        <Select
          label="Show thresholds"
          value={str(getIn(custom, ['thresholdsStyle', 'mode']), 'off')}
          choices={[
            ['off', 'Off'],
            ['line', 'As lines'],
            ['dashed', 'As lines (dashed)'],
            ['area', 'As filled regions'],
            ['line+area', 'As filled regions and lines'],
            ['dashed+area', 'As filled regions and lines (dashed)'],
          ]}
          onChange={(v) => set([...CUSTOM, 'thresholdsStyle'], { mode: v })}
        />
        <label className="pe-inline">
          <input
            type="checkbox"
            checked={custom?.spanNulls === true}
            onChange={(e) => set([...CUSTOM, 'spanNulls'], e.target.checked)}
          />
          Connect null values
        </label>
      </fieldset>
      <fieldset>
        <legend>Axis</legend>
        <Select
          label="Placement"
          value={str(custom?.axisPlacement, 'auto')}
          choices={[
            ['auto', 'Auto'],
            ['left', 'Left'],
            ['right', 'Right'],
            ['hidden', 'Hidden'],
          ]}
          onChange={(v) => set([...CUSTOM, 'axisPlacement'], v)}
        />
        <label className="pe-field">
          <span>Label</span>
          <CommitInput
            aria-label="Axis label"
            value={str(custom?.axisLabel, '')}
            onCommit={(t) => set([...CUSTOM, 'axisLabel'], t || undefined)}
          />
        </label>
        <Select
          label="Scale"
          value={scaleChoice(custom?.scaleDistribution)}
          choices={[
            ['linear', 'Linear'],
            ['log2', 'Logarithmic (base 2)'],
            ['log10', 'Logarithmic (base 10)'],
          ]}
          onChange={(v) =>
            set(
              [...CUSTOM, 'scaleDistribution'],
              v === 'linear' ? { type: 'linear' } : { type: 'log', log: v === 'log2' ? 2 : 10 },
            )
          }
        />
        <NumberField
          label="Soft min"
          value={custom?.axisSoftMin}
          onChange={(n) => set([...CUSTOM, 'axisSoftMin'], n)}
        />
        <NumberField
          label="Soft max"
          value={custom?.axisSoftMax}
          onChange={(n) => set([...CUSTOM, 'axisSoftMax'], n)}
        />
      </fieldset>
    </>
  );
}
