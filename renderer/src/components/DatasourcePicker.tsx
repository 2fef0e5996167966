// Where a query runs: the local store or one of the remote datasources. '' means local.
import type { DatasourceView } from '../../../shared/api';

export const LOCAL_DATASOURCE_LABEL = 'Local (Promdesk)';

export function DatasourcePicker({
  value,
  onChange,
  datasources,
  label = 'Datasource',
}: {
  value: string;
  onChange: (id: string) => void;
  datasources: DatasourceView[] | null;
  label?: string;
}) {
  const known = !value || (datasources ?? []).some((d) => d.id === value);
  return (
    <label className="datasource-picker">
      <span className="datasource-picker-label">Datasource</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{LOCAL_DATASOURCE_LABEL}</option>
        {(datasources ?? []).map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
        {/* An id from a shared URL that this Promdesk does not have (or not yet loaded). */}
        {!known && <option value={value}>{datasources ? 'Unknown datasource' : 'Loading…'}</option>}
      </select>
    </label>
  );
}
