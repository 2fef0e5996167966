// Preset ranges (5m … 24h), a custom start/end window, and the live-follow state.
import { useState } from 'react';
import {
  formatDurationShort,
  fromDatetimeLocal,
  rangePresets,
  resolveRange,
  toDatetimeLocal,
  type TimeRange,
} from '../lib/time-range';
import { formatTimestamp } from '../lib/format';

export function RangePicker({
  range,
  onChange,
  onResume,
  allowCustom = true,
}: {
  range: TimeRange;
  onChange: (r: TimeRange) => void;
  /** Set when a zoom or custom window replaced a live range: returns to following. */
  onResume?: () => void;
  allowCustom?: boolean;
}) {
  const [custom, setCustom] = useState<{ start: string; end: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const following = range.kind === 'relative';

  const openCustom = () => {
    const { startMs, endMs } = resolveRange(range, Date.now());
    setCustom({ start: toDatetimeLocal(startMs), end: toDatetimeLocal(endMs) });
    setError(null);
  };
  const applyCustom = () => {
    if (!custom) return;
    const s = fromDatetimeLocal(custom.start);
    const e = fromDatetimeLocal(custom.end);
    if (s === null || e === null) return setError('Start and end must both be set');
    if (e <= s) return setError('End must be after start');
    setError(null);
    setCustom(null);
    onChange({ kind: 'absolute', startMs: s, endMs: e });
  };

  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label="Time range">
        {rangePresets.map((p) => (
          <button
            key={p.label}
            type="button"
            className={following && range.durationMs === p.durationMs ? 'on' : undefined}
            onClick={() => {
              setCustom(null);
              onChange({ kind: 'relative', durationMs: p.durationMs });
            }}
          >
            {p.label}
          </button>
        ))}
        {allowCustom && (
          <button type="button" className={custom || !following ? 'on' : undefined} onClick={openCustom}>
            Custom
          </button>
        )}
      </div>
      {following ? (
        <span className="live-badge" title="The chart follows the current time">
          <span className="dot" /> Live
          {!rangePresets.some((p) => p.durationMs === range.durationMs) &&
            ` · last ${formatDurationShort(range.durationMs)}`}
        </span>
      ) : (
        <>
          <span className="range-window">
            {formatTimestamp(range.startMs)} → {formatTimestamp(range.endMs)}
          </span>
          {onResume && (
            <button type="button" className="btn btn-small" onClick={onResume}>
              ▶ Resume live
            </button>
          )}
        </>
      )}
      {custom && (
        <div className="custom-range">
          <label>
            Start
            <input
              type="datetime-local"
              step={1}
              value={custom.start}
              onChange={(e) => setCustom({ ...custom, start: e.target.value })}
            />
          </label>
          <label>
            End
            <input
              type="datetime-local"
              step={1}
              value={custom.end}
              onChange={(e) => setCustom({ ...custom, end: e.target.value })}
            />
          </label>
          <button type="button" className="btn btn-primary btn-small" onClick={applyCustom}>
            Apply
          </button>
          <button type="button" className="btn btn-small" onClick={() => setCustom(null)}>
            Cancel
          </button>
          {error && <span className="field-error">{error}</span>}
        </div>
      )}
    </div>
  );
}
