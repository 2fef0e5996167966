// "Relabel…": a button that opens the relabel debugger on a request (a target, a dropped target,
// or an empty label set), holding the dialog's open state itself so its callers stay small.
import { useState } from 'react';
import type { RelabelDebugRequest } from '../../../../shared/api';
import { RelabelDebugger } from './RelabelDebugger';

export function RelabelButton({
  request,
  title,
  label = 'Relabel…',
  className = 'btn btn-small',
}: {
  request: RelabelDebugRequest;
  title: string;
  label?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => setOpen(true)}
        title="Each relabel rule's step"
      >
        {label}
      </button>
      {open && <RelabelDebugger request={request} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
