// The desktop's side of a notification (ApiEvent 'notification' on the shell's own session): what
// Electron's Notification shows, what its actions do, and the firing count for the tray. Plain
// functions, tested in Node; main.ts only hands them to Electron.
import type { NotificationEvent } from '../../shared/rules/model';

/** The notification's buttons (macOS shows them; elsewhere a click opens the Alerts view). */
export const SILENCE_ACTIONS = [
  { text: 'Silence 1h', durationMs: 3_600_000 },
  { text: 'Silence 1d', durationMs: 86_400_000 },
] as const;

/** Where "open the alert" goes: the Alerts view. */
export const ALERTS_HASH = '#/alerts';

export interface DesktopNotificationOptions {
  title: string;
  body: string;
  /** A resolved notification makes no sound. */
  silent: boolean;
  actions: { type: 'button'; text: string }[];
}

export function desktopNotification(e: NotificationEvent): DesktopNotificationOptions {
  const firing = e.status === 'firing';
  return {
    title: e.title,
    body: e.body,
    silent: !firing,
    actions: firing ? SILENCE_ACTIONS.map((a) => ({ type: 'button', text: a.text })) : [],
  };
}

/** The Api calls an action button makes: one silenceAlert per alert the notification tells of. */
export function silenceCalls(e: NotificationEvent, actionIndex: number): [Record<string, string>, number][] {
  const action = SILENCE_ACTIONS[actionIndex];
  if (!action || e.status !== 'firing') return [];
  return e.alerts.map((labels) => [labels, action.durationMs]);
}

/** The tray tooltip's line on alerts, or null when none fires. */
export function firingLine(firing: number): string | null {
  if (firing <= 0) return null;
  return firing === 1 ? '1 alert firing' : `${firing} alerts firing`;
}
