// Prometheus's /targets page and the target editor in one, updated live from `targets` events.
import { useState } from 'react';
import type { TargetInput, TargetView } from '../../../shared/api';
import { useApi } from '../api-context';
import { ErrorNote } from '../components/ErrorNote';
import { useScrapingPaused } from '../hooks/useScrapingPaused';
import { useTargets } from '../hooks/useTargets';
import { groupTargets } from '../lib/target-groups';
import { ConfigStatus } from './ConfigStatus';
import { DroppedTargets } from './DroppedTargets';
import { ExporterOffers } from './probe/ExporterOffers';
import { RemoteWriteSection } from './RemoteWriteSection';
import { TargetForm } from './TargetForm';
import { TargetTable } from './TargetTable';
import { RelabelButton } from './relabel/RelabelButton';

/** The standalone debugger starts from an address and no rules. */
const STANDALONE = { labels: { __address__: 'localhost:9100' }, rules: '' };

type Editing = { mode: 'add' } | { mode: 'edit'; target: TargetView } | null;

export function TargetsView({ params }: { params: URLSearchParams }) {
  const api = useApi();
  const { targets, error } = useTargets();
  const scraping = useScrapingPaused();
  const [editing, setEditing] = useState<Editing>(() => (params.get('add') ? { mode: 'add' } : null));
  const [filter, setFilter] = useState('');
  const [onlyUnhealthy, setOnlyUnhealthy] = useState(false);
  const [finding, setFinding] = useState(false);

  const closeForm = () => {
    setEditing(null);
    if (location.hash !== '#/targets') history.replaceState(null, '', '#/targets');
  };
  const save = async (input: TargetInput) => {
    if (editing?.mode === 'edit') await api.updateTarget(editing.target.id, input);
    else await api.addTarget(input);
    closeForm();
  };

  const groups = targets ? groupTargets(targets, filter, onlyUnhealthy) : [];
  const total = targets?.length ?? 0;
  const up = targets?.filter((t) => t.health === 'up').length ?? 0;

  return (
    <div className="view targets">
      <header className="view-header">
        <h1>Targets</h1>
        {targets && total > 0 && (
          <span className="summary">
            <span className="stat stat-up">
              <strong>{up}</strong> / {total} up
            </span>
          </span>
        )}
        <div className="spacer" />
        <input
          type="search"
          className="filter"
          placeholder="Filter by URL, job, label, error"
          aria-label="Filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={onlyUnhealthy}
            onChange={(e) => setOnlyUnhealthy(e.target.checked)}
          />
          Unhealthy only
        </label>
        {scraping.paused !== null && (
          <button
            type="button"
            className="btn"
            aria-pressed={scraping.paused}
            title={scraping.paused ? undefined : 'Pause every target: none is scraped until you resume'}
            disabled={scraping.busy}
            onClick={() => void scraping.setPaused(!scraping.paused)}
          >
            {scraping.paused ? 'Resume scraping' : 'Pause scraping'}
          </button>
        )}
        <button
          type="button"
          className="btn"
          aria-pressed={finding}
          title="Look for exporters on this machine's loopback at their usual ports"
          onClick={() => setFinding((f) => !f)}
        >
          Find exporters
        </button>
        <RelabelButton
          request={STANDALONE}
          title="labels of your own"
          label="Relabel debugger"
          className="btn"
        />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEditing({ mode: 'add' })}
          disabled={!!editing}
        >
          + Add endpoint
        </button>
      </header>
      {scraping.paused && (
        <div className="scraping-paused" role="status">
          Scraping is paused: no target is scraped until you resume. Targets keep their own pause settings.
        </div>
      )}
      <ErrorNote error={scraping.error} />
      <ErrorNote error={error} />
      <ConfigStatus />
      {editing && (
        <TargetForm
          key={editing.mode === 'edit' ? editing.target.id : 'new'}
          title={editing.mode === 'edit' ? `Edit ${editing.target.input.url}` : 'New scrape endpoint'}
          initial={editing.mode === 'edit' ? editing.target.input : undefined}
          onSave={save}
          onCancel={closeForm}
        />
      )}
      {finding && <ExporterOffers onClose={() => setFinding(false)} />}
      {targets === null && !error && <div className="view-loading">Loading…</div>}
      {targets && total === 0 && !editing && (
        <div className="card empty-inline">
          <p>
            No scrape endpoints yet. Add one to start collecting metrics, or start Promdesk with a Prometheus
            config file (<code>--config prometheus.yml</code>).
          </p>
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ mode: 'add' })}>
            + Add endpoint
          </button>
        </div>
      )}
      {targets && total === 0 && !finding && <ExporterOffers firstStart />}
      {targets && total > 0 && groups.length === 0 && <p className="hint">Nothing matches the filter.</p>}
      {groups.map((g) => (
        <TargetTable
          key={g.job}
          group={g}
          onEdit={(t) => setEditing({ mode: 'edit', target: t })}
          scrapingPaused={scraping.paused === true}
        />
      ))}
      <DroppedTargets />
      <RemoteWriteSection />
    </div>
  );
}
