// Floats as Prometheus's JSON writes them (web/api/v1 marshalPointJSON): Go's
// strconv.AppendFloat with 'f' format, or 'e' format when |v| < 1e-6 or |v| >= 1e21, shortest
// digits that round-trip; NaN, +Inf, -Inf. JS uses the same shortest digits and the same
// thresholds for exponent form; Go writes at least two exponent digits (1e-07).
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = s[e + 1];
  const digits = s.slice(e + 2);
  return `${s.slice(0, e)}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}
