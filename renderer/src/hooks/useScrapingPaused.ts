// Whether every scrape loop is paused (Api setScrapingPaused; the desktop tray can set it too),
// and a setter. Refreshed from info() when targets change, at most every 2 s, since a pause
// from elsewhere has no event of its own but stops the targets' updates.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function useScrapingPaused(): {
  paused: boolean | null;
  busy: boolean;
  error: string | null;
  setPaused(paused: boolean): Promise<void>;
} {
  const api = useApi();
  const [paused, setPausedState] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastAsk = useRef(0);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      lastAsk.current = Date.now();
      api.info().then(
        (i) => live && setPausedState(i.scrapingPaused),
        () => undefined, // the Targets view reports a dead connection already
      );
    };
    refresh();
    const off = api.onEvent((e) => {
      if (e.type === 'targets' && Date.now() - lastAsk.current >= 2000) refresh();
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const setPaused = useCallback(
    async (next: boolean) => {
      setBusy(true);
      setError(null);
      try {
        setPausedState((await api.setScrapingPaused(next)).scrapingPaused);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [api],
  );
  return { paused, busy, error, setPaused };
}
