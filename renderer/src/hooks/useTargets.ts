// Targets, live: one listTargets() for the first paint, then every `targets` event (no polling).
import { useEffect, useState } from 'react';
import type { TargetView } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function useTargets(): { targets: TargetView[] | null; error: string | null } {
  const api = useApi();
  const [targets, setTargets] = useState<TargetView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gotEvent = false;
    const off = api.onEvent((e) => {
      if (e.type !== 'targets') return;
      gotEvent = true;
      setTargets(e.targets);
      setError(null);
    });
    api.listTargets().then(
      (t) => {
        // An event that arrived meanwhile is at least as fresh as this reply.
        if (!gotEvent) setTargets(t);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
    return off;
  }, [api]);
  return { targets, error };
}
