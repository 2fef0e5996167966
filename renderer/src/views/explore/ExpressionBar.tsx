// A PromQL editor with its Run button and, under it, the engine's error for the current text
// (with line:column), shared by Explore and the PromQL panels.
import { useCallback, useState } from 'react';
import type { QueryCheck } from '../../../../shared/api';
import { bareMessage, lineColumn } from '../../lib/promql-check';
import { PromQLEditor } from './PromQLEditor';

export function ExpressionBar({
  value,
  onChange,
  onRun,
  label,
  autoFocus,
  datasource,
}: {
  value: string;
  onChange: (v: string) => void;
  onRun: (v: string) => void;
  label: string;
  autoFocus?: boolean;
  /** Completion from this remote datasource; absent = the local store. */
  datasource?: string;
}) {
  const [check, setCheck] = useState<{ check: QueryCheck; text: string } | null>(null);
  const onCheck = useCallback(
    (c: QueryCheck | null, text: string) => setCheck(c ? { check: c, text } : null),
    [],
  );
  const error = check && !check.check.ok && check.text === value ? check.check : null;
  const at = error ? lineColumn(value, error.start) : null;
  return (
    <>
      <div className="explore-editor-row">
        <PromQLEditor
          value={value}
          onChange={onChange}
          onRun={onRun}
          onCheck={onCheck}
          label={label}
          autoFocus={autoFocus}
          datasource={datasource}
        />
        <button type="button" className="btn btn-primary" onClick={() => onRun(value)}>
          Run
        </button>
      </div>
      {error && at && (
        <div className="explore-error" role="alert">
          <strong>
            {at.line}:{at.column}
          </strong>{' '}
          {bareMessage(error.message)}
        </div>
      )}
    </>
  );
}
