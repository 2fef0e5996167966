// A rule as it reads in its rule file (Prometheus's /alerts and /rules show the same), with the
// expression highlighted and linked to Explore's table (as Prometheus links it to its graph).
import { memo } from 'react';
import { formatDuration } from '../../../../shared/duration';
import type { RuleView } from '../../../../shared/rules/model';
import { formatHash } from '../../lib/route';
import { PromQLCode } from './PromQLCode';
import { sortedLabels } from './alert-filters';

function quoted(v: string): string {
  return JSON.stringify(v);
}

/** Memoised: the views re-render every second for their relative times; a definition changes only with a poll. */
export const RuleDefinition = memo(function RuleDefinition({ rule }: { rule: RuleView }) {
  const labels = sortedLabels(rule.labels);
  const annotations = Object.entries(rule.annotations);
  return (
    <pre className="rule-definition">
      <span className="rule-key">{rule.kind === 'alert' ? 'alert' : 'record'}:</span> {rule.name}
      {'\n'}
      <span className="rule-key">expr:</span>{' '}
      <a
        className="rule-expr"
        href={formatHash('explore', { q: rule.expr, tab: 'table' })}
        title="Open in Explore"
      >
        <PromQLCode expr={rule.expr} />
      </a>
      {rule.forMs > 0 && (
        <>
          {'\n'}
          <span className="rule-key">for:</span> {formatDuration(rule.forMs)}
        </>
      )}
      {rule.keepFiringForMs > 0 && (
        <>
          {'\n'}
          <span className="rule-key">keep_firing_for:</span> {formatDuration(rule.keepFiringForMs)}
        </>
      )}
      {labels.length > 0 && (
        <>
          {'\n'}
          <span className="rule-key">labels:</span>
          {labels.map(([k, v]) => `\n  ${k}: ${quoted(v)}`).join('')}
        </>
      )}
      {annotations.length > 0 && (
        <>
          {'\n'}
          <span className="rule-key">annotations:</span>
          {annotations.map(([k, v]) => `\n  ${k}: ${quoted(v)}`).join('')}
        </>
      )}
    </pre>
  );
});
