// A notification as Alertmanager's webhook receiver posts it (payload version "4"), so any
// receiver written for Alertmanager (bridges to Matrix, Gotify, Home Assistant...) takes it as is.
import type { LabelSet } from '../../../shared/api';
import type { Notification, NotifyAlert } from './dispatcher';
import { exploreURL } from './links';

/** Promdesk's one built-in receiver, named in the payload. */
export const RECEIVER = 'promdesk';

export interface WebhookMessage {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: LabelSet;
  commonLabels: LabelSet;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: {
    status: 'firing' | 'resolved';
    labels: LabelSet;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
    generatorURL: string;
    fingerprint: string;
  }[];
}

/** Go's zero time, which Alertmanager writes as the end of an alert that has none. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function webhookMessage(n: Notification, externalURL: string): WebhookMessage {
  return {
    version: '4',
    groupKey: n.groupKey,
    truncatedAlerts: 0,
    status: n.status,
    receiver: RECEIVER,
    groupLabels: n.groupLabels,
    commonLabels: common(n.alerts.map((a) => a.labels)),
    commonAnnotations: common(n.alerts.map((a) => a.annotations)),
    externalURL,
    alerts: n.alerts.map((a: NotifyAlert) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: new Date(a.startsAtMs).toISOString(),
      endsAt: a.endsAtMs > 0 ? new Date(a.endsAtMs).toISOString() : ZERO_TIME,
      generatorURL: exploreURL(externalURL, a.expr),
      fingerprint: a.fingerprint,
    })),
  };
}

/** The pairs every set has with the same value (Alertmanager's commonLabels / commonAnnotations). */
function common(sets: Record<string, string>[]): Record<string, string> {
  if (sets.length === 0) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sets[0])) if (sets.every((s) => s[k] === v)) out[k] = v;
  return out;
}
