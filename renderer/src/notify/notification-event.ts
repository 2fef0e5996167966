// Picks the engine's notification out of the pushed events.
import type { ApiEvent } from '../../../shared/api';
import type { NotificationEvent } from '../../../shared/rules/model';

export function notificationOf(e: ApiEvent): NotificationEvent | null {
  const x = e as unknown as NotificationEvent & { kind?: string };
  return (x.type === 'notification' || x.kind === 'notification') && typeof x.groupKey === 'string'
    ? x
    : null;
}
