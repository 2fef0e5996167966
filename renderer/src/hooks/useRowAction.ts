// What a table row's buttons share: one action at a time (`busy` while it runs), its error kept
// for the row to show, and a Remove that asks twice, its second step lapsing after a while.
import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/error-message';

export interface RowAction {
  busy: boolean;
  error: string | null;
  dismissError: () => void;
  /** Runs `fn` unless it throws; a throw becomes `error`. */
  run: (fn: () => Promise<unknown>) => Promise<void>;
  /** Whether Remove was clicked once and waits for the second click. */
  confirmRemove: boolean;
  setConfirmRemove: (armed: boolean) => void;
}

export function useRowAction(confirmLapseMs = 4000): RowAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  useEffect(() => {
    if (!confirmRemove) return;
    const timer = setTimeout(() => setConfirmRemove(false), confirmLapseMs);
    return () => clearTimeout(timer);
  }, [confirmRemove, confirmLapseMs]);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, dismissError: () => setError(null), run, confirmRemove, setConfirmRemove };
}
