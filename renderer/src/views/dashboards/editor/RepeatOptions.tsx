// A panel's repeat options (Grafana's): repeat it for each value of a variable, side by side
// (at most maxPerRow per grid row) or one under another.
import type { Panel } from '../../../../../shared/dashboards/model';
import { Select } from './fields';

const PER_ROW = ['2', '3', '4', '6', '8', '12'];

export function RepeatOptions({
  panel,
  variables,
  onChange,
}: {
  panel: Panel;
  /** The dashboard's variable names. */
  variables: readonly string[];
  onChange: (p: Panel) => void;
}) {
  const repeat = typeof panel.repeat === 'string' ? panel.repeat : '';
  const names = repeat && !variables.includes(repeat) ? [...variables, repeat] : variables;
  return (
    <fieldset>
      <legend>Repeat options</legend>
      <Select
        label="Repeat by variable"
        value={repeat}
        choices={[['', 'Off'] as const, ...names.map((n) => [n, `$${n}`] as const)]}
        onChange={(v) =>
          onChange(
            v
              ? { ...panel, repeat: v, repeatDirection: panel.repeatDirection ?? 'h' }
              : { ...panel, repeat: undefined, repeatDirection: undefined, maxPerRow: undefined },
          )
        }
      />
      {repeat && (
        <>
          <Select
            label="Repeat direction"
            value={panel.repeatDirection === 'v' ? 'v' : 'h'}
            choices={[
              ['h', 'Horizontal'],
              ['v', 'Vertical'],
            ]}
            onChange={(v) => onChange({ ...panel, repeatDirection: v === 'v' ? 'v' : 'h' })}
          />
          {panel.repeatDirection !== 'v' && (
            <Select
              label="Max per row"
              value={String(panel.maxPerRow ?? 4)}
              choices={PER_ROW.map((n) => [n, n] as const)}
              onChange={(v) => onChange({ ...panel, maxPerRow: Number(v) })}
            />
          )}
        </>
      )}
    </fieldset>
  );
}
