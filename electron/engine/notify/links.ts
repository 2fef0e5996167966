// Links from a notification back into Promdesk's views (hash routes, renderer/src/lib/route.ts),
// under the address a phone or a webhook receiver reaches it at.
import type { LabelSet } from '../../../shared/api';

const base = (externalURL: string) => externalURL.replace(/\/+$/, '');

/** The rule's expression in Explore's table (Prometheus's generatorURL opens its graph). */
export function exploreURL(externalURL: string, expr: string): string {
  return `${base(externalURL)}/#/explore?${new URLSearchParams({ q: expr, tab: 'table' })}`;
}

/** The Alerts view. */
export function alertsURL(externalURL: string): string {
  return `${base(externalURL)}/#/alerts`;
}

/** The silence form, prefilled with equality matchers on the labels and a duration. */
export function silenceFormURL(externalURL: string, labels: LabelSet, duration: string): string {
  const matchers = Object.keys(labels)
    .sort()
    .filter((k) => labels[k] !== '')
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
  return `${base(externalURL)}/#/silences?${new URLSearchParams({ matchers: `{${matchers}}`, duration })}`;
}
