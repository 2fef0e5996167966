// The unit of a histogram's bucket bounds when nothing else says (Explore has no panel unit): from
// the base unit in the name of the _bucket metric the query reads, as Prometheus' naming
// conventions put it there (`http_request_duration_seconds_bucket`: seconds). The bounds, not the
// counts: a bucket's count is never in the metric's unit.

const UNITS: [RegExp, string][] = [
  [/_seconds$/, 's'],
  [/_milliseconds$/, 'ms'],
  [/_bytes$/, 'bytes'],
  [/_ratio$/, 'percentunit'],
];

/** A Grafana unit id for the `le` bounds of the first _bucket metric in `query`, if its name gives one. */
export function bucketBoundUnit(query: string): string | undefined {
  const m = /([a-zA-Z_:][a-zA-Z0-9_:]*)_bucket(?![a-zA-Z0-9_:])/.exec(query);
  if (!m) return undefined;
  return UNITS.find(([re]) => re.test(m[1]))?.[1];
}
