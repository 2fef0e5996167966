// Exposes the Api of shared/api.ts as window.promdesk — narrow functions, never ipcRenderer.
// The method list comes from shared/api.ts (no zod here: this file is bundled into the
// sandboxed preload, and main validates every call anyway).
import { contextBridge, ipcRenderer } from 'electron';
import { makeApiClient, type ApiEvent } from '../shared/api';

const api = makeApiClient(
  (method, params) => ipcRenderer.invoke('promdesk:call', method, params),
  (listener) => {
    const handler = (_e: unknown, event: ApiEvent) => listener(event);
    ipcRenderer.on('promdesk:event', handler);
    return () => ipcRenderer.removeListener('promdesk:event', handler);
  },
);

contextBridge.exposeInMainWorld('promdesk', api);
