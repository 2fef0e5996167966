// Which scraped metrics the Overview charts without setup: the first few that are not synthetic
// (up, scrape_*), preferring an exporter's own metrics over Go/process runtime boilerplate.
const synthetic = /^(up|scrape_.*)$/;
const boilerplate = /^(go_|process_|promhttp_)/;

export function pickOverviewMetrics(names: string[], count = 4): string[] {
  const own = names.filter((n) => !synthetic.test(n) && !boilerplate.test(n));
  const rest = names.filter((n) => !synthetic.test(n) && boilerplate.test(n));
  return [...own, ...rest].slice(0, count);
}
