// The starter dashboards from the UI's side: which hosts to offer the Host dashboard for (series
// of node_uname_info in the store), installing a starter when it is missing, and the address
// that opens it for one host.
import { defaultTargetInput, type Api } from '../../../../shared/api';
import {
  HOST_OFFER_QUERY,
  HOST_STARTER_UID,
  PROMDESK_STARTER_UID,
  hostOffers,
  starterByUid,
  type HostOffer,
} from '../../../../shared/dashboards/starters';
import { dashboardHref } from './dash-location';

/** The hosts exposing node_exporter's node_uname_info now. */
export async function findHostOffers(api: Api): Promise<HostOffer[]> {
  const r = await api.queryInstant({ query: HOST_OFFER_QUERY, timeMs: Date.now() });
  return hostOffers(r.series.map((s) => s.labels));
}

/** Saves the starter with this uid unless a dashboard of that uid exists; its title. */
export async function ensureStarter(api: Api, uid: string): Promise<string> {
  const existing = (await api.listDashboards()).find((d) => d.uid === uid);
  if (existing) return existing.title;
  const starter = starterByUid(uid);
  if (!starter) throw new Error(`no dashboard "${uid}"`);
  await api.putDashboard(starter.build());
  return starter.title;
}

/** The Host dashboard's address for one host (its variables in the URL). */
export function hostHref(title: string, offer: HostOffer): string {
  const p = new URLSearchParams();
  p.set('var-job', offer.job);
  p.set('var-instance', offer.instance);
  return dashboardHref(HOST_STARTER_UID, title, p);
}

/**
 * The home dashboard: the home-dashboard setting when set, else Host when node_exporter is
 * scraped, else Promdesk; a starter is installed on the way.
 */
export async function resolveHome(
  api: Api,
  setting: string | null,
  offers: readonly HostOffer[],
): Promise<{ uid: string; offer: HostOffer | null }> {
  if (setting) {
    // A starter named by the setting is installed like one chosen by itself.
    if (starterByUid(setting)) await ensureStarter(api, setting);
    return { uid: setting, offer: null };
  }
  const uid = offers.length ? HOST_STARTER_UID : PROMDESK_STARTER_UID;
  await ensureStarter(api, uid);
  return { uid, offer: offers[0] ?? null };
}

/** The job Promdesk's own /metrics is scraped as (Prometheus' own default config does the same). */
export const SELF_JOB = 'promdesk';

/**
 * Promdesk's own /metrics as a scrape URL: this page's server under `promdesk serve`, the HTTP
 * API's listen address in the desktop app; null when the desktop serves no HTTP.
 */
export async function selfMetricsUrl(api: Api): Promise<string | null> {
  if (location.protocol === 'http:' || location.protocol === 'https:') return `${location.origin}/metrics`;
  const { settings } = await api.getSettings();
  if (!settings.http) return null;
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(settings.listen);
  if (!m) return null;
  const host = m[1] ?? m[2];
  const shown =
    !host || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : m[1] ? `[${host}]` : host;
  return `http://${shown}:${m[3]}/metrics`;
}

/** Adds Promdesk's own /metrics as a target (job "promdesk"), so its dashboard has its figures. */
export async function scrapeSelf(api: Api, url: string): Promise<void> {
  await api.addTarget({ ...defaultTargetInput, url, job: SELF_JOB });
}

export { HOST_STARTER_UID, PROMDESK_STARTER_UID };
