// The remote datasources, loaded when a view mounts; `reload` after an edit.
import { useCallback, useEffect, useState } from 'react';
import type { DatasourceView } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export function useDatasources(): {
  datasources: DatasourceView[] | null;
  error: string | null;
  reload: () => void;
} {
  const api = useApi();
  const [datasources, setDatasources] = useState<DatasourceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    api.listDatasources().then(
      (list) => {
        if (!live) return;
        setDatasources(list);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { datasources, error, reload };
}
