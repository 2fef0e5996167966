// The PromQL panels view (the Graph view) in the URL hash: the series picker's selector `q`, the
// shared range, and one `p` per panel expression, in order:
// `#/graph?q=up&range=1h&p=rate(x[5m])&p=sum by (job) (up)`.
import { rangeToParam, type TimeRange } from './time-range';

export function panelExpressions(params: URLSearchParams): string[] {
  return params
    .getAll('p')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function panelsHash(selector: string, range: TimeRange, panels: string[]): string {
  const sp = new URLSearchParams();
  if (selector) sp.set('q', selector);
  sp.set('range', rangeToParam(range));
  for (const p of panels) if (p.trim()) sp.append('p', p.trim());
  return `#/graph?${sp.toString()}`;
}
