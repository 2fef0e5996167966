// Whether this window runs under `promdesk serve` (a browser), where notifications are the page's
// to show; null until info() answers.
import { useEffect, useState } from 'react';
import { useApi } from '../api-context';

export function useServeMode(): boolean | null {
  const api = useApi();
  const [serve, setServe] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    api.info().then(
      (i) => live && setServe(i.mode === 'serve'),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return serve;
}
