// Mounted once in the shell, so every open page of `promdesk serve` shows the engine's
// notifications once the user has allowed them (the Alerts view's "Enable notifications").
import { useEffect } from 'react';
import { useApi } from '../api-context';
import { notificationPermission, openAlertsView, showBrowserNotification } from './browser-notify';
import { notificationOf } from './notification-event';
import { useServeMode } from './useServeMode';

export function BrowserNotifications() {
  const api = useApi();
  const serve = useServeMode();
  useEffect(() => {
    if (!serve) return;
    return api.onEvent((e) => {
      const n = notificationOf(e);
      if (n && notificationPermission() === 'granted')
        showBrowserNotification(n, Notification, openAlertsView);
    });
  }, [api, serve]);
  return null;
}
