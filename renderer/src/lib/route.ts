// Hash routes: `#/` (Overview), `#/graph?q=<selector>&range=1h`, `#/targets`, `#/preview?url=<exporter>`,
// `#/explore?q=<expr>&tab=table` (see explore-state.ts), `#/alerts`, `#/rules`,
// `#/rules/edit?group=<name>&rule=<index>` (the rule editor; `?starter=<alert>` copies a starter, none: a new rule),
// `#/silences?matchers={a="b"}` (the form prefilled), `#/datasources`, `#/settings`, `#/dashboards` (a dashboard itself is the path /d/<uid>/<slug>). The hash keeps a
// view shareable and works the same under Electron's custom protocol and `promdesk serve`.
export type ViewName =
  | 'overview'
  | 'dashboards'
  | 'graph'
  | 'explore'
  | 'targets'
  | 'alerts'
  | 'rules'
  | 'rule-editor'
  | 'silences'
  | 'datasources'
  | 'preview'
  | 'settings';

export interface Route {
  view: ViewName;
  params: URLSearchParams;
}

const paths: Record<string, ViewName> = {
  '': 'overview',
  '/': 'overview',
  '/dashboards': 'dashboards',
  '/graph': 'graph',
  '/explore': 'explore',
  '/targets': 'targets',
  '/alerts': 'alerts',
  '/rules': 'rules',
  '/rules/edit': 'rule-editor',
  '/silences': 'silences',
  '/datasources': 'datasources',
  '/preview': 'preview',
  '/settings': 'settings',
};

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const q = h.indexOf('?');
  const path = q >= 0 ? h.slice(0, q) : h;
  const params = new URLSearchParams(q >= 0 ? h.slice(q + 1) : '');
  return { view: paths[path] ?? 'overview', params };
}

export function viewPath(view: ViewName): string {
  if (view === 'rule-editor') return '#/rules/edit';
  return view === 'overview' ? '#/' : `#/${view}`;
}

export function formatHash(view: ViewName, params?: Record<string, string | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {}))
    if (v !== null && v !== undefined && v !== '') sp.set(k, v);
  const qs = sp.toString();
  return viewPath(view) + (qs ? `?${qs}` : '');
}
