// "Disconnected — reconnecting" while the WebSocket to `promdesk serve` is down.
import { useEffect, useState } from 'react';
import type { ApiConnection } from '../api-client';
import type { ConnectionState } from '../ws-api';

export function ConnectionBanner({ conn }: { conn: ApiConnection }) {
  const [state, setState] = useState<ConnectionState>(conn.state);
  // The first connect is usually instant: only complain if it takes a while.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!conn.onState) return;
    const off = conn.onState(setState);
    setState(conn.state());
    const t = setTimeout(() => setSlow(true), 1500);
    return () => {
      off();
      clearTimeout(t);
    };
  }, [conn]);
  if (state === 'open' || (state === 'connecting' && !slow)) return null;
  return (
    <div className="conn-banner" role="status">
      <span className="pulse" />
      {state === 'reconnecting' ? 'Disconnected — reconnecting…' : 'Connecting to Promdesk…'}
    </div>
  );
}
