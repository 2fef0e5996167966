// Float formatting as Go's strconv.FormatFloat(f, 'g', -1, 64) and Prometheus 3's
// labels.FormatOpenMetricsFloat: the canonical form Prometheus 3 rewrites `le` and `quantile`
// label values into, so the linter can tell which written values will change.

/** Go's shortest 'g' format: %e when the exponent is < -4 or >= 6 (Go's rule for shortest). */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest digits that round-trip, as Go does.
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  // In this range JS's own formatting is plain decimal with the same shortest digits.
  return String(f);
}

/** Prometheus 3's canonical label form of a float: Go's 'g', with ".0" when it looks integral. */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 0) return '0.0';
  const g = formatGoFloatG(f);
  if (Number.isNaN(f) || !Number.isFinite(f) || g.includes('.') || g.includes('e')) return g;
  return g + '.0';
}
