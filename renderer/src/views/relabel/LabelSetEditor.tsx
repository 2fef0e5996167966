// The label set the debugger starts from: key/value rows, or text as Prometheus prints a label set
// (`{a="b"}`), switchable; the text is checked as it is typed and its error says where.
import { useState } from 'react';
import type { LabelSet } from '../../../../shared/api';
import { formatLabelSet, parseLabelSet } from './label-text';

interface Row {
  key: string;
  value: string;
}

const rowsOf = (l: LabelSet): Row[] =>
  Object.keys(l)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, value: l[key] }));

function labelsOf(rows: Row[]): LabelSet {
  const out = new Map<string, string>();
  for (const r of rows) if (r.key.trim() !== '') out.set(r.key.trim(), r.value);
  return Object.fromEntries(out);
}

export function LabelSetEditor({
  initial,
  onChange,
}: {
  initial: LabelSet;
  /** The set as now entered, or null while the text does not parse. */
  onChange: (labels: LabelSet | null) => void;
}) {
  const [mode, setMode] = useState<'rows' | 'text'>('rows');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial));
  const [text, setText] = useState(() => formatLabelSet(initial));
  const parsed = parseLabelSet(text);

  const changeRows = (next: Row[]) => {
    setRows(next);
    onChange(labelsOf(next));
  };
  const switchTo = (m: 'rows' | 'text') => {
    if (m === mode) return;
    if (m === 'text') setText(formatLabelSet(labelsOf(rows)));
    else if ('labels' in parsed) setRows(rowsOf(parsed.labels));
    else return;
    setMode(m);
  };

  return (
    <fieldset className="fieldset relabel-labels">
      <legend>Labels</legend>
      <div className="relabel-mode" role="group" aria-label="Edit labels as">
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={mode === 'rows'}
          onClick={() => switchTo('rows')}
        >
          Rows
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={mode === 'text'}
          onClick={() => switchTo('text')}
        >
          Text
        </button>
      </div>
      {mode === 'text' ? (
        <>
          <textarea
            className="mono relabel-labels-text"
            aria-label="Labels as text"
            spellCheck={false}
            rows={3}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              const p = parseLabelSet(e.target.value);
              onChange('labels' in p ? p.labels : null);
            }}
          />
          {'error' in parsed && <p className="error-text small">{parsed.error}</p>}
        </>
      ) : (
        <>
          {rows.map((row, i) => (
            <div className="label-row" key={i}>
              <input
                type="text"
                className="mono"
                placeholder="name"
                aria-label="Label name"
                value={row.key}
                onChange={(e) =>
                  changeRows(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))
                }
              />
              <span className="eq">=</span>
              <input
                type="text"
                className="mono"
                placeholder="value"
                aria-label="Label value"
                value={row.value}
                onChange={(e) =>
                  changeRows(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))
                }
              />
              <button
                type="button"
                className="btn-icon"
                aria-label="Remove label"
                onClick={() => changeRows(rows.filter((_r, j) => j !== i))}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => changeRows([...rows, { key: '', value: '' }])}
          >
            + Label
          </button>
        </>
      )}
    </fieldset>
  );
}
