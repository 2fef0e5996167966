// Value mappings as a list editor: value (one value → text), range (from–to → text), regex
// (pattern → text) and special (null, NaN, true, false, empty), each with its display text and an
// optional colour. Numbers typed badly are not taken (the field keeps what was there).
import type { ValueMapping, ValueMappingResult } from '../../../../../shared/dashboards/model';
import { CommitInput } from './CommitInput';
import {
  isEditableMapping,
  newMapping,
  parseOptionalNumber,
  removeAt,
  splitValueMappings,
} from './panel-edit';

const SPECIAL = ['null', 'nan', 'null+nan', 'true', 'false', 'empty'] as const;

function resultOf(m: ValueMapping): ValueMappingResult {
  if (m.type === 'value') return Object.values(m.options)[0] ?? {};
  return m.options.result;
}

function withResult(m: ValueMapping, r: ValueMappingResult): ValueMapping {
  if (m.type === 'value') {
    const key = Object.keys(m.options)[0] ?? '';
    return { ...m, options: { [key]: r } };
  }
  return { ...m, options: { ...m.options, result: r } } as ValueMapping;
}

function MatchFields({ m, onChange }: { m: ValueMapping; onChange: (m: ValueMapping) => void }) {
  switch (m.type) {
    case 'value': {
      const key = Object.keys(m.options)[0] ?? '';
      return (
        <CommitInput
          aria-label="Mapped value"
          placeholder="Value"
          value={key}
          onCommit={(k) => onChange({ ...m, options: { [k]: resultOf(m) } })}
        />
      );
    }
    case 'range': {
      const num = (k: 'from' | 'to') => (text: string) => {
        const n = parseOptionalNumber(text);
        if (n !== null) onChange({ ...m, options: { ...m.options, [k]: n ?? null } });
      };
      return (
        <>
          <CommitInput
            aria-label="Range from"
            placeholder="From"
            value={String(m.options.from ?? '')}
            onCommit={num('from')}
          />
          <CommitInput
            aria-label="Range to"
            placeholder="To"
            value={String(m.options.to ?? '')}
            onCommit={num('to')}
          />
        </>
      );
    }
    case 'regex':
      return (
        <CommitInput
          aria-label="Pattern"
          placeholder="Regex"
          value={m.options.pattern}
          onCommit={(pattern) => onChange({ ...m, options: { ...m.options, pattern } })}
        />
      );
    default:
      return (
        <select
          aria-label="Special value"
          value={m.options.match}
          onChange={(e) =>
            onChange({ ...m, options: { ...m.options, match: e.target.value as (typeof SPECIAL)[number] } })
          }
        >
          {SPECIAL.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      );
  }
}

export function MappingsEditor({
  value,
  onChange,
}: {
  value: unknown;
  onChange: (m: ValueMapping[] | undefined) => void;
}) {
  const list = splitValueMappings(value);
  const set = (i: number, m: ValueMapping) => onChange(list.map((x, j) => (j === i ? m : x)));
  return (
    <div className="pe-mappings" role="group" aria-label="Value mappings">
      <ul>
        {list.map((m, i) => {
          if (!isEditableMapping(m))
            return (
              <li key={i} className="pe-row muted">
                <code>{JSON.stringify(m).slice(0, 80)}</code> (kept as it is)
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label="Remove mapping"
                  onClick={() => onChange(list.length > 1 ? removeAt(list, i) : undefined)}
                >
                  ×
                </button>
              </li>
            );
          const r = resultOf(m);
          return (
            <li key={i} className="pe-row pe-wrap" data-mapping={m.type}>
              <select
                aria-label="Mapping type"
                value={m.type}
                onChange={(e) => set(i, withResult(newMapping(e.target.value as ValueMapping['type']), r))}
              >
                <option value="value">Value</option>
                <option value="range">Range</option>
                <option value="regex">Regex</option>
                <option value="special">Special</option>
              </select>
              <MatchFields m={m} onChange={(n) => set(i, n)} />
              <span aria-hidden="true">→</span>
              <CommitInput
                aria-label="Display text"
                placeholder="Display text"
                value={r.text ?? ''}
                onCommit={(text) => set(i, withResult(m, { ...r, text: text || undefined }))}
              />
              <CommitInput
                aria-label="Mapping colour"
                placeholder="Colour"
                value={r.color ?? ''}
                onCommit={(color) => set(i, withResult(m, { ...r, color: color || undefined }))}
              />
              <button
                type="button"
                className="btn btn-small"
                aria-label="Remove mapping"
                onClick={() => onChange(list.length > 1 ? removeAt(list, i) : undefined)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange([...list, newMapping('value')])}
      >
        + Add value mapping
      </button>
    </div>
  );
}
