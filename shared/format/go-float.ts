// Floats as Prometheus's JSON writes them: Go's strconv.FormatFloat(v, 'f', -1, 64) — the
// shortest digits that round-trip, never in exponent form — and NaN, +Inf, -Inf.
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Expand d.ddde±x into plain decimal notation.
  const mantissa = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const pointPos = (mantissa.replace('-', '').indexOf('.') < 0 ? digits.length : mantissa.replace('-', '').indexOf('.')) + exp;
  let out: string;
  if (pointPos <= 0) out = '0.' + '0'.repeat(-pointPos) + digits;
  else if (pointPos >= digits.length) out = digits + '0'.repeat(pointPos - digits.length);
  else out = digits.slice(0, pointPos) + '.' + digits.slice(pointPos);
  return (negative ? '-' : '') + out;
}
