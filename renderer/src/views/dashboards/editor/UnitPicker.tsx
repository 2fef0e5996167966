// A searchable unit picker over shared/units' ids (as Grafana's): a search box listing matching
// units by category; a custom id ("suffix:req", "si:W") typed and kept as it is.
import { useState } from 'react';
import { searchUnits, unitLabel } from './unit-options';

export function UnitPicker({
  value,
  onChange,
  label = 'Unit',
}: {
  value: string | undefined;
  onChange: (unit: string | undefined) => void;
  label?: string;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const found = open ? searchUnits(query).slice(0, 60) : [];
  const pick = (id: string | undefined) => {
    onChange(id);
    setOpen(false);
    setQuery('');
  };
  return (
    <div className="pe-unit" data-unit={value ?? ''}>
      <div className="pe-row">
        <input
          aria-label={label}
          placeholder={value ? unitLabel(value) : 'Search units (bytes, seconds, percent…)'}
          value={query}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onChange={(e) => (setQuery(e.target.value), setOpen(true))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && found[0]) pick(found[0].id);
            else if (e.key === 'Enter' && query.trim()) pick(query.trim());
            else if (e.key === 'Escape') {
              setOpen(false);
              e.stopPropagation();
            }
          }}
        />
        {value && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => pick(undefined)}
            aria-label={`Clear ${label.toLowerCase()}`}
          >
            ×
          </button>
        )}
      </div>
      {value && <div className="muted pe-unit-current">{unitLabel(value)}</div>}
      {open && (
        <ul className="pe-unit-list" role="listbox" aria-label={`${label} choices`}>
          {found.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                role="option"
                aria-selected={u.id === value}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(u.id)}
              >
                <span className="muted">{u.category} /</span> {u.name}
              </button>
            </li>
          ))}
          {found.length === 0 && query.trim() && (
            <li>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(query.trim())}
              >
                Custom unit “{query.trim()}”
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
