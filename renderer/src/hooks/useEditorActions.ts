// An editor form's two actions on its input: "test" (try it, keep the result to show) and "save".
// Both validate first and list the problems instead of acting; one runs at a time; an Api error
// is kept for the form to show. A successful save leaves the form busy: its owner closes it.
import { useState } from 'react';
import { errorMessage } from '../lib/error-message';

export type EditorBusy = 'save' | 'test' | null;

export interface EditorActions<R> {
  problems: string[];
  error: string | null;
  dismissError: () => void;
  busy: EditorBusy;
  testResult: R | null;
  test: () => Promise<void>;
  save: () => Promise<void>;
}

export function useEditorActions<I, R>(
  check: () => { input: I } | { errors: string[] },
  runTest: (input: I) => Promise<R>,
  onSave: (input: I) => Promise<void>,
): EditorActions<R> {
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<EditorBusy>(null);
  const [testResult, setTestResult] = useState<R | null>(null);

  const validated = (): I | null => {
    const r = check();
    if ('errors' in r) {
      setProblems(r.errors);
      return null;
    }
    setProblems([]);
    return r.input;
  };

  const test = async () => {
    const input = validated();
    if (input === null) return;
    setBusy('test');
    setError(null);
    setTestResult(null);
    try {
      setTestResult(await runTest(input));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    const input = validated();
    if (input === null) return;
    setBusy('save');
    setError(null);
    try {
      await onSave(input);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  };

  return { problems, error, dismissError: () => setError(null), busy, testResult, test, save };
}
