// What a notification says, for a person: one title and a few lines, the same in the window, the
// desktop's Notification and ntfy. Alertmanager's default title form ([FIRING:2] DiskFull).
import type { LabelSet } from '../../../shared/api';
import type { Notification, NotifyAlert } from './dispatcher';

/** Lines a body lists before "and N more". */
const MAX_LINES = 5;

export function notificationTitle(n: Notification): string {
  const firing = n.alerts.filter((a) => a.status === 'firing').length;
  const name = n.groupLabels.alertname ?? n.alerts[0]?.labels.alertname ?? 'alert';
  return `${firing > 0 ? `[FIRING:${firing}]` : '[RESOLVED]'} ${name}`;
}

export function notificationBody(n: Notification): string {
  const lines = n.alerts
    .slice(0, MAX_LINES)
    .map((a) => (a.status === 'resolved' ? `Resolved: ${line(a)}` : line(a)));
  if (n.alerts.length > MAX_LINES) lines.push(`and ${n.alerts.length - MAX_LINES} more`);
  return lines.join('\n');
}

/** The alert's summary (or description), else its labels other than alertname. */
function line(a: NotifyAlert): string {
  const text = a.annotations.summary || a.annotations.description;
  if (text) return text;
  return labelsText(a.labels) || a.labels.alertname;
}

function labelsText(labels: LabelSet): string {
  return Object.keys(labels)
    .filter((k) => k !== 'alertname')
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(' ');
}
