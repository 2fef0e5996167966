// Builds a series selector: metric name and label filters (=, !=, =~, !~), each with suggestions
// from the store, and the resulting selector as editable text.
import { useEffect, useState } from 'react';
import { Autocomplete } from '../components/Autocomplete';
import { useLabelNames } from '../hooks/useLabelNames';
import { useLabelValues } from '../hooks/useLabelValues';
import {
  buildSelector,
  isValidMetricName,
  matchOps,
  parseSelector,
  type MatchOp,
  type Matcher,
  type SelectorParts,
} from '../lib/selector';

export function SeriesPicker({
  parts,
  onChange,
  onRawCommit,
  metricNames,
}: {
  parts: SelectorParts;
  onChange: (p: SelectorParts) => void;
  /** Selector text typed by hand that is not a plain selector (kept as it is). */
  onRawCommit: (text: string) => void;
  metricNames: string[];
}) {
  const built = buildSelector(parts);
  const [raw, setRaw] = useState(built);
  const [rawDirty, setRawDirty] = useState(false);
  useEffect(() => {
    setRaw(built);
    setRawDirty(false);
  }, [built]);
  const metricSel = parts.metric && isValidMetricName(parts.metric) ? parts.metric : undefined;
  const labelNames = useLabelNames(metricSel);

  const commitRaw = () => {
    if (!rawDirty) return;
    const p = parseSelector(raw);
    if (p) onChange(p);
    else onRawCommit(raw);
    setRawDirty(false);
  };

  const setMatcher = (i: number, m: Matcher) =>
    onChange({ ...parts, matchers: parts.matchers.map((x, j) => (j === i ? m : x)) });

  return (
    <div className="series-picker card">
      <div className="picker-row">
        <label className="field grow">
          <span>Metric</span>
          <Autocomplete
            value={parts.metric}
            onChange={(v) => onChange({ ...parts, metric: v })}
            options={metricNames}
            placeholder="metric name, e.g. node_load1"
            ariaLabel="Metric name"
            className="mono"
          />
        </label>
        <label className="field grow2">
          <span>Selector</span>
          <input
            type="text"
            className="mono"
            value={raw}
            spellCheck={false}
            placeholder='node_load1{job="node"}'
            aria-label="Selector"
            onChange={(e) => {
              setRaw(e.target.value);
              setRawDirty(true);
            }}
            onBlur={commitRaw}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitRaw();
            }}
          />
        </label>
      </div>
      <div className="matchers">
        {parts.matchers.map((m, i) => (
          <MatcherRow
            key={i}
            matcher={m}
            labelNames={labelNames}
            context={buildSelector({
              metric: parts.metric,
              matchers: parts.matchers.filter((_x, j) => j !== i),
            })}
            onChange={(nm) => setMatcher(i, nm)}
            onRemove={() => onChange({ ...parts, matchers: parts.matchers.filter((_x, j) => j !== i) })}
          />
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            onChange({ ...parts, matchers: [...parts.matchers, { name: '', op: '=', value: '' }] })
          }
        >
          + Label filter
        </button>
      </div>
    </div>
  );
}

function MatcherRow({
  matcher,
  labelNames,
  context,
  onChange,
  onRemove,
}: {
  matcher: Matcher;
  labelNames: string[];
  context: string;
  onChange: (m: Matcher) => void;
  onRemove: () => void;
}) {
  const values = useLabelValues(matcher.name || null, context || undefined);
  return (
    <div className="matcher">
      <Autocomplete
        value={matcher.name}
        onChange={(name) => onChange({ ...matcher, name })}
        options={labelNames}
        placeholder="label"
        ariaLabel="Label name"
        className="mono matcher-name"
      />
      <select
        value={matcher.op}
        aria-label="Match operator"
        onChange={(e) => onChange({ ...matcher, op: e.target.value as MatchOp })}
      >
        {matchOps.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      <Autocomplete
        value={matcher.value}
        onChange={(value) => onChange({ ...matcher, value })}
        options={values.values}
        placeholder={matcher.op.includes('~') ? 'regex' : 'value'}
        ariaLabel="Label value"
        className="mono matcher-value"
      />
      <button
        type="button"
        className="btn-icon"
        onClick={onRemove}
        aria-label="Remove filter"
        title="Remove filter"
      >
        ×
      </button>
    </div>
  );
}
