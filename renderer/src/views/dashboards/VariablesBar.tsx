// The variables of a dashboard above its panels: a select per variable (multi-select for multi),
// a text field for textboxes, and a variable's query error beside it.
import { ALL_VALUE, type ResolvedVariable } from './variables';

export function VariablesBar({
  variables,
  onChange,
}: {
  variables: ResolvedVariable[];
  onChange: (name: string, values: string[]) => void;
}) {
  const shown = variables.filter((v) => !v.hidden && v.type !== 'constant');
  if (shown.length === 0) return null;
  return (
    <div className="dash-vars" role="group" aria-label="Variables">
      {shown.map((v) => {
        const selected = v.value.all ? [ALL_VALUE] : v.value.values;
        return (
          <label key={v.name} className="dash-var" data-variable={v.name}>
            <span>{v.label}</span>
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
                multiple={v.value.multi}
                value={v.value.multi ? selected : (selected[0] ?? '')}
                onChange={(e) =>
                  onChange(
                    v.name,
                    [...e.target.selectedOptions].map((o) => o.value),
                  )
                }
              >
                {v.options.length === 0 && <option value="">(none)</option>}
                {v.options.map((o) => (
                  <option key={o} value={o}>
                    {o === ALL_VALUE ? 'All' : o}
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
