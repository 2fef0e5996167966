// One job's endpoints: state, labels (and a config target's labels before relabeling), last
// scrape, duration, samples, the last error in full, and the actions a UI-added target allows
// (config-file targets are read-only).
import { useState } from 'react';
import type { TargetView } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { useNow } from '../hooks/useNow';
import { useRowAction } from '../hooks/useRowAction';
import { formatMs, formatRelativeTime, formatTimestamp } from '../lib/format';
import type { TargetGroup } from '../lib/target-groups';
import { kindBadge } from '../lib/target-kinds';
import { RelabelButton } from './relabel/RelabelButton';

export function TargetTable({
  group,
  onEdit,
  scrapingPaused = false,
}: {
  group: TargetGroup;
  onEdit: (t: TargetView) => void;
  /** Every loop is paused (Pause scraping): each row says so. */
  scrapingPaused?: boolean;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const now = useNow(1000);
  // Red only when a scrape failed: a target not scraped yet (or paused) is not down.
  const countClass =
    group.down > 0 ? 'count-down' : group.up === group.targets.length ? 'count-up' : 'count-pending';
  return (
    <section className="card target-group">
      <header className="group-header">
        <button
          type="button"
          className="btn-link group-toggle"
          onClick={() => setCollapsed((c) => !c)}
          aria-expanded={!collapsed}
        >
          <span className={collapsed ? 'chevron' : 'chevron open'}>›</span>
          <h2>{group.job}</h2>
        </button>
        <span className={`count ${countClass}`}>
          {group.up} / {group.targets.length} up
        </span>
      </header>
      {!collapsed && (
        <div className="table-scroll">
          <table className="table targets-table">
            <colgroup>
              <col className="c-endpoint" />
              <col className="c-state" />
              <col />
              <col className="c-last" />
              <col className="c-num" />
              <col className="c-num" />
              <col className="c-actions" />
            </colgroup>
            <thead>
              <tr>
                <th>Endpoint</th>
                <th>State</th>
                <th>Labels</th>
                <th>Last scrape</th>
                <th className="num">Duration</th>
                <th className="num">Samples</th>
                <th className="actions-col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {group.targets.map((t) => (
                <TargetRow key={t.id} t={t} now={now} onEdit={onEdit} scrapingPaused={scrapingPaused} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A config target's labels before relabel_configs, as Prometheus shows them beside the final ones. */
export function DiscoveredLabels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <details className="discovered-labels">
      <summary className="muted small">before relabeling ({entries.length})</summary>
      {entries.map(([k, v]) => (
        <span key={k} className="label-chip label-chip-discovered">
          {k}="{v}"
        </span>
      ))}
    </details>
  );
}

function TargetRow({
  t,
  now,
  onEdit,
  scrapingPaused,
}: {
  t: TargetView;
  now: number;
  onEdit: (t: TargetView) => void;
  scrapingPaused: boolean;
}) {
  const api = useApi();
  const { busy, error, dismissError, run, confirmRemove, setConfirmRemove } = useRowAction();
  const readOnly = t.source === 'config';
  // "unknown" before the first scrape has finished is a target still starting: pending, in grey.
  const state =
    t.paused || scrapingPaused
      ? 'paused'
      : t.health === 'unknown' && t.lastScrapeMs === null
        ? 'pending'
        : t.health;
  const labels = Object.entries(t.targetLabels).sort(([a], [b]) => a.localeCompare(b));
  const kind = kindBadge(t.input.kind);

  return (
    <>
      <tr className={t.lastError || t.warnings.length > 0 ? 'has-error' : undefined}>
        <td className="endpoint">
          <a href={t.input.url} target="_blank" rel="noreferrer noopener" className="mono">
            {t.input.url}
          </a>
          {t.scrapeUrl && (
            <div className="muted small" title="Where its relabel_configs send the scrape">
              scraped at <span className="mono">{t.scrapeUrl}</span>
            </div>
          )}
          {kind && (
            <span className="badge badge-kind" title={`A ${kind} target`}>
              {kind}
            </span>
          )}
          {readOnly && (
            <span className="badge" title="Defined in the --config file; edit the file to change it">
              from config file
            </span>
          )}
        </td>
        <td>
          <span className={`state state-${state}`}>{state.toUpperCase()}</span>
        </td>
        <td className="labels">
          {labels.map(([k, v]) => (
            <span key={k} className="label-chip">
              {k}="{v}"
            </span>
          ))}
          {t.discoveredLabels && <DiscoveredLabels labels={t.discoveredLabels} />}
        </td>
        <td title={t.lastScrapeMs ? formatTimestamp(t.lastScrapeMs) : undefined}>
          {t.lastScrapeMs ? formatRelativeTime(t.lastScrapeMs, now) : <span className="muted">never</span>}
          <div className="muted small">every {formatMs(t.input.intervalMs)}</div>
          {/* Where the table is narrow, the Duration and Samples columns give way to this line. */}
          {t.lastDurationMs !== null && (
            <div className="muted small compact-only">
              {formatMs(t.lastDurationMs)} · {t.lastSamples?.toLocaleString() ?? '—'} samples
            </div>
          )}
        </td>
        <td className="num">{t.lastDurationMs === null ? '—' : formatMs(t.lastDurationMs)}</td>
        <td className="num">{t.lastSamples === null ? '—' : t.lastSamples.toLocaleString()}</td>
        <td className="actions">
          <RelabelButton request={{ targetId: t.id }} title={t.input.url} />
          {!readOnly && (
            <div className="row-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => onEdit(t)}>
                Edit
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => void run(() => api.setTargetPaused(t.id, !t.paused))}
              >
                {t.paused ? 'Resume' : 'Pause'}
              </button>
              <button
                type="button"
                className={confirmRemove ? 'btn btn-small btn-danger' : 'btn btn-small'}
                disabled={busy}
                onClick={() => {
                  if (confirmRemove) void run(() => api.removeTarget(t.id));
                  else setConfirmRemove(true);
                }}
              >
                {confirmRemove ? 'Confirm remove' : 'Remove'}
              </button>
            </div>
          )}
        </td>
      </tr>
      {(t.lastError || error || t.warnings.length > 0) && (
        <tr className="error-row">
          <td colSpan={7}>
            {t.warnings.map((w) => (
              <p key={w} className="target-warning">
                {w}
              </p>
            ))}
            {t.lastError && <pre className="error-pre">{t.lastError}</pre>}
            <ErrorNote error={error} onDismiss={dismissError} />
          </td>
        </tr>
      )}
    </>
  );
}
