// The editor's right-hand column: the visualisation picker and the panel's options (title,
// description, legend, tooltip, graph styles, value reducer, text content), its field options
// (unit, decimals, min/max, noValue, thresholds, value mappings) and its overrides, each change
// handed up at once so the preview redraws.
import { useState } from 'react';
import type { FieldConfig, FieldOverride, Panel } from '../../../../../shared/dashboards/model';
import { CommitInput } from './CommitInput';
import { NumberField, Select, str, type Setter } from './fields';
import { HeatmapOptions } from './HeatmapOptions';
import { PanelJson } from './PanelJson';
import { RepeatOptions } from './RepeatOptions';
import { TimeseriesOptions } from './TimeseriesOptions';
import { MappingsEditor } from './MappingsEditor';
import { changeVizType, getIn, parseOverrides, setIn, VIZ_TYPES } from './panel-edit';
import { ThresholdsEditor } from './ThresholdsEditor';
import { UnitPicker } from './UnitPicker';

const VIZ_NAMES: Record<string, string> = {
  timeseries: 'Time series',
  stat: 'Stat',
  gauge: 'Gauge',
  bargauge: 'Bar gauge',
  table: 'Table',
  text: 'Text',
  heatmap: 'Heatmap',
};
const CALCS = ['lastNotNull', 'last', 'first', 'min', 'max', 'mean', 'sum', 'count', 'range', 'delta'];

function OverridesEditor({
  value,
  onChange,
}: {
  value: FieldOverride[];
  onChange: (o: FieldOverride[]) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset>
      <legend>Overrides ({value.length})</legend>
      <ul className="pe-overrides">
        {value.map((o, i) => (
          <li key={i}>
            <code>
              {o.matcher.id}
              {o.matcher.options !== undefined ? `: ${JSON.stringify(o.matcher.options)}` : ''}
            </code>{' '}
            <span className="muted">{o.properties.map((p) => p.id).join(', ')}</span>
          </li>
        ))}
      </ul>
      {text === null ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setText(JSON.stringify(value, null, 2))}
        >
          Edit overrides as JSON
        </button>
      ) : (
        <>
          <textarea
            aria-label="Overrides JSON"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="pe-row">
            <button
              type="button"
              className="btn btn-small btn-primary"
              onClick={() => {
                const r = parseOverrides(text);
                if ('error' in r) return setError(r.error);
                setError(null);
                setText(null);
                onChange(r.overrides);
              }}
            >
              Apply overrides
            </button>
            <button type="button" className="btn btn-small" onClick={() => (setText(null), setError(null))}>
              Cancel
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}

export function OptionsPane({
  panel,
  variables,
  onChange,
}: {
  panel: Panel;
  /** The dashboard's variable names, for repeat options. */
  variables: readonly string[];
  onChange: (p: Panel) => void;
}) {
  const set: Setter = (path, value, ...more) => {
    let next = panel;
    if (!next.fieldConfig)
      next = { ...next, fieldConfig: { defaults: {}, overrides: [] } satisfies FieldConfig };
    for (const [p, v] of [[path, value] as [string[], unknown], ...more]) next = setIn(next, p, v);
    onChange(next);
  };
  const d = panel.fieldConfig?.defaults ?? {};
  const isText = panel.type === 'text';
  const single = panel.type === 'stat' || panel.type === 'gauge' || panel.type === 'bargauge';
  return (
    <div className="pe-options" aria-label="Panel options" role="region">
      <label className="pe-field">
        <span>Visualization</span>
        <select
          aria-label="Visualization"
          value={panel.type}
          onChange={(e) => onChange(changeVizType(panel, e.target.value))}
        >
          {VIZ_TYPES.map((t) => (
            <option key={t} value={t}>
              {VIZ_NAMES[t]}
            </option>
          ))}
          {!(VIZ_TYPES as readonly string[]).includes(panel.type) && (
            <option value={panel.type}>{panel.type}</option>
          )}
        </select>
      </label>
      <fieldset>
        <legend>Panel options</legend>
        <label className="pe-field">
          <span>Title</span>
          <input
            aria-label="Title"
            value={panel.title ?? ''}
            onChange={(e) => onChange({ ...panel, title: e.target.value })}
          />
        </label>
        <label className="pe-field">
          <span>Description</span>
          <textarea
            aria-label="Description"
            rows={2}
            value={panel.description ?? ''}
            onChange={(e) => onChange({ ...panel, description: e.target.value || undefined })}
          />
        </label>
      </fieldset>
      <RepeatOptions panel={panel} variables={variables} onChange={onChange} />
      {isText && (
        <fieldset>
          <legend>Text</legend>
          <textarea
            aria-label="Content"
            rows={8}
            value={str(getIn(panel.options, ['content']), '')}
            onChange={(e) => set(['options', 'content'], e.target.value)}
          />
        </fieldset>
      )}
      {panel.type === 'timeseries' && <TimeseriesOptions panel={panel} set={set} />}
      {panel.type === 'heatmap' && <HeatmapOptions panel={panel} set={set} />}
      {single && (
        <fieldset>
          <legend>Value options</legend>
          <Select
            label="Calculation"
            value={str(getIn(panel.options, ['reduceOptions', 'calcs', '0']), 'lastNotNull')}
            choices={CALCS.map((c) => [c, c] as const)}
            onChange={(v) => set(['options', 'reduceOptions', 'calcs'], [v])}
          />
        </fieldset>
      )}
      {!isText && (
        <>
          <fieldset>
            <legend>Standard options</legend>
            <div className="pe-field">
              <span>Unit</span>
              <UnitPicker value={d.unit} onChange={(u) => set(['fieldConfig', 'defaults', 'unit'], u)} />
            </div>
            <NumberField
              label="Decimals"
              value={d.decimals}
              onChange={(n) => set(['fieldConfig', 'defaults', 'decimals'], n)}
            />
            <NumberField
              label="Min"
              value={d.min}
              onChange={(n) => set(['fieldConfig', 'defaults', 'min'], n)}
            />
            <NumberField
              label="Max"
              value={d.max}
              onChange={(n) => set(['fieldConfig', 'defaults', 'max'], n)}
            />
            <label className="pe-field">
              <span>No value</span>
              <CommitInput
                aria-label="No value"
                value={d.noValue ?? ''}
                onCommit={(t) => set(['fieldConfig', 'defaults', 'noValue'], t || undefined)}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Thresholds</legend>
            <ThresholdsEditor
              value={d.thresholds}
              onChange={(t) => set(['fieldConfig', 'defaults', 'thresholds'], t)}
            />
          </fieldset>
          <fieldset>
            <legend>Value mappings</legend>
            <MappingsEditor
              value={d.mappings}
              onChange={(m) => set(['fieldConfig', 'defaults', 'mappings'], m)}
            />
          </fieldset>
          <OverridesEditor
            value={panel.fieldConfig?.overrides ?? []}
            onChange={(o) => set(['fieldConfig', 'overrides'], o)}
          />
        </>
      )}
      <PanelJson panel={panel} onChange={onChange} />
    </div>
  );
}
