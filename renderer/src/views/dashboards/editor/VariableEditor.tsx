// One variable in dashboard settings: its name, label, visibility and the fields of its kind
// (query: PromQL-style query, regex, sort, refresh; custom: values; constant; interval: values
// and auto; textbox: default; datasource: type and regex; multi-value and All where they apply),
// with a preview of the values it resolves to against the local store (or its error).
import { useEffect, useState } from 'react';
import type { Variable } from '../../../../../shared/dashboards/model';
import { variableQueryText } from '../../../../../shared/dashboards/templating/variable-query';
import { useApi } from '../../../api-context';
import { errorMessage } from '../../../lib/error-message';
import { resolveDashboardVariables } from '../variables';
import { CommitInput } from './CommitInput';
import {
  VARIABLE_KINDS,
  newVariable,
  variableNameError,
  withQueryText,
  type VariableKind,
} from './variable-edit';

const SORTS: [number, string][] = [
  [0, 'Disabled'],
  [1, 'Alphabetical (asc)'],
  [2, 'Alphabetical (desc)'],
  [3, 'Numerical (asc)'],
  [4, 'Numerical (desc)'],
  [5, 'Alphabetical, case-insensitive (asc)'],
  [6, 'Alphabetical, case-insensitive (desc)'],
  [7, 'Natural (asc)'],
  [8, 'Natural (desc)'],
];

const QUERY_HINT: Record<string, string> = {
  query: 'label_values(up, job), label_names(), metrics(node_.*), query_result(expr)',
  custom: 'a, b, c (or text : value pairs)',
  constant: 'a fixed value',
  interval: '1m,10m,1h',
  textbox: 'default text',
  datasource: 'prometheus',
};

