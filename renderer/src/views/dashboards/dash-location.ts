// The dashboard page's address, as Grafana's: /d/<uid>/<slug>?from=...&to=...&var-x=...&refresh=...
// It is a path, not a hash route, so a link copied from Grafana works once its dashboard is
// imported; the HTTP server and promdesk:// answer index.html for /d/*. A hash (the other views)
// wins over the path, so the nav's `#/targets` links keep working from a dashboard's page.
import { useEffect, useState } from 'react';
import { dashboardSlug } from '../../../../shared/dashboards/model';

export interface DashboardLocation {
  uid: string;
  slug: string;
  params: URLSearchParams;
}

export function parseDashboardLocation(
  pathname: string,
  search: string,
  hash: string,
): DashboardLocation | null {
  if (hash.replace(/^#/, '') !== '') return null;
  const m = /^\/d\/([^/]+)(?:\/([^/]*))?\/?$/.exec(pathname);
  if (!m) return null;
  let uid: string;
  try {
    uid = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return { uid, slug: m[2] ?? '', params: new URLSearchParams(search) };
}

export function dashboardHref(uid: string, title: string, params?: URLSearchParams): string {
  const qs = params?.toString() ?? '';
  return `/d/${encodeURIComponent(uid)}/${dashboardSlug(title)}${qs ? `?${qs}` : ''}`;
}

const EVENT = 'promdesk:location';

/** Goes to an in-app address without reloading (the history API), or replaces the current one. */
export function navigateTo(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
}

/** The current path, query and hash, re-rendering on any navigation (links, back, in-app). */
export function useLocation(): { pathname: string; search: string; hash: string } {
  const read = () => ({ pathname: location.pathname, search: location.search, hash: location.hash });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = () =>
      setLoc((prev) => {
        const next = read();
        return next.pathname === prev.pathname && next.search === prev.search && next.hash === prev.hash
          ? prev
          : next;
      });
    window.addEventListener('popstate', on);
    window.addEventListener('hashchange', on);
    window.addEventListener(EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener('hashchange', on);
      window.removeEventListener(EVENT, on);
    };
  }, []);
  return loc;
}
