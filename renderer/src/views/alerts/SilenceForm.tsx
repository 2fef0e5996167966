// The silence form: matchers (name, operator, value; rows added and removed), an end as a
// duration or a time, a comment and who creates it. Its own checks and the Api's errors are shown
// at the field they name.
import { useState, type FormEvent } from 'react';
import type { SilenceInput } from '../../../../shared/rules/model';
import { matchOps, type MatchOp } from '../../lib/selector';
import { errorMessage } from '../../lib/error-message';
import {
  checkDraft,
  fieldOfError,
  type FieldErrors,
  type SilenceDraft,
  type SilenceField,
} from './silence-form';

export function SilenceForm({
  title,
  initial,
  onSave,
  onCancel,
}: {
  title: string;
  initial: SilenceDraft;
  /** Rejects with the Api's error, shown at its field. */
  onSave: (input: SilenceInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SilenceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setMatcher = (i: number, patch: Partial<SilenceDraft['matchers'][number]>) =>
    setDraft((d) => ({ ...d, matchers: d.matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkDraft(draft, Date.now());
    setFormError(null);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSave(checked.input);
    } catch (err) {
      const { field, text } = fieldOfError(errorMessage(err));
      // A matcher's index counts the rows sent; blank rows were left out.
      const at: SilenceField | null = field?.startsWith('matcher.')
        ? `matcher.${checked.rows[Number(field.slice(8))] ?? 0}`
        : field === 'duration' && draft.until === 'end'
          ? 'endsAt'
          : field;
      if (at) setErrors({ [at]: text });
      else setFormError(text);
    } finally {
      setBusy(false);
    }
  };

  const err = (f: SilenceField) =>
    errors[f] ? (
      <span className="field-error" role="alert">
        {errors[f]}
      </span>
    ) : null;

  return (
    <form className="card silence-form" onSubmit={(e) => void submit(e)} aria-label={title}>
      <h2>{title}</h2>
      <fieldset className="silence-matchers">
        <legend>Matchers</legend>
        {draft.matchers.map((m, i) => (
          <div key={i} className="matcher-row">
            <input
              type="text"
              className="mono"
              aria-label={`Matcher ${i + 1} label`}
              placeholder="label"
              value={m.name}
              onChange={(e) => setMatcher(i, { name: e.target.value })}
            />
            <select
              aria-label={`Matcher ${i + 1} operator`}
              value={m.op}
              onChange={(e) => setMatcher(i, { op: e.target.value as MatchOp })}
            >
              {matchOps.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <input
              type="text"
              className="mono"
              aria-label={`Matcher ${i + 1} value`}
              placeholder="value"
              value={m.value}
              onChange={(e) => setMatcher(i, { value: e.target.value })}
            />
            <button
              type="button"
              className="btn-icon"
              aria-label={`Remove matcher ${i + 1}`}
              disabled={draft.matchers.length === 1}
              onClick={() => set({ matchers: draft.matchers.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            {err(`matcher.${i}`)}
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set({ matchers: [...draft.matchers, { name: '', op: '=', value: '' }] })}
        >
          + Matcher
        </button>
        {err('matchers')}
      </fieldset>
      <div className="silence-end">
        <div className="segmented" role="group" aria-label="Ends">
          <button
            type="button"
            className={draft.until === 'duration' ? 'on' : undefined}
            onClick={() => set({ until: 'duration' })}
          >
            After
          </button>
          <button
            type="button"
            className={draft.until === 'end' ? 'on' : undefined}
            onClick={() => set({ until: 'end' })}
          >
            At
          </button>
        </div>
        {draft.until === 'duration' ? (
          <label>
            Duration
            <input type="text" value={draft.duration} onChange={(e) => set({ duration: e.target.value })} />
            {err('duration')}
          </label>
        ) : (
          <label>
            End
            <input
              type="datetime-local"
              value={draft.endsAt}
              onChange={(e) => set({ endsAt: e.target.value })}
            />
            {err('endsAt')}
          </label>
        )}
      </div>
      <label>
        Created by
        <input type="text" value={draft.createdBy} onChange={(e) => set({ createdBy: e.target.value })} />
        {err('createdBy')}
      </label>
      <label>
        Comment
        <textarea rows={2} value={draft.comment} onChange={(e) => set({ comment: e.target.value })} />
        {err('comment')}
      </label>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save silence
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
