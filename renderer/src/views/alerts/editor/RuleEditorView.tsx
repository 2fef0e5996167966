// The rule editor (#/rules/edit): a new rule, a rule made here, or a copy of a starter rule. Name,
// expression (Explore's PromQL editor), for, keep_firing_for, labels and annotations, the group it
// goes in; a preview of the expression over the last hours with the spans it would have been
// pending and firing; Save checks the group as promtool would (each problem names the rule and
// the field) and writes it to the UI's rule file. Config rule files are not edited here.
import { useEffect, useState } from 'react';
import type { RuleInput, UiRulesState } from '../../../../../shared/rules/model';
import { useApi } from '../../../api-context';
import { ErrorNote } from '../../../components/ErrorNote';
import { errorMessage } from '../../../lib/error-message';
import { viewPath } from '../../../lib/route';
import { PromQLEditor } from '../../explore/PromQLEditor';
import { AlertsTabs } from '../AlertsTabs';
import { KeyValueRows } from './KeyValueRows';
import { RulePreview } from './RulePreview';
import { draftInterval, groupWithDraft, groupWithoutRule, initialDraft, type RuleDraft } from './rule-draft';

export function RuleEditorView({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const [state, setState] = useState<UiRulesState | null>(null);
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.getUiRules().then(
      (s) => {
        if (!live) return;
        setState(s);
        const d = initialDraft(s, params);
        if ('error' in d) setError(d.error);
        else setDraft(d);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view is keyed by its params: read once
  }, [api]);

  return (
    <div className="view rule-editor">
      <AlertsTabs current="rules" />
      <header className="view-header">
        <h1>{draft?.editing ? 'Edit rule' : params.has('starter') ? 'Edit a starter rule' : 'New rule'}</h1>
      </header>
      <ErrorNote error={error} />
      {state?.loadError && <ErrorNote error={`The rules made here could not be read: ${state.loadError}`} />}
      {!draft && !error && <div className="view-loading">Loading…</div>}
      {state && draft && <RuleForm state={state} initial={draft} />}
    </div>
  );
}

function RuleForm({ state, initial }: { state: UiRulesState; initial: RuleDraft }) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState(0);
  const rule = draft.rule;
  const setRule = (change: Partial<RuleInput>) => setDraft((d) => ({ ...d, rule: { ...d.rule, ...change } }));
  const isNewGroup = !state.groups.some((g) => g.name === draft.group);
  const interval = draftInterval(state, draft);

  const fail = (e: unknown) => setProblems(errorMessage(e).split('\n'));
  const save = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const group = groupWithDraft(state, draft);
      const found = await api.checkRuleGroup(group);
      if (found.length > 0) return setProblems(found);
      await api.putRuleGroup(group);
      location.hash = viewPath('rules');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!draft.editing || !confirm(`Delete the rule "${rule.name}"?`)) return;
    setBusy(true);
    try {
      const rest = groupWithoutRule(state, draft.editing);
      if (rest) await api.putRuleGroup(rest);
      else await api.deleteRuleGroup(draft.editing.group);
      location.hash = viewPath('rules');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form
        className="card rule-form"
        aria-label="Rule"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="rule-form-row">
          <div className="segmented" role="group" aria-label="Kind">
            {(['alert', 'record'] as const).map((k) => (
              <button
                key={k}
                type="button"
                className={rule.kind === k ? 'on' : undefined}
                aria-pressed={rule.kind === k}
                onClick={() => setRule({ kind: k })}
              >
                {k === 'alert' ? 'Alerting' : 'Recording'}
              </button>
            ))}
          </div>
          <label className="grow">
            {rule.kind === 'alert' ? 'Alert name' : 'Record (metric name)'}
            <input
              className="mono"
              value={rule.name}
              onChange={(e) => setRule({ name: e.target.value })}
              placeholder={rule.kind === 'alert' ? 'DiskAlmostFull' : 'job:up:sum'}
              required
            />
          </label>
        </div>
        <label className="rule-expr">
          <span>Expression</span>
          <PromQLEditor
            value={rule.expr}
            onChange={(v) => setRule({ expr: v })}
            onRun={(v) => {
              setRule({ expr: v });
              setRun((n) => n + 1);
            }}
            label="Expression"
            placeholder="PromQL (Enter previews, Shift+Enter for a new line)"
            autoFocus={initial.editing === null}
          />
        </label>
        <div className="rule-form-row">
          {rule.kind === 'alert' && (
            <>
              <label>
                For
                <input
                  className="mono duration"
                  value={rule.for}
                  placeholder="0s"
                  onChange={(e) => setRule({ for: e.target.value })}
                />
              </label>
              <label>
                Keep firing for
                <input
                  className="mono duration"
                  value={rule.keepFiringFor}
                  placeholder="0s"
                  onChange={(e) => setRule({ keepFiringFor: e.target.value })}
                />
              </label>
            </>
          )}
          <label>
            Group
            <input
              list="rule-editor-groups"
              value={draft.group}
              readOnly={draft.editing !== null}
              onChange={(e) => setDraft((d) => ({ ...d, group: e.target.value }))}
            />
            <datalist id="rule-editor-groups">
              {state.groups.map((g) => (
                <option key={g.name} value={g.name} />
              ))}
            </datalist>
          </label>
          <label>
            Group interval
            <input
              className="mono duration"
              value={interval}
              placeholder="global (1m)"
              readOnly={!isNewGroup}
              title={isNewGroup ? 'How often the new group is evaluated' : "The group's interval"}
              onChange={(e) => setDraft((d) => ({ ...d, interval: e.target.value }))}
            />
          </label>
        </div>
        <div className="rule-form-row top">
          <KeyValueRows title="Labels" value={rule.labels} onChange={(labels) => setRule({ labels })} />
          {rule.kind === 'alert' && (
            <KeyValueRows
              title="Annotations"
              value={rule.annotations}
              onChange={(annotations) => setRule({ annotations })}
              multiline
            />
          )}
        </div>
        {problems.length > 0 && (
          <ul className="field-error rule-problems" role="alert">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="btn" onClick={() => setRun((n) => n + 1)}>
            Preview
          </button>
          {draft.editing && (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()}>
              Delete
            </button>
          )}
          <a className="btn" href={viewPath('rules')}>
            Cancel
          </a>
        </div>
      </form>
      <RulePreview rule={rule} interval={interval} run={run} />
    </>
  );
}
