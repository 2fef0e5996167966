// The editor's queries: several per panel, each in Explore's PromQL editor (completion, errors
// underlined) with its legend format, min step, format and range/instant type; add, duplicate,
// hide, reorder and remove; and the panel's query options (max data points, min interval,
// relative time, time shift). Typing changes the draft; Enter, leaving the editor or "Run queries"
// runs them in the preview.
import type { Panel, Target } from '../../../../../shared/dashboards/model';
import { PromQLEditor } from '../../explore/PromQLEditor';
import { CommitInput } from './CommitInput';
import {
  addTarget,
  duplicateTarget,
  moveItem,
  parseOptionalNumber,
  queryTypeOf,
  removeAt,
  withQueryType,
  type QueryType,
} from './panel-edit';

function QueryRow({
  target,
  index,
  count,
  onChange,
  onList,
  onRun,
}: {
  target: Target;
  index: number;
  count: number;
  /** Changes this query; `run` false while the expression is being typed. */
  onChange: (t: Target, run: boolean) => void;
  onList: (change: 'up' | 'down' | 'duplicate' | 'remove') => void;
  onRun: () => void;
}) {
  const id = target.refId;
  return (
    <li className={`pe-query${target.hide ? ' pe-query-hidden' : ''}`} data-ref-id={id}>
      <div className="pe-row pe-query-head">
        <strong>{id}</strong>
        <div className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={Boolean(target.hide)}
          aria-label={`${target.hide ? 'Show' : 'Hide'} query ${id}`}
          onClick={() => onChange({ ...target, hide: !target.hide || undefined }, true)}
        >
          {target.hide ? 'Show' : 'Hide'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Move query ${id} up`}
          disabled={index === 0}
          onClick={() => onList('up')}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Move query ${id} down`}
          disabled={index === count - 1}
          onClick={() => onList('down')}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Duplicate query ${id}`}
          onClick={() => onList('duplicate')}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Remove query ${id}`}
          onClick={() => onList('remove')}
        >
          Remove
        </button>
      </div>
      <div onBlur={onRun}>
        <PromQLEditor
          label={`Query ${id}`}
          value={target.expr ?? ''}
          onChange={(expr) => onChange({ ...target, expr }, false)}
          onRun={(expr) => onChange({ ...target, expr }, true)}
          placeholder="PromQL (Enter runs, Tab completes, Shift+Enter for a new line)"
        />
      </div>
      <div className="pe-row pe-wrap">
        <label className="pe-inline">
          Legend
          <CommitInput
            aria-label={`Legend ${id}`}
            placeholder="{{label}} or auto"
            value={target.legendFormat ?? ''}
            onCommit={(v) => onChange({ ...target, legendFormat: v || undefined }, true)}
          />
        </label>
        <label className="pe-inline">
          Min step
          <CommitInput
            aria-label={`Min step ${id}`}
            placeholder="e.g. 30s"
            size={8}
            value={target.interval ?? ''}
            onCommit={(v) => onChange({ ...target, interval: v.trim() || undefined }, true)}
          />
        </label>
        <label className="pe-inline">
          Format
          <select
            aria-label={`Format ${id}`}
            value={target.format === 'table' ? 'table' : 'time_series'}
            onChange={(e) => onChange({ ...target, format: e.target.value }, true)}
          >
            <option value="time_series">Time series</option>
            <option value="table">Table</option>
          </select>
        </label>
        <label className="pe-inline">
          Type
          <select
            aria-label={`Type ${id}`}
            value={queryTypeOf(target)}
            onChange={(e) => onChange(withQueryType(target, e.target.value as QueryType), true)}
          >
            <option value="range">Range</option>
            <option value="instant">Instant</option>
            <option value="both">Both</option>
          </select>
        </label>
      </div>
    </li>
  );
}

function PanelQueryOptions({ panel, onChange }: { panel: Panel; onChange: (p: Panel) => void }) {
  const text = (key: 'interval' | 'timeFrom' | 'timeShift', label: string, hint: string) => (
    <label className="pe-inline">
      {label}
      <CommitInput
        aria-label={label}
        placeholder={hint}
        size={8}
        value={typeof panel[key] === 'string' ? panel[key] : ''}
        onCommit={(v) => onChange({ ...panel, [key]: v.trim() || undefined })}
      />
    </label>
  );
  return (
    <div className="pe-row pe-wrap pe-query-options" role="group" aria-label="Query options">
      <label className="pe-inline">
        Max data points
        <CommitInput
          aria-label="Max data points"
          placeholder="width"
          size={8}
          value={typeof panel.maxDataPoints === 'number' ? String(panel.maxDataPoints) : ''}
          onCommit={(v) => {
            const n = parseOptionalNumber(v);
            if (n === undefined || (n !== null && n > 0))
              onChange({ ...panel, maxDataPoints: n === undefined ? undefined : Math.round(n) });
          }}
        />
      </label>
      {text('interval', 'Min interval', 'e.g. 1m')}
      {text('timeFrom', 'Relative time', 'e.g. 1h')}
      {text('timeShift', 'Time shift', 'e.g. 1d')}
    </div>
  );
}

export function QueriesEditor({
  panel,
  onChange,
  onRun,
}: {
  panel: Panel;
  /** A new draft; `run` asks the preview to query again. */
  onChange: (p: Panel, run: boolean) => void;
  onRun: () => void;
}) {
  const targets = panel.targets ?? [];
  const setTargets = (t: Target[], run = true) => onChange({ ...panel, targets: t }, run);
  return (
    <section className="pe-queries" aria-label="Queries">
      <PanelQueryOptions panel={panel} onChange={(p) => onChange(p, true)} />
      <ol>
        {targets.map((t, i) => (
          <QueryRow
            key={t.refId}
            target={t}
            index={i}
            count={targets.length}
            onRun={onRun}
            onChange={(next, run) =>
              setTargets(
                targets.map((x, j) => (j === i ? next : x)),
                run,
              )
            }
            onList={(c) =>
              setTargets(
                c === 'up'
                  ? moveItem(targets, i, -1)
                  : c === 'down'
                    ? moveItem(targets, i, 1)
                    : c === 'duplicate'
                      ? duplicateTarget(targets, i)
                      : removeAt(targets, i),
              )
            }
          />
        ))}
      </ol>
      <div className="pe-row">
        <button type="button" className="btn btn-small" onClick={() => setTargets(addTarget(targets), false)}>
          + Add query
        </button>
        <button type="button" className="btn btn-small" onClick={onRun}>
          Run queries
        </button>
      </div>
    </section>
  );
}
