// The dashboards Promdesk writes itself, installed on demand (the home view, the offers in the
// Dashboards view and the Overview) and then saved, edited and exported like any other.
import type { Dashboard } from '../model';
import { HOST_STARTER_UID, hostStarter } from './host';
import { PROMDESK_STARTER_UID, promdeskStarter } from './promdesk';

export { HOST_STARTER_UID, PROMDESK_STARTER_UID };

export interface Starter {
  uid: string;
  title: string;
  build(): Dashboard;
}

export const STARTERS: readonly Starter[] = [
  { uid: HOST_STARTER_UID, title: 'Host', build: hostStarter },
  { uid: PROMDESK_STARTER_UID, title: 'Promdesk', build: promdeskStarter },
];

/** The starter with this uid, or undefined. */
export function starterByUid(uid: string): Starter | undefined {
  return STARTERS.find((s) => s.uid === uid);
}

/**
 * The query that finds hosts to offer the Host dashboard for: one series per job and instance
 * exposing node_exporter's node_uname_info.
 */
export const HOST_OFFER_QUERY = 'count by (job, instance) (node_uname_info)';

export interface HostOffer {
  job: string;
  instance: string;
}

/** Offers from HOST_OFFER_QUERY's series labels, sorted by instance then job. */
export function hostOffers(labelSets: readonly Record<string, string>[]): HostOffer[] {
  return labelSets
    .filter((l) => typeof l.instance === 'string' && typeof l.job === 'string')
    .map((l) => ({ job: l.job, instance: l.instance }))
    .sort((a, b) => a.instance.localeCompare(b.instance) || a.job.localeCompare(b.job));
}
