// Shows an engine notification with the browser's Notification API (under `promdesk serve`; the
// desktop app's main process shows its own). The group key is the tag, so a repeat or the
// resolved message replaces the earlier one instead of piling up; a click brings the window
// forward on the Alerts view.
import type { NotificationEvent } from '../../../shared/rules/model';

export type NotificationCtor = new (title: string, options?: NotificationOptions) => Notification;

export function showBrowserNotification(
  ev: NotificationEvent,
  Ctor: NotificationCtor,
  openAlerts: () => void,
): Notification {
  const n = new Ctor(ev.title, { body: ev.body, tag: ev.groupKey });
  n.onclick = () => {
    openAlerts();
    n.close();
  };
  return n;
}

/** Focus this window and open the Alerts view. */
export function openAlertsView(): void {
  window.focus();
  if (location.hash !== '#/alerts') location.hash = '#/alerts';
}

/** The page's Notification permission, or 'unsupported' (no Notification API, e.g. an insecure origin in some browsers). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
