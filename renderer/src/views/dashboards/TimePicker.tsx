// The dashboard's one time range: Grafana's quick ranges, or typed from/to (now-2h, epoch ms, ISO).
import { useState } from 'react';
import { parseDashTime, quickRanges, rangeLabel, type DashRange } from './dash-time';

export function TimePicker({ range, onChange }: { range: DashRange; onChange: (r: DashRange) => void }) {
  const [draft, setDraft] = useState<DashRange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const quick = quickRanges.find((q) => q.from === range.from && q.to === range.to);
  const apply = () => {
    if (!draft) return;
    const now = Date.now();
    const f = parseDashTime(draft.from, now);
    const t = parseDashTime(draft.to, now);
    if (f === null) return setError(`From: "${draft.from}" is not a time (now-6h, epoch ms or a date)`);
    if (t === null) return setError(`To: "${draft.to}" is not a time (now, epoch ms or a date)`);
    if (f >= t) return setError('From must be before To');
    setError(null);
    setDraft(null);
    onChange(draft);
  };
  return (
    <div className="dash-time">
      <select
        aria-label="Time range"
        value={quick ? `${quick.from}|${quick.to}` : 'custom'}
        onChange={(e) => {
          if (e.target.value === 'custom') return setDraft({ ...range });
          const [from, to] = e.target.value.split('|');
          setDraft(null);
          onChange({ from, to });
        }}
      >
        {quickRanges.map((q) => (
          <option key={q.label} value={`${q.from}|${q.to}`}>
            {q.label}
          </option>
        ))}
        <option value="custom">{quick ? 'Custom…' : rangeLabel(range)}</option>
      </select>
      {draft && (
        <span className="dash-time-custom">
          <input
            aria-label="From"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
          <input
            aria-label="To"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
          <button type="button" className="btn btn-small btn-primary" onClick={apply}>
            Apply
          </button>
          {error && <span className="field-error">{error}</span>}
        </span>
      )}
    </div>
  );
}
