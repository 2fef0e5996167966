// Prometheus's /alerts page: every alerting rule with its state, filtered by state (checkboxes
// with the count of rules in each) and by a search text; a rule opens to its definition and its
// active alerts, each with its silence actions.
import { useMemo, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useNow } from '../../hooks/useNow';
import { EnableNotifications } from '../../notify/EnableNotifications';
import { AlertRuleCard } from './AlertRuleCard';
import { AlertsTabs } from './AlertsTabs';
import {
  ALERT_RULE_STATES,
  alertingRules,
  filterAlertRules,
  stateCounts,
  type AlertRuleState,
} from './alert-filters';
import { LoadErrorBanner } from './LoadErrorBanner';
import { useRules } from './useRules';
import { ruleEditLink, ruleEditorHash } from './editor/rule-draft';
import { StarterRules } from './StarterRules';

/** `#/alerts?search=<text>` opens the view filtered (a notification's click does, with its alert's name). */
export function AlertsView({ params }: { params: URLSearchParams }) {
  const { status, error, refresh } = useRules();
  const now = useNow(1000);
  const [states, setStates] = useState<ReadonlySet<AlertRuleState>>(() => new Set(ALERT_RULE_STATES));
  const [search, setSearch] = useState(() => params.get('search') ?? '');
  const entries = useMemo(() => (status ? alertingRules(status) : []), [status]);
  const counts = stateCounts(entries);
  const shown = filterAlertRules(entries, states, search);
  const toggle = (s: AlertRuleState, on: boolean) =>
    setStates((prev) => {
      const next = new Set(prev);
      if (on) next.add(s);
      else next.delete(s);
      return next;
    });

  return (
    <div className="view alerts">
      <AlertsTabs current="alerts" />
      <header className="view-header">
        <h1>Alerts</h1>
        <div className="alert-state-filters" role="group" aria-label="Show rules that are">
          {ALERT_RULE_STATES.map((s) => (
            <label key={s} className={`check alert-filter-${s}`}>
              <input type="checkbox" checked={states.has(s)} onChange={(e) => toggle(s, e.target.checked)} />
              {s[0].toUpperCase() + s.slice(1)} ({counts[s]})
            </label>
          ))}
        </div>
        <div className="spacer" />
        <input
          type="search"
          className="filter"
          placeholder="Filter by name or labels"
          aria-label="Filter alerts"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <EnableNotifications />
        <a className="btn btn-primary" href={ruleEditorHash()}>
          New rule
        </a>
      </header>
      <ErrorNote error={error} />
      {status?.loadError && <LoadErrorBanner error={status.loadError} />}
      <StarterRules onChanged={refresh} />
      {status === null && !error && <div className="view-loading">Loading…</div>}
      {status && entries.length === 0 && (
        <div className="card empty-inline">
          <p>
            No alerting rules. Add <code>rule_files</code> to the Prometheus config (<code>--config</code>) or
            create a rule here.
          </p>
        </div>
      )}
      {entries.length > 0 && shown.length === 0 && <p className="hint">Nothing matches the filter.</p>}
      {shown.map(({ group, rule }) => (
        <AlertRuleCard
          key={`${group.file}\u0000${group.name}\u0000${group.rules.indexOf(rule)}`}
          rule={rule}
          now={now}
          onChanged={refresh}
          edit={ruleEditLink(group, rule, group.rules.indexOf(rule))}
        />
      ))}
    </div>
  );
}
