// The rules and their alerts, polled: getRules() now and every few seconds while a view shows
// them (the engine evaluates groups on their own intervals; a poll is cheap beside that), and at
// once when a notification arrives, since that means an alert changed.
import { useEffect } from 'react';
import type { RulesStatus } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { usePolled } from '../../hooks/usePolled';

export function useRules(everyMs = 2000): {
  status: RulesStatus | null;
  error: string | null;
  refresh: () => void;
} {
  const api = useApi();
  const { value, error, refresh } = usePolled((a) => a.getRules(), everyMs);
  useEffect(() => api.onEvent((e) => (e.type === 'notification' ? refresh() : undefined)), [api, refresh]);
  return { status: value, error, refresh };
}
