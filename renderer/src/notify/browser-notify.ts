// Shows an engine notification with the browser's Notification API (under `promdesk serve`; the
// desktop app's main process shows its own). The group key is the tag, so a repeat or the
// resolved message replaces the earlier one instead of piling up; a click brings the window
// forward on the Alerts view, filtered to the alert the notification tells of.
import type { NotificationEvent } from '../../../shared/rules/model';
import { formatHash } from '../lib/route';

export type NotificationCtor = new (title: string, options?: NotificationOptions) => Notification;

export function showBrowserNotification(
  ev: NotificationEvent,
  Ctor: NotificationCtor,
  openAlerts: (alertname: string) => void,
): Notification {
  const n = new Ctor(ev.title, { body: ev.body, tag: ev.groupKey });
  n.onclick = () => {
    openAlerts(ev.alerts[0]?.alertname ?? '');
    n.close();
  };
  return n;
}

/** Focus this window and open the Alerts view, searching for `alertname` (none: unfiltered). */
export function openAlertsView(alertname: string): void {
  window.focus();
  location.hash = formatHash('alerts', { search: alertname });
}

/** The page's Notification permission, or 'unsupported' (no Notification API, e.g. an insecure origin in some browsers). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
