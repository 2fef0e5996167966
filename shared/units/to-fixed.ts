// Grafana's number text: a value with the given decimals, or, when none are given, with the
// decimals Grafana picks from the value's magnitude (two significant digits past the first, so
// 30.7, 1.50, 0.0123), trailing zeros kept to that count.

/** The decimals Grafana shows for a value when the panel sets none. */
export function autoDecimals(value: number): number {
  if (value % 1 === 0) return 0;
  const log10 = Math.floor(Math.log(Math.abs(value)) / Math.LN10);
  // Grafana starts at 1 - log10 and adds one more (its "norm > 2.25" test always holds).
  return Math.max(0, -log10 + 2);
}

/** `value` with `decimals` (auto when null/undefined); ±Infinity and NaN as words. */
export function toFixed(value: number, decimals?: number | null): string {
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (Number.isNaN(value)) return 'NaN';
  const dec =
    decimals === null || decimals === undefined ? autoDecimals(value) : Math.max(0, Math.min(20, decimals));
  if (value === 0) return value.toFixed(dec);
  const factor = dec ? 10 ** dec : 1;
  const rounded = String(Math.round(value * factor) / factor);
  if (rounded.includes('e')) return rounded;
  const dot = rounded.indexOf('.');
  const have = dot === -1 ? 0 : rounded.length - dot - 1;
  if (have < dec) return (have ? rounded : `${rounded}.`) + '0'.repeat(dec - have);
  return rounded;
}
