// A notification as an ntfy message, published as JSON to the server's root (ntfy's publish API:
// topic, title, message, priority 1-5, tags, click and up to three actions). JSON rather than
// the Title/Tags headers, so titles and summaries in any script go through unmangled.
import type { Notification } from './dispatcher';
import { alertsURL, silenceFormURL } from './links';
import { notificationBody, notificationTitle } from './text';

export interface NtfyAction {
  action: 'view';
  label: string;
  url: string;
  clear?: boolean;
}

export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  /** 1 (min) to 5 (max); 3 is ntfy's default. */
  priority: number;
  /** Emoji short codes become icons; other tags are shown as text. */
  tags: string[];
  click: string;
  actions: NtfyAction[];
}

const URGENT = new Set(['critical', 'page', 'emergency']);

export function ntfyMessage(n: Notification, topic: string, externalURL: string): NtfyMessage {
  const firing = n.status === 'firing';
  const severities = [...new Set(n.alerts.map((a) => a.labels.severity).filter(Boolean))].sort();
  const urgent = severities.some((s) => URGENT.has(s.toLowerCase()));
  // The labels all its alerts share: what "silence" on the whole notification matches.
  const shared = { ...(n.alerts[0]?.labels ?? n.groupLabels) };
  for (const a of n.alerts)
    for (const k of Object.keys(shared)) if (a.labels[k] !== shared[k]) delete shared[k];
  return {
    topic,
    title: notificationTitle(n),
    message: notificationBody(n),
    priority: firing ? (urgent ? 5 : 4) : 3,
    tags: [firing ? 'rotating_light' : 'white_check_mark', ...severities],
    click: alertsURL(externalURL),
    actions: firing
      ? [
          { action: 'view', label: 'Open', url: alertsURL(externalURL), clear: true },
          { action: 'view', label: 'Silence 1h', url: silenceFormURL(externalURL, shared, '1h') },
          { action: 'view', label: 'Silence 1d', url: silenceFormURL(externalURL, shared, '1d') },
        ]
      : [{ action: 'view', label: 'Open', url: alertsURL(externalURL), clear: true }],
  };
}
