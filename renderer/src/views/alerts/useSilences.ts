// The silences, polled while the view is open (a silence turns active or expired by the clock,
// with no event), and reloaded at once after a change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SilenceView } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';

export function useSilences(everyMs = 5000): {
  silences: SilenceView[] | null;
  error: string | null;
  refresh: () => void;
} {
  const api = useApi();
  const [silences, setSilences] = useState<SilenceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const my = ++seq.current;
    api.listSilences().then(
      (s) => {
        if (my !== seq.current) return;
        setSilences(s);
        setError(null);
      },
      (e: unknown) => {
        if (my === seq.current) setError(errorMessage(e));
      },
    );
    const timer = setTimeout(refresh, everyMs);
    return () => clearTimeout(timer);
  }, [api, tick, everyMs, refresh]);
  return { silences, error, refresh };
}
