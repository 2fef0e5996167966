// Prometheus's /rules page: each group with its file, interval and last evaluation, and each rule
// (recording and alerting) with its definition, health, error, last evaluation and duration.
import type { RuleGroupView, RuleView } from '../../../../shared/rules/model';
import { formatDuration } from '../../../../shared/duration';
import { ErrorNote } from '../../components/ErrorNote';
import { useNow } from '../../hooks/useNow';
import { formatMs, formatRelativeTime, formatTimestamp } from '../../lib/format';
import { AlertsTabs } from './AlertsTabs';
import { LoadErrorBanner } from './LoadErrorBanner';
import { RuleDefinition } from './RuleDefinition';
import { useRules } from './useRules';
import { ruleEditLink, ruleEditorHash } from './editor/rule-draft';

const sourceLabel = { config: 'rule file', ui: 'created here', starter: 'starter rules' } as const;

export function RulesView() {
  const { status, error } = useRules(5000);
  const now = useNow(1000);
  return (
    <div className="view rules">
      <AlertsTabs current="rules" />
      <header className="view-header">
        <h1>Rules</h1>
        <div className="spacer" />
        <a className="btn btn-primary" href={ruleEditorHash()}>
          New rule
        </a>
      </header>
      <ErrorNote error={error} />
      {status?.loadError && <LoadErrorBanner error={status.loadError} />}
      {status === null && !error && <div className="view-loading">Loading…</div>}
      {status && status.groups.length === 0 && (
        <div className="card empty-inline">
          <p>
            No rule groups. Add <code>rule_files</code> to the Prometheus config (<code>--config</code>) or
            create a rule in the Alerts view.
          </p>
        </div>
      )}
      {status?.groups.map((g) => (
        <RuleGroupCard key={`${g.file}\u0000${g.name}`} group={g} now={now} />
      ))}
    </div>
  );
}

function Evaluated({ ms, now }: { ms: number; now: number }) {
  if (ms === 0) return <span className="muted">never</span>;
  return <span title={formatTimestamp(ms)}>{formatRelativeTime(ms, now)}</span>;
}

function RuleGroupCard({ group, now }: { group: RuleGroupView; now: number }) {
  return (
    <section className="card rule-group" data-group={group.name}>
      <header className="group-header">
        <h2>{group.name}</h2>
        <span className="muted small mono">{group.file || sourceLabel[group.source]}</span>
        <div className="spacer" />
        <span className="muted small">
          every {formatDuration(group.intervalMs)}
          {group.limit > 0 && ` · limit ${group.limit}`} · last{' '}
          <Evaluated ms={group.lastEvaluationMs} now={now} /> in {formatMs(group.evaluationDurationMs)}
        </span>
      </header>
      <div className="table-scroll">
        <table className="table rules-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Health</th>
              <th>Last evaluation</th>
              <th className="num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {group.rules.map((r, i) => (
              <RuleRow key={i} rule={r} now={now} edit={ruleEditLink(group, r, i)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RuleRow({
  rule,
  now,
  edit,
}: {
  rule: RuleView;
  now: number;
  edit?: { href: string; label: string };
}) {
  const health = rule.health === 'ok' ? 'up' : rule.health === 'err' ? 'down' : 'unknown';
  return (
    <tr className={rule.health === 'err' ? 'has-error' : undefined}>
      <td className="rule-cell">
        <RuleDefinition rule={rule} />
        {edit && (
          <a className="btn btn-small rule-edit" href={edit.href}>
            {edit.label}
          </a>
        )}
        {rule.lastError && (
          <p className="field-error rule-error">
            <strong>Error:</strong> {rule.lastError}
          </p>
        )}
      </td>
      <td>
        <span className={`state state-${health}`}>{rule.health.toUpperCase()}</span>
      </td>
      <td>
        <Evaluated ms={rule.lastEvaluationMs} now={now} />
      </td>
      <td className="num">{formatMs(rule.evaluationDurationMs)}</td>
    </tr>
  );
}
