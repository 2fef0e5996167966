// The rules and their alerts, polled: getRules() now and every few seconds while a view shows
// them (the engine evaluates groups on their own intervals; a poll is cheap beside that), and at
// once when a notification arrives, since that means an alert changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RulesStatus } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';

export function useRules(everyMs = 2000): {
  status: RulesStatus | null;
  error: string | null;
  refresh: () => void;
} {
  const api = useApi();
  const [status, setStatus] = useState<RulesStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const my = ++seq.current;
    api.getRules().then(
      (s) => {
        if (my !== seq.current) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => {
        if (my === seq.current) setError(errorMessage(e));
      },
    );
    const timer = setTimeout(refresh, everyMs);
    return () => clearTimeout(timer);
  }, [api, tick, everyMs, refresh]);
  useEffect(() => api.onEvent((e) => (e.type === 'notification' ? refresh() : undefined)), [api, refresh]);
  return { status, error, refresh };
}
