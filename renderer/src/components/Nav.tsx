// Left navigation. The PromQL panels view has no entry (the Overview is a dashboard and its panels
// can be saved as one); its #/graph links still open it.
import type { ViewName } from '../lib/route';
import { lastExploreHash } from '../lib/explore-state';

const icons: Record<ViewName, string> = {
  overview: 'M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z',
  dashboards: 'M3 3h18v18H3zM3 9h18M9 9v12',
  graph: 'M3 17l6-6 4 4 8-8M14 7h7v7',
  explore: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-5-5M8 11h6M11 8v6',
  targets:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12zm0 4a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  alerts: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 21h4',
  rules: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01',
  'rule-editor': 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01',
  silences: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 21h4M3 3l18 18',
  datasources:
    'M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  preview: 'M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8l-5-5zM14 3v5h5M9 13h6M9 17h4',
  settings: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M16 4v4M10 10v4M18 16v4',
};

function Icon({ view }: { view: ViewName }) {
  const stroked = view !== 'overview' && view !== 'targets';
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className="nav-icon">
      <path
        d={icons[view]}
        fill={stroked ? 'none' : 'currentColor'}
        stroke={stroked ? 'currentColor' : 'none'}
        strokeWidth={stroked ? 2 : 0}
        strokeLinecap="round"
        strokeLinejoin="round"
        fillRule="evenodd"
      />
    </svg>
  );
}

/** Rules and Silences are tabs of the Alerts entry. */
const navEntryOf = (v: ViewName): ViewName =>
  v === 'rules' || v === 'silences' || v === 'rule-editor' ? 'alerts' : v;

export function Nav({ current: view }: { current: ViewName }) {
  const current = navEntryOf(view);
  const links: { view: ViewName; label: string; href: string }[] = [
    { view: 'overview', label: 'Overview', href: '#/' },
    { view: 'dashboards', label: 'Dashboards', href: '#/dashboards' },
    { view: 'explore', label: 'Explore', href: lastExploreHash() },
    { view: 'targets', label: 'Targets', href: '#/targets' },
    { view: 'alerts', label: 'Alerts', href: '#/alerts' },
    { view: 'datasources', label: 'Datasources', href: '#/datasources' },
    { view: 'preview', label: 'Preview', href: '#/preview' },
    { view: 'settings', label: 'Settings', href: '#/settings' },
  ];
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M4 19V5M4 19h16M8 15l3-4 3 2 5-7"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <span>Promdesk</span>
      </div>
      <ul>
        {links.map((l) => (
          <li key={l.view}>
            <a
              href={l.href}
              className={current === l.view ? 'active' : undefined}
              aria-current={current === l.view ? 'page' : undefined}
            >
              <Icon view={l.view} />
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
