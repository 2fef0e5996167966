// The variables of a dashboard above its panels: a select per variable (multi-select for multi),
// a text field for textboxes, and a variable's query error beside it.
import { ALL_VALUE } from '../../../../shared/dashboards/templating/interpolate';
import type { ResolvedVariable } from './variables';

export function VariablesBar({
  variables,
  onChange,
}: {
  variables: ResolvedVariable[];
  onChange: (name: string, values: string[]) => void;
}) {
  const shown = variables.filter(
    (v) => v.hide !== 2 && v.type !== 'constant' && v.type !== 'datasource' && v.type !== 'adhoc',
  );
  if (shown.length === 0) return null;
  return (
    <div className="dash-vars" role="group" aria-label="Variables">
      {shown.map((v) => {
        const selected = Array.isArray(v.value) ? v.value : [v.value];
        return (
          <label key={v.name} className="dash-var" data-variable={v.name}>
            {v.hide !== 1 && <span>{v.label || v.name}</span>}
            {v.type === 'textbox' ? (
              <input
                defaultValue={selected[0] ?? ''}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onChange(v.name, [e.currentTarget.value]);
                }}
                onBlur={(e) => onChange(v.name, [e.currentTarget.value])}
              />
            ) : (
              <select
                multiple={v.multi}
                value={v.multi ? selected : (selected[0] ?? '')}
                onChange={(e) =>
                  onChange(
                    v.name,
                    [...e.target.selectedOptions].map((o) => o.value),
                  )
                }
              >
                {v.choices.length === 0 && <option value="">(none)</option>}
                {!v.multi && selected[0] !== undefined && !v.choices.some((c) => c.value === selected[0]) && (
                  <option value={selected[0]}>{selected[0] === ALL_VALUE ? 'All' : selected[0]}</option>
                )}
                {v.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.text}
                  </option>
                ))}
              </select>
            )}
            {v.error && <span className="field-error">{v.error}</span>}
          </label>
        );
      })}
    </div>
  );
}
