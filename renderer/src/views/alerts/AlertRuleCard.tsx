// One alerting rule on the Alerts page: its state and counts, and, opened, its definition and
// active alerts (labels, state, since, value, annotations) with the silence actions per alert.
import { useState } from 'react';
import type { AlertView, RuleView } from '../../../../shared/rules/model';
import { useApi } from '../../api-context';
import { ErrorNote } from '../../components/ErrorNote';
import { useRowAction } from '../../hooks/useRowAction';
import { formatNumber, formatRelativeTime, formatTimestamp } from '../../lib/format';
import { formatHash } from '../../lib/route';
import { alertCounts, sortedLabels } from './alert-filters';
import { RuleDefinition } from './RuleDefinition';
import { matchersParam } from './silence-form';

const HOUR = 3_600_000;

export function AlertRuleCard({
  rule,
  now,
  onChanged,
  edit,
}: {
  rule: RuleView;
  now: number;
  /** Where the rule opens in the rule editor (rules made here, starter rules); none: read-only. */
  edit?: { href: string; label: string };
  /** A silence was made: the caller reloads the rules so the mark shows. */
  onChanged: () => void;
}) {
  // Rules with active alerts open by default, as the ones to look at.
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = open ?? rule.alerts.length > 0;
  const counts = alertCounts(rule.alerts);
  return (
    <section className={`card alert-rule alert-rule-${rule.state}`} data-rule={rule.name}>
      <header className="group-header">
        <button
          type="button"
          className="btn-link group-toggle"
          onClick={() => setOpen(!expanded)}
          aria-expanded={expanded}
        >
          <span className={expanded ? 'chevron open' : 'chevron'}>›</span>
          <h2>{rule.name}</h2>
        </button>
        <span className={`state alert-state-${rule.state}`}>{rule.state.toUpperCase()}</span>
        {counts.firing > 0 && <span className="count alert-count-firing">{counts.firing} firing</span>}
        {counts.pending > 0 && <span className="count alert-count-pending">{counts.pending} pending</span>}
        {rule.health === 'err' && (
          <span className="state state-down" title={rule.lastError}>
            ERROR
          </span>
        )}
        {edit && (
          <>
            <div className="spacer" />
            <a className="btn btn-small rule-edit" href={edit.href}>
              {edit.label}
            </a>
          </>
        )}
      </header>
      {expanded && (
        <div className="alert-rule-body">
          <RuleDefinition rule={rule} />
          {rule.lastError && <p className="field-error">{rule.lastError}</p>}
          {rule.alerts.length > 0 && (
            <div className="table-scroll">
              <table className="table alerts-table">
                <thead>
                  <tr>
                    <th>Labels</th>
                    <th>State</th>
                    <th>Active since</th>
                    <th className="num">Value</th>
                    <th className="actions-col">Silence</th>
                  </tr>
                </thead>
                <tbody>
                  {rule.alerts.map((a) => (
                    <AlertRow key={alertKey(a)} alert={a} now={now} onChanged={onChanged} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function alertKey(a: AlertView): string {
  return JSON.stringify(sortedLabels(a.labels));
}

function AlertRow({ alert, now, onChanged }: { alert: AlertView; now: number; onChanged: () => void }) {
  const api = useApi();
  const { busy, error, dismissError, run } = useRowAction();
  const silence = (ms: number) =>
    run(async () => {
      await api.silenceAlert(alert.labels, ms);
      onChanged();
    });
  const annotations = Object.entries(alert.annotations);
  return (
    <>
      <tr className={`alert-row alert-row-${alert.state}`}>
        <td className="labels">
          {sortedLabels(alert.labels).map(([k, v]) => (
            <span key={k} className="label-chip">
              {k}="{v}"
            </span>
          ))}
          {alert.silenced && (
            <span
              className="badge badge-silenced"
              title="A silence or mute all covers it: it is not notified"
            >
              silenced
            </span>
          )}
          {annotations.length > 0 && (
            <dl className="annotations">
              {annotations.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
        </td>
        <td>
          <span className={`state alert-state-${alert.state}`}>{alert.state.toUpperCase()}</span>
        </td>
        <td title={formatTimestamp(alert.activeAtMs)}>{formatRelativeTime(alert.activeAtMs, now)}</td>
        <td className="num mono">{formatNumber(alert.value, 6)}</td>
        <td className="actions">
          <button
            type="button"
            className="btn btn-small"
            aria-label="Silence 1h"
            disabled={busy}
            onClick={() => void silence(HOUR)}
          >
            1h
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label="Silence 1d"
            disabled={busy}
            onClick={() => void silence(24 * HOUR)}
          >
            1d
          </button>
          <a
            className="btn btn-small"
            aria-label="Silence…"
            href={formatHash('silences', { matchers: matchersParam(alert.labels) })}
          >
            Custom…
          </a>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={5}>
            <ErrorNote error={error} onDismiss={dismissError} />
          </td>
        </tr>
      )}
    </>
  );
}
