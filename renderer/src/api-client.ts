// Where the renderer gets its Api: the Electron preload's `window.promdesk`, or else a WebSocket
// to the `promdesk serve` that served this page. Views never know which.
import type { Api } from '../../shared/api';
import { WsApiClient, type ConnectionState } from './ws-api';

declare global {
  interface Window {
    promdesk?: Api;
  }
}

export interface ApiConnection {
  api: Api;
  /** Connection state for the banner; null under Electron (IPC does not disconnect). */
  onState: ((l: (s: ConnectionState) => void) => () => void) | null;
  /** The state now (the socket may have opened before a listener was attached). */
  state: () => ConnectionState;
}

export function wsUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(loc.search).get('token');
  return `${scheme}://${loc.host}/api/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function createApi(): ApiConnection {
  if (window.promdesk) return { api: window.promdesk, onState: null, state: () => 'open' };
  const client = new WsApiClient(wsUrl(location));
  return { api: client.api(), onState: (l) => client.onState(l), state: () => client.state };
}
