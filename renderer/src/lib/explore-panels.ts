// The PromQL panels view (the Graph view) in the URL hash: the series picker's selector `q`, the
// shared range, and one `p` per panel expression, in order:
// `#/graph?q=up&range=1h&p=rate(x[5m])&p=sum by (job) (up)`. Where a panel queries a remote
// datasource, `pd` holds one datasource id per panel, in the same order ('' = local).
import { rangeToParam, type TimeRange } from './time-range';

export interface PanelSpec {
  expr: string;
  /** A remote datasource's id; '' = the local store. */
  datasource: string;
}

export function panelSpecs(params: URLSearchParams): PanelSpec[] {
  const ds = params.getAll('pd');
  return params
    .getAll('p')
    .map((p, i) => ({ expr: p.trim(), datasource: ds[i] ?? '' }))
    .filter((p) => p.expr !== '');
}

export function panelsHash(selector: string, range: TimeRange, panels: (string | PanelSpec)[]): string {
  const specs = panels
    .map((p) => (typeof p === 'string' ? { expr: p, datasource: '' } : p))
    .filter((p) => p.expr.trim() !== '');
  const sp = new URLSearchParams();
  if (selector) sp.set('q', selector);
  sp.set('range', rangeToParam(range));
  for (const p of specs) sp.append('p', p.expr.trim());
  if (specs.some((p) => p.datasource)) for (const p of specs) sp.append('pd', p.datasource);
  return `#/graph?${sp.toString()}`;
}
