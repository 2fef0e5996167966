// The starter home-lab rules Promdesk ships (shared/rules/starters/), on or off in one click; each
// opens in the rule editor as a copy, which then replaces the starter rule of its name.
import { useEffect, useState } from 'react';
import type { UiRulesState } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { errorMessage } from '../../lib/error-message';
import { ruleEditorHash } from './editor/rule-draft';

export function StarterRules({ onChanged }: { onChanged?: () => void }) {
  const api = useApi();
  const [state, setState] = useState<UiRulesState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    api.getUiRules().then(
      (s) => live && setState(s),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!state) return <ErrorNote error={error} />;
  const rules = state.starters.flatMap((g) => g.rules);
  const replaced = new Set(state.groups.flatMap((g) => g.rules.map((r) => r.name)));
  const toggle = async () => {
    setBusy(true);
    try {
      setState(await api.setStarterRules(!state.startersEnabled));
      setError(null);
      onChanged?.();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card starter-rules" aria-label="Starter rules">
      <header className="group-header">
        <h2>Starter home-lab rules</h2>
        <span className="muted small">
          {rules.length} alerts: targets down, disks filling, memory, clocks, Promdesk&apos;s own health
        </span>
        <div className="spacer" />
        <button type="button" className="btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'} rules
        </button>
        <button
          type="button"
          className={state.startersEnabled ? 'btn' : 'btn btn-primary'}
          disabled={busy}
          onClick={() => void toggle()}
        >
          {state.startersEnabled ? 'Turn off starter rules' : 'Enable starter rules'}
        </button>
      </header>
      <ErrorNote error={error} />
      {open && (
        <ul className="starter-rule-list">
          {rules.map((r) => (
            <li key={r.name}>
              <span className="mono">{r.name}</span>{' '}
              <span className="muted small">{r.annotations.summary?.replace(/\{\{[^}]*\}\}/g, '…')}</span>{' '}
              {replaced.has(r.name) ? (
                <span className="muted small">(replaced by a rule made here)</span>
              ) : (
                <a className="btn-link small" href={ruleEditorHash({ starter: r.name })}>
                  Edit a copy
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
