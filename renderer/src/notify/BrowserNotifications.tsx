// Mounted once in the shell, so every open page of `promdesk serve` shows the engine's
// notifications once the user has allowed them (the Alerts view's "Enable notifications").
import { useEffect } from 'react';
import { useApi } from '../api-context';
import { notificationPermission, openAlertsView, showBrowserNotification } from './browser-notify';
import { useServeMode } from './useServeMode';

export function BrowserNotifications() {
  const api = useApi();
  const serve = useServeMode();
  useEffect(() => {
    if (!serve) return;
    return api.onEvent((e) => {
      if (e.type === 'notification' && notificationPermission() === 'granted')
        showBrowserNotification(e, Notification, openAlertsView);
    });
  }, [api, serve]);
  return null;
}
