// One Api read, polled: now, then `everyMs` after each answer, and at once on refresh(). A reply
// that a later request overtook is dropped, so a slow answer never overwrites a fresher one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function usePolled<T>(
  read: (api: Api) => Promise<T>,
  everyMs: number,
): { value: T | null; error: string | null; refresh: () => void } {
  const api = useApi();
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // The latest `read` without re-running the effect when a caller passes a new closure.
  const readRef = useRef(read);
  readRef.current = read;
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const my = ++seq.current;
    readRef.current(api).then(
      (v) => {
        if (my !== seq.current) return;
        setValue(v);
        setError(null);
      },
      (e: unknown) => {
        if (my === seq.current) setError(errorMessage(e));
      },
    );
    const timer = setTimeout(refresh, everyMs);
    return () => clearTimeout(timer);
  }, [api, tick, everyMs, refresh]);
  return { value, error, refresh };
}
