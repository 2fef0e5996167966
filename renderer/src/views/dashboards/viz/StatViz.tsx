// Stat, gauge and bar gauge panels: each series reduced to one value (reduceOptions.calcs), in
// the panel's unit, coloured by its thresholds.
import type { FieldConfigDefaults } from '../../../../../shared/dashboards/model';
import type { ReducedValue } from '../panel-values';
import { formatUnit, thresholdColor } from '../panel-values';

interface Props {
  values: ReducedValue[];
  defaults: FieldConfigDefaults;
}

const limits = (d: FieldConfigDefaults) => {
  const pct = d.unit === 'percent';
  const unitRange = d.unit === 'percentunit';
  return {
    min: d.min ?? 0,
    max: d.max ?? (pct ? 100 : unitRange ? 1 : 100),
  };
};

const shownText = (v: ReducedValue, d: FieldConfigDefaults) =>
  v.value === null && d.noValue ? d.noValue : formatUnit(v.value, d.unit, d.decimals);

export function StatViz({ values, defaults }: Props) {
  const { min, max } = limits(defaults);
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-stat">
      {values.slice(0, 50).map((v, i) => (
        <div
          key={i}
          className="dash-stat-item"
          style={{ color: thresholdColor(v.value, defaults.thresholds, min, max) }}
        >
          <span className="dash-stat-value" data-value={v.value ?? ''}>
            {shownText(v, defaults)}
          </span>
          {values.length > 1 && <span className="dash-stat-name">{v.name}</span>}
        </div>
      ))}
    </div>
  );
}

/** A half-ring gauge per value: the arc fills from min to max. */
export function GaugeViz({ values, defaults }: Props) {
  const { min, max } = limits(defaults);
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-gauges">
      {values.slice(0, 20).map((v, i) => {
        const frac =
          v.value === null || max <= min ? 0 : Math.min(1, Math.max(0, (v.value - min) / (max - min)));
        const color = thresholdColor(v.value, defaults.thresholds, min, max) ?? 'var(--accent, #5794f2)';
        const a = Math.PI * (1 - frac);
        const x = 50 + 40 * Math.cos(a);
        const y = 50 - 40 * Math.sin(a);
        return (
          <figure key={i} className="dash-gauge">
            <svg viewBox="0 0 100 56" role="img" aria-label={`${v.name}: ${shownText(v, defaults)}`}>
              <path d="M10 50 A40 40 0 0 1 90 50" fill="none" stroke="var(--border, #8884)" strokeWidth="8" />
              {frac > 0 && (
                <path
                  d={`M10 50 A40 40 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
                  fill="none"
                  stroke={color}
                  strokeWidth="8"
                />
              )}
              <text x="50" y="48" textAnchor="middle" fontSize="13" fill={color} data-value={v.value ?? ''}>
                {shownText(v, defaults)}
              </text>
            </svg>
            {values.length > 1 && <figcaption>{v.name}</figcaption>}
          </figure>
        );
      })}
    </div>
  );
}

/** Horizontal bars, one per value, filled from min to max. */
export function BarGaugeViz({ values, defaults }: Props) {
  const { min, max } = limits(defaults);
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-bargauge">
      {values.slice(0, 100).map((v, i) => {
        const frac =
          v.value === null || max <= min ? 0 : Math.min(1, Math.max(0, (v.value - min) / (max - min)));
        const color = thresholdColor(v.value, defaults.thresholds, min, max) ?? 'var(--accent, #5794f2)';
        return (
          <div key={i} className="dash-bar-row">
            <span className="dash-bar-name" title={v.name}>
              {v.name}
            </span>
            <span className="dash-bar-track">
              <span
                className="dash-bar-fill"
                style={{ width: `${(frac * 100).toFixed(1)}%`, background: color }}
              />
            </span>
            <span className="dash-bar-value" style={{ color }} data-value={v.value ?? ''}>
              {shownText(v, defaults)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
