// The remote_write destinations' status, polled while the component using it is mounted (and
// the page is visible): the engine pushes no event for it, and a few seconds is fresh enough.
import { useEffect, useState } from 'react';
import type { RemoteWriteStatus } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function useRemoteWriteStatus(periodMs = 3000): {
  remotes: RemoteWriteStatus[] | null;
  error: string | null;
} {
  const api = useApi();
  const [remotes, setRemotes] = useState<RemoteWriteStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      if (document.hidden) return;
      api.remoteWriteStatus().then(
        (list) => {
          if (!live) return;
          setRemotes(list);
          setError(null);
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    };
    load();
    const timer = setInterval(load, periodMs);
    document.addEventListener('visibilitychange', load);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', load);
    };
  }, [api, periodMs]);
  return { remotes, error };
}
