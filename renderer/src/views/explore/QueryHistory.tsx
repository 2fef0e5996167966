// Recent queries, newest first: a click puts one back in the editor and runs it.
import type { HistoryEntry } from '../../lib/explore-history';
import { formatRelativeTime } from '../../lib/format';

export function QueryHistory({
  entries,
  onPick,
  onClear,
}: {
  entries: HistoryEntry[];
  onPick: (query: string) => void;
  onClear: () => void;
}) {
  return (
    <aside className="card explore-history" aria-label="Query history">
      <header className="panel-header">
        <h2>History</h2>
        {entries.length > 0 && (
          <button type="button" className="btn-link" onClick={onClear}>
            Clear
          </button>
        )}
      </header>
      {entries.length === 0 ? (
        <p className="hint">Queries you run appear here.</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.query}>
              <button type="button" className="history-item" title={e.query} onClick={() => onPick(e.query)}>
                <code>{e.query}</code>
                <span className="muted small">{formatRelativeTime(e.atMs, Date.now())}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
