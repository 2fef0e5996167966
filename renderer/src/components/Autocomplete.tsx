// A text input with a filtered suggestion list (metric names, label names and values).
import { useId, useMemo, useState } from 'react';

const MAX_SHOWN = 50;

export function Autocomplete({
  value,
  onChange,
  onCommit,
  options,
  placeholder,
  className,
  ariaLabel,
}: {
  value: string;
  onChange: (v: string) => void;
  /** Called when a suggestion is picked or Enter is pressed. */
  onCommit?: (v: string) => void;
  options: string[];
  placeholder?: string;
  className?: string;
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => {
    const q = value.toLowerCase();
    if (!q) return options.slice(0, MAX_SHOWN);
    const starts: string[] = [];
    const contains: string[] = [];
    for (const o of options) {
      const l = o.toLowerCase();
      if (l === q) continue;
      if (l.startsWith(q)) starts.push(o);
      else if (l.includes(q)) contains.push(o);
      if (starts.length >= MAX_SHOWN) break;
    }
    return [...starts, ...contains].slice(0, MAX_SHOWN);
  }, [value, options]);

  const pick = (v: string) => {
    onChange(v);
    onCommit?.(v);
    setOpen(false);
  };
  const show = open && matches.length > 0;

  return (
    <div className={`autocomplete ${className ?? ''}`}>
      <input
        type="text"
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        role="combobox"
        aria-expanded={show}
        aria-controls={listId}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && show) {
            e.preventDefault();
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (e.key === 'ArrowUp' && show) {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (show && matches[active] !== undefined) pick(matches[active]);
            else {
              onCommit?.(value);
              setOpen(false);
            }
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {show && (
        <ul className="autocomplete-list" id={listId} role="listbox">
          {matches.map((m, i) => (
            <li
              key={m}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: it must land before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