function Check({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="pe-inline">
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Preview({
  list,
  index,
  range,
}: {
  list: readonly Variable[];
  index: number;
  range: { startMs: number; endMs: number; scrapeMs: number };
}) {
  const api = useApi();
  const [shown, setShown] = useState<{ values: string[]; error?: string } | null>(null);
  const key = JSON.stringify(list.slice(0, index + 1));
  useEffect(() => {
    let stale = false;
    const t = setTimeout(() => {
      resolveDashboardVariables(
        api,
        list.slice(0, index + 1),
        new URLSearchParams(),
        range,
        range.scrapeMs,
      ).then(
        (r) => {
          const v = r[index];
          if (!stale) setShown({ values: v ? v.choices.map((c) => c.text) : [], error: v?.error });
        },
        (e: unknown) => !stale && setShown({ values: [], error: errorMessage(e) }),
      );
    }, 300);
    return () => {
      stale = true;
      clearTimeout(t);
    };
    // key stands for the list up to this variable
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, index]);
  return (
    <div className="pe-var-preview" aria-label="Preview of values" role="region">
      <strong>Preview of values</strong>
      {shown === null ? (
        <span className="muted"> resolving…</span>
      ) : shown.error ? (
        <p className="field-error" role="alert">
          {shown.error}
        </p>
      ) : shown.values.length === 0 ? (
        <span className="muted"> (no values)</span>
      ) : (
        <ul className="pe-var-values">
          {shown.values.slice(0, 50).map((v, i) => (
            <li key={i} className="tag">
              {v}
            </li>
          ))}
          {shown.values.length > 50 && <li className="muted">and {shown.values.length - 50} more</li>}
        </ul>
      )}
    </div>
  );
}

export function VariableEditor({
  list,
  index,
  range,
  onChange,
}: {
  list: readonly Variable[];
  index: number;
  range: { startMs: number; endMs: number; scrapeMs: number };
  onChange: (v: Variable) => void;
}) {
  const v = list[index];
  const [name, setName] = useState(v.name);
  useEffect(() => setName(v.name), [v.name]);
  const nameError = variableNameError(name, list, index);
  const set = (change: Partial<Variable>) => onChange({ ...v, ...change });
  const hasMulti = v.type === 'query' || v.type === 'custom' || v.type === 'datasource';
  return (
    <div className="pe-variable card" role="form" aria-label={`Variable ${v.name}`}>
      <div className="pe-row pe-wrap">
        <label className="pe-field">
          <span>Type</span>
          <select
            aria-label="Variable type"
            value={v.type}
            onChange={(e) => {
              const fresh = newVariable(e.target.value as VariableKind, []);
              onChange({ ...fresh, name: v.name, label: v.label });
            }}
          >
            {VARIABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
            {!(VARIABLE_KINDS as readonly string[]).includes(v.type) && (
              <option value={v.type}>{v.type}</option>
            )}
          </select>
        </label>
        <label className="pe-field">
          <span>Name</span>
          <input
            aria-label="Variable name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => !nameError && name !== v.name && set({ name })}
            onKeyDown={(e) => e.key === 'Enter' && !nameError && name !== v.name && set({ name })}
            aria-invalid={Boolean(nameError)}
          />
        </label>
        <label className="pe-field">
          <span>Label</span>
          <CommitInput
            aria-label="Variable label"
            value={v.label ?? ''}
            onCommit={(label) => set({ label: label || undefined })}
          />
        </label>
        <label className="pe-field">
          <span>Hide</span>
          <select
            aria-label="Hide"
            value={String(v.hide ?? 0)}
            onChange={(e) => set({ hide: Number(e.target.value) })}
          >
            <option value="0">Nothing</option>
            <option value="1">Label</option>
            <option value="2">Variable</option>
          </select>
        </label>
      </div>
      {nameError && <p className="field-error">{nameError}</p>}
      <label className="pe-field">
        <span>
          {v.type === 'datasource'
            ? 'Datasource type'
            : v.type === 'custom' || v.type === 'interval'
              ? 'Values'
              : v.type === 'query'
                ? 'Query'
                : 'Value'}
        </span>
        <CommitInput
          aria-label="Variable query"
          placeholder={QUERY_HINT[v.type] ?? ''}
          value={variableQueryText(v.query)}
          onCommit={(text) => onChange(withQueryText(v, text))}
        />
      </label>
      {(v.type === 'query' || v.type === 'datasource') && (
        <label className="pe-field">
          <span>Regex</span>
          <CommitInput
            aria-label="Variable regex"
            placeholder="/.*-(.*)/"
            value={v.regex ?? ''}
            onCommit={(regex) => set({ regex: regex || undefined })}
          />
        </label>
      )}
      {v.type === 'query' && (
        <div className="pe-row pe-wrap">
          <label className="pe-field">
            <span>Sort</span>
            <select
              aria-label="Sort"
              value={String(v.sort ?? 0)}
              onChange={(e) => set({ sort: Number(e.target.value) })}
            >
              {SORTS.map(([n, t]) => (
                <option key={n} value={n}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="pe-field">
            <span>Refresh</span>
            <select
              aria-label="Refresh on"
              value={String(v.refresh ?? 1)}
              onChange={(e) => set({ refresh: Number(e.target.value) })}
            >
              <option value="1">On dashboard load</option>
              <option value="2">On time range change</option>
            </select>
          </label>
        </div>
      )}
      {v.type === 'interval' && (
        <div className="pe-row pe-wrap">
          <Check label="Auto option" value={Boolean(v.auto)} onChange={(auto) => set({ auto })} />
          <label className="pe-inline">
            Steps
            <CommitInput
              aria-label="Auto steps"
              size={4}
              value={String(typeof v.auto_count === 'number' ? v.auto_count : 30)}
              onCommit={(t) => Number(t) > 0 && set({ auto_count: Math.round(Number(t)) })}
            />
          </label>
          <label className="pe-inline">
            Min interval
            <CommitInput
              aria-label="Auto min interval"
              size={6}
              value={typeof v.auto_min === 'string' ? v.auto_min : '10s'}
              onCommit={(auto_min) => set({ auto_min })}
            />
          </label>
        </div>
      )}
      {hasMulti && (
        <div className="pe-row pe-wrap">
          <Check label="Multi-value" value={Boolean(v.multi)} onChange={(multi) => set({ multi })} />
          <Check
            label="Include All option"
            value={Boolean(v.includeAll)}
            onChange={(includeAll) => set({ includeAll })}
          />
          {v.includeAll && (
            <label className="pe-inline">
              Custom all value
              <CommitInput
                aria-label="Custom all value"
                placeholder=".*"
                value={v.allValue ?? ''}
                onCommit={(a) => set({ allValue: a || null })}
              />
            </label>
          )}
        </div>
      )}
      <Preview list={list} index={index} range={range} />
    </div>
  );
}
