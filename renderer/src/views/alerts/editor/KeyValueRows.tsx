// A rule's labels or annotations as rows of name and value (a value may be a multi-line template),
// kept as an ordered list while editing so that renaming a key does not move or merge rows.
import { useState } from 'react';

type Row = [string, string];

export function KeyValueRows({
  title,
  value,
  onChange,
  multiline = false,
}: {
  title: string;
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  multiline?: boolean;
}) {
  const [rows, setRows] = useState<Row[]>(() => Object.entries(value));
  const update = (next: Row[]) => {
    setRows(next);
    // A repeated name keeps its last row's value, as YAML would; the check names empty names.
    onChange(Object.fromEntries(next));
  };
  const noun = title.toLowerCase().replace(/s$/, '');
  return (
    <fieldset className="kv-rows">
      <legend>{title}</legend>
      {rows.map(([k, v], i) => (
        <div className="kv-row" key={i}>
          <input
            className="mono"
            aria-label={`${noun} ${i + 1} name`}
            placeholder="name"
            value={k}
            onChange={(e) => update(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          {multiline ? (
            <textarea
              aria-label={`${noun} ${i + 1} value`}
              rows={Math.min(6, Math.max(1, v.split('\n').length))}
              value={v}
              onChange={(e) => update(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
            />
          ) : (
            <input
              aria-label={`${noun} ${i + 1} value`}
              value={v}
              onChange={(e) => update(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
            />
          )}
          <button
            type="button"
            className="btn-icon"
            aria-label={`Remove ${noun} ${i + 1}`}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => update([...rows, ['', '']])}>
        Add {noun}
      </button>
    </fieldset>
  );
}
