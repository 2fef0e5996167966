// "Enable notifications" under `promdesk serve`: asks the browser's permission once; after that
// it says whether notifications are on or blocked (the browser's site settings change that).
import { useState } from 'react';
import { notificationPermission } from './browser-notify';
import { useServeMode } from './useServeMode';

export function EnableNotifications() {
  const serve = useServeMode();
  const [permission, setPermission] = useState(notificationPermission);
  if (!serve) return null;
  if (permission === 'unsupported')
    return (
      <span className="muted small">
        {window.isSecureContext
          ? 'This browser cannot show notifications'
          : 'Browser notifications need an https:// address or localhost'}
      </span>
    );
  if (permission === 'granted') return <span className="notify-state notify-on">Notifications on</span>;
  if (permission === 'denied')
    return (
      <span
        className="notify-state notify-off"
        title="Allow notifications for this site in the browser's settings"
      >
        Notifications blocked
      </span>
    );
  return (
    <button
      type="button"
      className="btn"
      onClick={() =>
        void Notification.requestPermission().then(setPermission, () =>
          setPermission(notificationPermission()),
        )
      }
    >
      Enable notifications
    </button>
  );
}
