// Thresholds as Grafana's steps editor: a base step (from -∞) and steps at values, each with a
// colour; absolute or percentage mode; a step's value typed and re-sorted when the field is left.
import type { Thresholds } from '../../../../../shared/dashboards/model';
import { resolveColor } from '../../../../../shared/dashboards/field-colors';
import { CommitInput } from './CommitInput';
import { addThresholdStep, parseOptionalNumber, removeAt, sortSteps, thresholdsOf } from './panel-edit';

/** A colour for <input type=color>, which takes only #rrggbb. */
function hexOf(name: string): string {
  const c = resolveColor(name);
  return /^#[0-9a-f]{6}$/i.test(c) ? c : '#808080';
}

export function ThresholdsEditor({ value, onChange }: { value: unknown; onChange: (t: Thresholds) => void }) {
  const t = thresholdsOf(value);
  const steps = sortSteps(t.steps);
  const setStep = (i: number, change: Partial<(typeof steps)[number]>) =>
    onChange({ ...t, steps: sortSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s))) });
  return (
    <div className="pe-thresholds" role="group" aria-label="Thresholds">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange(addThresholdStep({ ...t, steps }))}
      >
        + Add threshold
      </button>
      <ul>
        {[...steps.keys()].reverse().map((i) => {
          const s = steps[i];
          return (
            <li key={`${i}-${s.value}`} className="pe-row">
              <input
                type="color"
                aria-label={`Threshold colour ${s.value ?? 'base'}`}
                value={hexOf(s.color)}
                onChange={(e) => setStep(i, { color: e.target.value })}
              />
              {s.value === null ? (
                <span className="pe-base">Base</span>
              ) : (
                <CommitInput
                  aria-label="Threshold value"
                  inputMode="decimal"
                  value={String(s.value)}
                  onCommit={(text) => {
                    const n = parseOptionalNumber(text);
                    if (typeof n === 'number') setStep(i, { value: n });
                  }}
                />
              )}
              {s.value !== null && (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Remove threshold ${s.value}`}
                  onClick={() => onChange({ ...t, steps: removeAt(steps, i) })}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <label className="pe-row">
        Mode
        <select
          aria-label="Thresholds mode"
          value={t.mode}
          onChange={(e) =>
            onChange({ ...t, steps, mode: e.target.value === 'percentage' ? 'percentage' : 'absolute' })
          }
        >
          <option value="absolute">Absolute</option>
          <option value="percentage">Percentage</option>
        </select>
      </label>
    </div>
  );
}
