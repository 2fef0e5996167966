// The silences, polled while the view is open (a silence turns active or expired by the clock,
// with no event), and reloaded at once after a change.
import type { SilenceView } from '../../../../shared/rules/model';
import { usePolled } from '../../hooks/usePolled';

export function useSilences(everyMs = 5000): {
  silences: SilenceView[] | null;
  error: string | null;
  refresh: () => void;
} {
  const { value, error, refresh } = usePolled((a) => a.listSilences(), everyMs);
  return { silences: value, error, refresh };
}
