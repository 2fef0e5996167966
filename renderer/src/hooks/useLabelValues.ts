// Label values for autocomplete (metric names are `__name__`), re-fetched when inputs change.
import { useEffect, useState } from 'react';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function useLabelValues(
  name: string | null,
  match?: string,
  refreshKey = 0,
): { values: string[]; error: string | null } {
  const api = useApi();
  const [state, setState] = useState<{ values: string[]; error: string | null }>({ values: [], error: null });
  useEffect(() => {
    if (!name) return;
    let live = true;
    api.labelValues(name, match || undefined).then(
      (values) => live && setState({ values, error: null }),
      (e: unknown) => live && setState({ values: [], error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, name, match, refreshKey]);
  return name ? state : { values: [], error: null };
}
