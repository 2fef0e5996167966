// The foot of an editor form that can try its input before saving: the validation problems,
// the last Api error, the last test's result, then "Test", "Cancel" and "Save" (the submit).
import type { ReactNode } from 'react';
import type { EditorActions } from '../hooks/useEditorActions';
import { ErrorNote } from './ErrorNote';

export function FormFooter({
  actions,
  testLabel,
  testingLabel,
  testResult,
  onCancel,
}: {
  actions: EditorActions<unknown>;
  /** The test button's label, and its label while the test runs. */
  testLabel: string;
  testingLabel: string;
  /** The last test's result, as the form shows it. */
  testResult: ReactNode;
  onCancel: () => void;
}) {
  const { problems, error, dismissError, busy } = actions;
  return (
    <>
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} onDismiss={dismissError} />
      {testResult}

      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void actions.test()} disabled={busy !== null}>
          {busy === 'test' ? testingLabel : testLabel}
        </button>
        <div className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
    </>
  );
}
