// Stat, gauge and bar gauge panels: each series reduced to one value (reduceOptions.calcs),
// shown and coloured by its own field options (overrides applied).
import type { FieldConfigDefaults } from '../../../../../shared/dashboards/model';
import { defaultMax, shownValue, type ReducedValue } from '../panel-values';

interface Props {
  values: ReducedValue[];
  defaults: FieldConfigDefaults;
}

const limits = (d: FieldConfigDefaults) => ({ min: d.min ?? 0, max: d.max ?? defaultMax(d.unit) });

export function StatViz({ values, defaults }: Props) {
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-stat">
      {values.slice(0, 50).map((v, i) => {
        const shown = shownValue(v.value, v.config);
        return (
          <div key={i} className="dash-stat-item" style={{ color: shown.color }}>
            <span className="dash-stat-value" data-value={v.value ?? ''}>
              {shown.text}
            </span>
            {values.length > 1 && <span className="dash-stat-name">{v.name}</span>}
          </div>
        );
      })}
    </div>
  );
}

/** A half-ring gauge per value: the arc fills from min to max. */
export function GaugeViz({ values, defaults }: Props) {
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-gauges">
      {values.slice(0, 20).map((v, i) => {
        const { min, max } = limits(v.config);
        const frac =
          v.value === null || max <= min ? 0 : Math.min(1, Math.max(0, (v.value - min) / (max - min)));
        const shown = shownValue(v.value, v.config);
        const color = shown.color ?? 'var(--accent-2)';
        const a = Math.PI * (1 - frac);
        const x = 50 + 40 * Math.cos(a);
        const y = 50 - 40 * Math.sin(a);
        return (
          <figure key={i} className="dash-gauge">
            <svg viewBox="0 0 100 56" role="img" aria-label={`${v.name}: ${shown.text}`}>
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
                {shown.text}
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
  if (values.length === 0) return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  return (
    <div className="dash-bargauge">
      {values.slice(0, 100).map((v, i) => {
        const { min, max } = limits(v.config);
        const frac =
          v.value === null || max <= min ? 0 : Math.min(1, Math.max(0, (v.value - min) / (max - min)));
        const shown = shownValue(v.value, v.config);
        const color = shown.color ?? 'var(--accent-2)';
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
              {shown.text}
            </span>
          </div>
        );
      })}
    </div>
  );
}
