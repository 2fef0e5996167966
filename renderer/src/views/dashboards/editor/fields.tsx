// Small labelled controls the options pane is made of: a select, a number field (empty clears,
// junk is ignored) and the setter that changes option paths of the panel.
import { CommitInput } from './CommitInput';
import { parseOptionalNumber } from './panel-edit';

/** Sets each [path, value] pair in one change of the panel. */
export type Setter = (path: string[], value: unknown, ...more: [string[], unknown][]) => void;

export function Select({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  return (
    <label className="pe-field">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NumberField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: unknown;
  onChange: (n: number | undefined) => void;
}) {
  return (
    <label className="pe-field">
      <span>{label}</span>
      <CommitInput
        aria-label={label}
        inputMode="decimal"
        placeholder="auto"
        value={typeof value === 'number' ? String(value) : ''}
        onCommit={(text) => {
          const n = parseOptionalNumber(text);
          if (n !== null) onChange(n);
        }}
      />
    </label>
  );
}

export const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
