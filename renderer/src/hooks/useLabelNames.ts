// Label names (for the label-filter autocomplete), optionally restricted by a selector.
import { useEffect, useState } from 'react';
import { useApi } from '../api-context';

export function useLabelNames(match?: string): string[] {
  const api = useApi();
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    api.labelNames(match || undefined).then(
      (n) => live && setNames(n.filter((x) => x !== '__name__')),
      () => live && setNames([]),
    );
    return () => {
      live = false;
    };
  }, [api, match]);
  return names;
}
